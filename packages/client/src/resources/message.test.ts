import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, fail, ok, startServer, type TestServer } from '../__fixtures__/server.js';
import {
  KfBusinessRuleError,
  KfConnectionError,
  KfPlatformBusyError,
  KfSendOutcomeUnknownError,
} from '../errors.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const SEND = '/cgi-bin/kf/send_msg';
const ON_EVENT = '/cgi-bin/kf/send_msg_on_event';
const SYNC = '/cgi-bin/kf/sync_msg';
const text = { touser: 'wm1', open_kfid: 'wk1', msgtype: 'text', text: { content: 'hi' } } as const;
const msgidOf = (json: unknown) => (json as { msgid?: unknown }).msgid;

describe('sendMsg / sendMsgOnEvent msgid', () => {
  it('generates a 32-character msgid of [0-9a-zA-Z_-] when none is given', async () => {
    server = await startServer({ [SEND]: (req) => ok({ msgid: msgidOf(req.json) }) });
    const kf = clientFor(server);
    const a = await kf.sendMsg(text);
    const b = await kf.sendMsg(text);
    expect(a.msgid).toMatch(/^[0-9a-zA-Z_-]{32}$/);
    expect(b.msgid).not.toBe(a.msgid);
    expect(server.on(SEND).map((s) => msgidOf(s.json))).toEqual([a.msgid, b.msgid]);
  });

  it('keeps a caller-given msgid', async () => {
    server = await startServer({ [SEND]: (req) => ok({ msgid: msgidOf(req.json) }) });
    expect((await clientFor(server).sendMsg({ ...text, msgid: 'mine-1' })).msgid).toBe('mine-1');
  });

  it('reuses the same msgid on every retry', async () => {
    server = await startServer({
      [SEND]: (req, i) =>
        i === 0 ? { destroy: true } : i === 1 ? fail(-1) : ok({ msgid: msgidOf(req.json) }),
    });
    const response = await clientFor(server).sendMsg(text);
    const ids = server.on(SEND).map((s) => msgidOf(s.json));
    expect(ids).toHaveLength(3);
    expect(new Set(ids)).toEqual(new Set([response.msgid]));
  });

  it('retries a send that timed out with the same msgid and returns the success', async () => {
    server = await startServer({
      [SEND]: (req, i) => (i === 0 ? { hang: true } : ok({ msgid: msgidOf(req.json) })),
    });
    // The retry must answer within the per-attempt timeout too: leave room for a busy machine.
    const response = await clientFor(server, { timeout: 1_000 }).sendMsg({ ...text, msgid: 'after-timeout' });
    expect(response.msgid).toBe('after-timeout');
    expect(server.on(SEND).map((s) => msgidOf(s.json))).toEqual(['after-timeout', 'after-timeout']);
  });

  it('throws KfSendOutcomeUnknownError when a retry after a lost response is refused', async () => {
    server = await startServer({
      [SEND]: (_r, i) => (i === 0 ? { destroy: true } : fail(95099, 'msgid duplicated')),
    });
    const error = await clientFor(server)
      .sendMsg({ ...text, msgid: 'once' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfSendOutcomeUnknownError);
    const unknown = error as KfSendOutcomeUnknownError;
    expect(unknown.msgid).toBe('once');
    expect(unknown.endpoint).toBe('sendMsg');
    expect(unknown.firstFailure).toBeInstanceOf(KfConnectionError);
    expect(unknown.cause).toMatchObject({ errcode: 95099 });
    expect(unknown.toJSON()).toMatchObject({ msgid: 'once', retryError: { errcode: 95099 } });
    expect(server.on(SEND)).toHaveLength(2);
  });

  it('does the same for sendMsgOnEvent after −1', async () => {
    server = await startServer({
      [ON_EVENT]: (_r, i) => (i === 0 ? fail(-1) : fail(95007, 'invalid msgtoken')),
    });
    const error = await clientFor(server)
      .sendMsgOnEvent({ code: 'c', msgtype: 'text', text: { content: 'welcome' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfSendOutcomeUnknownError);
    expect((error as KfSendOutcomeUnknownError).firstFailure).toBeInstanceOf(KfPlatformBusyError);
  });

  it('surfaces a refusal on the first attempt as the plain API error', async () => {
    server = await startServer({ [SEND]: () => fail(95001, 'send quota') });
    await expect(clientFor(server).sendMsg(text)).rejects.toSatisfy(
      (e) => e instanceof KfBusinessRuleError && e.errcode === 95001,
    );
  });
});

describe('syncMsgPages', () => {
  it('follows next_cursor through empty pages while has_more is 1', async () => {
    const pages = [
      { next_cursor: 'c1', has_more: 1, msg_list: [{ msgid: 'a', msgtype: 'text', text: { content: '1' } }] },
      { next_cursor: 'c2', has_more: 1, msg_list: [] },
      { next_cursor: 'c3', has_more: 0, msg_list: [{ msgid: 'b', msgtype: 'text', text: { content: '2' } }] },
    ];
    server = await startServer({ [SYNC]: (_r, i) => ok(pages[i] ?? {}) });
    const seen = [];
    for await (const page of clientFor(server, { validateResponses: 'off' }).syncMsgPages({
      open_kfid: 'wk1',
      token: 't',
      cursor: 'c0',
    })) {
      seen.push([page.next_cursor, page.msg_list.length]);
    }
    expect(seen).toEqual([
      ['c1', 1],
      ['c2', 0],
      ['c3', 1],
    ]);
    expect(server.on(SYNC).map((s) => (s.json as { cursor?: string }).cursor)).toEqual(['c0', 'c1', 'c2']);
    expect(server.on(SYNC).every((s) => (s.json as { token?: string }).token === 't')).toBe(true);
  });

  it('stops with an error instead of looping when has_more is 1 without a cursor', async () => {
    server = await startServer({ [SYNC]: () => ok({ next_cursor: '', has_more: 1, msg_list: [] }) });
    const pages = clientFor(server).syncMsgPages({ open_kfid: 'wk1' });
    await expect(pages.next()).resolves.toMatchObject({ done: false });
    await expect(pages.next()).rejects.toThrow(/next_cursor/);
    expect(server.on(SYNC)).toHaveLength(1);
  });
});
