import { describe, expect, it } from 'vitest';
import { SECOND } from '../clock.js';
import { resolveOptions } from '../options.js';
import { createScenario } from './scenario/index.js';
import { createWorld } from './world.js';

describe('the kf_msg_or_event hook', () => {
  it('announces every logged message with a fresh token for its account', () => {
    const world = createWorld(resolveOptions());
    const scenario = createScenario(world);
    const heard: { open_kfid: string; token: string; createTime: number }[] = [];
    const off = world.events.on('kf_msg_or_event', (notification) => heard.push(notification));
    const open_kfid = scenario.createAccount();
    const external_userid = scenario.createCustomer();
    scenario.enterSession({ open_kfid, external_userid });
    world.clock.advance(SECOND);
    scenario.customerSends({
      open_kfid,
      external_userid,
      message: { msgtype: 'text', text: { content: 'hi' } },
    });
    off();
    scenario.customerSends({
      open_kfid,
      external_userid,
      message: { msgtype: 'text', text: { content: 'unheard' } },
    });
    expect(heard).toEqual([
      { open_kfid, token: expect.stringMatching(/^ENC/), createTime: 1704067200 },
      { open_kfid, token: expect.stringMatching(/^ENC/), createTime: 1704067201 },
    ]);
    expect(heard[0]?.token).not.toBe(heard[1]?.token);
    expect(world.state.syncTokens.get(heard[1]?.token ?? '')).toEqual({
      open_kfid,
      expiresAt: world.clock.now() + 600 * SECOND,
    });
  });
});
