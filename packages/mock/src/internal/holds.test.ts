import { afterEach, describe, expect, it, vi } from 'vitest';
import { text, useKfMock } from '../__fixtures__/harness.js';
import { HOUR } from '../clock.js';

const api = useKfMock();

afterEach(() => {
  vi.useRealTimers();
});

/**
 * Resolves once `count` calls are held (their requests are in flight meanwhile). It yields to the
 * event loop rather than to timers, so it neither moves fake timers (as `vi.waitFor` does) nor
 * depends on real time.
 */
async function heldCount(count: number): Promise<void> {
  for (let turn = 0; turn < 10_000 && api.mock.world.held().length < count; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(api.mock.world.held()).toHaveLength(count);
}

describe('holdNext', () => {
  it('holds a call in flight until released, then handles it with the world as it is by then', async () => {
    const token = await api.token();
    api.mock.scenario.holdNext('account.list');
    const arrivedAt = api.mock.clock.now();
    const listed = api.call('account.list', {}, { token });
    await heldCount(1);
    expect(api.mock.world.held()).toEqual([
      { id: 1, endpoint: 'account.list', method: 'POST', at: arrivedAt, maxMs: 20_000 },
    ]);
    // Nothing is answered while the call is held; what happens meanwhile is in the answer.
    expect(api.mock.world.calls().filter((call) => call.endpoint === 'account.list')).toEqual([]);
    const open_kfid = api.mock.scenario.createAccount({ name: 'Added meanwhile' });
    expect(api.mock.scenario.releaseHeld(1)).toBe(1);
    const body = await listed;
    expect(body.errcode).toBe(0);
    expect((body.account_list as { open_kfid: string }[]).map((a) => a.open_kfid)).toEqual([open_kfid]);
    expect(api.mock.world.held()).toEqual([]);
    expect(api.mock.scenario.releaseHeld(1)).toBe(0);
  });

  it('lets a token expire and the 48 h window close while a send is held', async () => {
    const open_kfid = api.mock.scenario.createAccount();
    const external_userid = api.mock.scenario.createCustomer();
    api.mock.scenario.customerSends({ open_kfid, external_userid, message: text('hello') });
    const send = { touser: external_userid, open_kfid, msgtype: 'text', text: { content: 'hi' } };
    api.mock.scenario.holdNext('sendMsg');
    const held = api.call('sendMsg', send, { token: await api.token() });
    await heldCount(1);
    api.mock.clock.advance(48 * HOUR + 1);
    expect(api.mock.scenario.releaseHeld()).toBe(1);
    // The token it carried expired in flight (as with a delay: 40014, a day past its expiry); the
    // replay with a fresh token finds the window closed.
    expect((await held).errcode).toBe(40014);
    expect((await api.call('sendMsg', send)).errcode).toBe(95002);
    expect(api.mock.world.sent()).toEqual([]);
  });

  it('holds only the next `times` calls of the endpoint', async () => {
    const token = await api.token();
    api.mock.scenario.holdNext('account.list', { times: 2 });
    const first = api.call('account.list', {}, { token });
    const second = api.call('account.list', {}, { token });
    await heldCount(2);
    // Another endpoint goes through meanwhile.
    await expect(api.token()).resolves.toBe(token);
    expect(api.mock.world.held().map((call) => call.id)).toEqual([1, 2]);
    expect(api.mock.scenario.releaseHeld(2)).toBe(1);
    expect((await second).errcode).toBe(0);
    expect(api.mock.world.held().map((call) => call.id)).toEqual([1]);
    expect(api.mock.scenario.releaseHeld()).toBe(1);
    expect((await first).errcode).toBe(0);
    expect((await api.call('account.list', {}, { token })).errcode).toBe(0);
  });

  it('lets a call go on by itself after maxMs of real time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const token = await api.token();
    api.mock.scenario.holdNext('account.list', { maxMs: 5000 });
    const listed = api.call('account.list', {}, { token });
    await heldCount(1);
    await vi.advanceTimersByTimeAsync(4999);
    expect(api.mock.world.held()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.mock.world.held()).toEqual([]);
    expect((await listed).errcode).toBe(0);
  });

  it('releases every held call on reset', async () => {
    const token = await api.token();
    api.mock.scenario.holdNext('account.list');
    const listed = api.call('account.list', {}, { token });
    await heldCount(1);
    api.mock.reset();
    // The world it arrived in is gone, and its token with it.
    expect((await listed).errcode).toBe(40014);
    expect(api.mock.world.held()).toEqual([]);
  });

  it('refuses a maxMs that is not in (0, 600 000]', () => {
    expect(() => api.mock.scenario.holdNext('sendMsg', { maxMs: 0 })).toThrow(/maxMs/);
    expect(() => api.mock.scenario.holdNext('sendMsg', { maxMs: 600_001 })).toThrow(/maxMs/);
    expect(() => api.mock.scenario.holdNext('nope' as 'sendMsg')).toThrow(/unknown endpoint/);
  });
});
