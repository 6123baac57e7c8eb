import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, SECOND } from '../clock.js';
import { resolveOptions } from '../options.js';
import type { KfMockMessageContent } from '../scenario.js';
import type { KfMockSession } from '../world-view.js';
import { createWorldView } from '../world-view.js';
import { createScenario } from './scenario/index.js';
import { createWorld } from './world.js';

describe('the kf_msg_or_event hook', () => {
  it('announces every logged message with a fresh token for its account', () => {
    const world = createWorld(resolveOptions({ startTime: Date.UTC(2024, 0, 1) }));
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

describe('state before notification', () => {
  function setup() {
    const world = createWorld(resolveOptions());
    const scenario = createScenario(world);
    const view = createWorldView(world);
    const open_kfid = scenario.createAccount();
    scenario.addServicer(open_kfid, 'zhangsan');
    scenario.addServicer(open_kfid, 'lisi');
    const external_userid = scenario.createCustomer();
    const seen: KfMockSession[] = [];
    world.events.on('kf_msg_or_event', () => seen.push(view.session(open_kfid, external_userid)));
    return { world, scenario, ids: { open_kfid, external_userid }, seen };
  }
  const text = (content: string): KfMockMessageContent => ({ msgtype: 'text', text: { content } });

  it('lets a synchronous listener of a customer message see the restarted session, window and quota', () => {
    const { world, scenario, ids, seen } = setup();
    scenario.customerSends({ ...ids, message: text('first') });
    world.clock.advance(48 * HOUR + MINUTE); // the session ended by silence
    seen.length = 0;
    scenario.customerSends({ ...ids, message: text('again') });
    expect(seen).toEqual([
      {
        service_state: 0,
        last_customer_msg_at: world.clock.now(),
        sent_since_customer_msg: 0,
        rejected: false,
      },
    ]);
  });

  it('lets every listener of a take-over reply see the session with the new servicer', () => {
    // A reply in a session that never started takes it over: the reply and the change_type 4
    // event are both announced, each after the session moved to 3.
    const ended = setup();
    ended.scenario.servicerReplies({ ...ended.ids, servicer_userid: 'lisi', message: text('hello') });
    expect(ended.seen).toHaveLength(2);
    for (const session of ended.seen) {
      expect(session).toMatchObject({ service_state: 3, servicer_userid: 'lisi' });
    }
  });
});
