import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, text } from '../__fixtures__/harness.js';
import { DAY, HOUR, MINUTE } from '../clock.js';
import { accountHandlers } from '../handlers/account.js';
import { messageHandlers } from '../handlers/message.js';
import { tokenHandlers } from '../handlers/token.js';
import { resolveOptions } from '../options.js';
import { createWorldView } from '../world-view.js';
import { createScenario } from './scenario/index.js';
import { createWorld } from './world.js';

const BASE = 'https://retention.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** A world served over MSW, for the pruning that runs on requests. */
function served() {
  const world = createWorld(resolveOptions({ baseUrl: BASE }));
  server.resetHandlers(...tokenHandlers(world), ...accountHandlers(world), ...messageHandlers(world));
  const scenario = createScenario(world);
  const open_kfid = scenario.createAccount();
  const external_userid = scenario.createCustomer();
  const ids = { open_kfid, external_userid };
  const token = async (): Promise<string> => {
    const body = await json(
      await fetch(`${BASE}/cgi-bin/gettoken?corpid=ww0000000000mock&corpsecret=kf-mock-secret`),
    );
    return String(body.access_token);
  };
  const call = async (path: string, body: unknown, access?: string) =>
    json(
      await fetch(`${BASE}${path}?access_token=${access ?? (await token())}`, {
        method: 'POST',
        body: JSON.stringify(body),
      }),
    );
  return { world, scenario, view: createWorldView(world), ids, token, call };
}

describe('pruning for a long-running mock', () => {
  it('forgets log entries past the 3-day retention, their sync tokens and expired codes, on a new entry', () => {
    const { world, scenario, view, ids } = served();
    const account = world.state.accounts.get(ids.open_kfid);
    scenario.enterSession(ids); // a welcome code, valid 20 s
    scenario.customerSends({ ...ids, message: text('old 1') });
    scenario.customerSends({ ...ids, message: text('old 2') });
    expect([account?.log.length, world.state.syncTokens.size, world.state.codes.size]).toEqual([3, 3, 1]);
    world.clock.advance(3 * DAY);
    scenario.customerSends({ ...ids, message: text('new') });
    expect(account?.log.map((entry) => entry.seq)).toEqual([4]);
    expect(world.state.syncTokens.size).toBe(1);
    expect(world.state.codes.size).toBe(0);
    expect(view.messages(ids.open_kfid)).toMatchObject([{ text: { content: 'new' } }]);
  });

  it('keeps numbering the log after pruning, so a cursor from before still works', async () => {
    const { world, scenario, ids, call } = served();
    scenario.customerSends({ ...ids, message: text('m1') });
    const first = await call('/cgi-bin/kf/sync_msg', { open_kfid: ids.open_kfid });
    expect(first.msg_list).toMatchObject([{ text: { content: 'm1' } }]);
    world.clock.advance(3 * DAY + MINUTE);
    scenario.customerSends({ ...ids, message: text('m2') });
    const second = await call('/cgi-bin/kf/sync_msg', {
      open_kfid: ids.open_kfid,
      cursor: first.next_cursor,
    });
    expect(second).toMatchObject({ errcode: 0, has_more: 0, msg_list: [{ text: { content: 'm2' } }] });
  });

  it('forgets access tokens a day after they expire, on a request (42001 until then, 40014 after)', async () => {
    const { world, token, call } = served();
    const old = await token();
    world.clock.advance(2 * HOUR + DAY - 1);
    expect((await call('/cgi-bin/kf/account/list', {}, old)).errcode).toBe(42001);
    expect(world.state.tokens.has(old)).toBe(true);
    world.clock.advance(1);
    // Forgotten at once (40014), whether or not the pruning has run yet ...
    expect((await call('/cgi-bin/kf/account/list', {}, old)).errcode).toBe(40014);
    // ... and gone from memory at the first request once pruning is due again.
    world.clock.advance(MINUTE);
    const fresh = await token();
    expect([...world.state.tokens.keys()]).toEqual([fresh]);
  });

  it('prunes at most once per minute of mock time', async () => {
    const { world, scenario, ids, token } = served();
    await token();
    scenario.customerSends({ ...ids, message: text('a') });
    world.clock.advance(10 * MINUTE + 1); // the sync token expired ...
    world.state.prunedAt = world.clock.now() - 30_000; // ... but a prune ran 30 s ago
    await token();
    expect(world.state.syncTokens.size).toBe(1);
    world.clock.advance(30_000);
    await token();
    expect(world.state.syncTokens.size).toBe(0);
  });
});
