import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, ok, startServer, type TestServer } from '../__fixtures__/server.js';
import { KfInvalidOptionsError, KfResponseValidationError } from '../errors.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const account = (i: number) => ({ open_kfid: `wk${i}`, name: `n${i}`, avatar: 'a', manage_privilege: true });

describe('account.listAll', () => {
  it('walks offset pages and stops at the first page with fewer than limit accounts', async () => {
    const all = Array.from({ length: 5 }, (_, i) => account(i));
    server = await startServer({
      '/cgi-bin/kf/account/list': (req) => {
        const { offset, limit } = req.json as { offset: number; limit: number };
        return ok({ account_list: all.slice(offset, offset + limit) });
      },
    });
    const ids = [];
    for await (const a of clientFor(server).account.listAll({ limit: 2 })) ids.push(a.open_kfid);
    expect(ids).toEqual(['wk0', 'wk1', 'wk2', 'wk3', 'wk4']);
    expect(server.on('/cgi-bin/kf/account/list').map((s) => s.json)).toEqual([
      { offset: 0, limit: 2 },
      { offset: 2, limit: 2 },
      { offset: 4, limit: 2 },
    ]);
  });

  it('asks for one more page when the last one is exactly full, and uses limit 100 by default', async () => {
    server = await startServer({
      '/cgi-bin/kf/account/list': (_r, i) =>
        ok({ account_list: i === 0 ? Array.from({ length: 100 }, (_, k) => account(k)) : [] }),
    });
    let count = 0;
    for await (const _ of clientFor(server).account.listAll()) count += 1;
    expect(count).toBe(100);
    expect(server.on('/cgi-bin/kf/account/list').map((s) => s.json)).toEqual([
      { offset: 0, limit: 100 },
      { offset: 100, limit: 100 },
    ]);
  });

  it('fails clearly when a page has no list, even with validation off', async () => {
    server = await startServer({ '/cgi-bin/kf/account/list': () => ok({}) });
    const iterator = clientFor(server, { validateResponses: 'off' }).account.listAll();
    await expect(iterator.next()).rejects.toBeInstanceOf(KfResponseValidationError);
  });
});

describe('knowledge.listGroupAll / listIntentAll', () => {
  it('follows has_more and next_cursor, including an empty middle page', async () => {
    const pages = [
      { next_cursor: 'n1', has_more: 1, group_list: [{ group_id: 'g1', name: 'a', is_default: 1 }] },
      { next_cursor: 'n2', has_more: 1, group_list: [] },
      { next_cursor: '', has_more: 0, group_list: [{ group_id: 'g2', name: 'b', is_default: 0 }] },
    ];
    server = await startServer({ '/cgi-bin/kf/knowledge/list_group': (_r, i) => ok(pages[i] ?? {}) });
    const ids = [];
    for await (const g of clientFor(server).knowledge.listGroupAll({ limit: 1 })) ids.push(g.group_id);
    expect(ids).toEqual(['g1', 'g2']);
    expect(server.on('/cgi-bin/kf/knowledge/list_group').map((s) => s.json)).toEqual([
      { limit: 1 },
      { limit: 1, cursor: 'n1' },
      { limit: 1, cursor: 'n2' },
    ]);
  });

  it('keeps walking when has_more arrives as true (validation warn mode returns it as is)', async () => {
    server = await startServer({
      '/cgi-bin/kf/knowledge/list_group': (_r, i) =>
        ok(
          i === 0
            ? { next_cursor: 'n1', has_more: true, group_list: [] }
            : { next_cursor: '', has_more: false, group_list: [] },
        ),
    });
    for await (const _ of clientFor(server).knowledge.listGroupAll()) {
      // no items
    }
    expect(server.on('/cgi-bin/kf/knowledge/list_group')).toHaveLength(2);
  });

  it('ends on a last page without next_cursor, and refuses has_more 1 without one instead of looping', async () => {
    server = await startServer({
      '/cgi-bin/kf/knowledge/list_group': () =>
        ok({ has_more: 0, group_list: [{ group_id: 'g1', name: 'a', is_default: 1 }] }),
      '/cgi-bin/kf/knowledge/list_intent': () => ok({ has_more: 1, intent_list: [] }),
    });
    const kf = clientFor(server, { validateResponses: 'throw' });
    const groups = [];
    for await (const g of kf.knowledge.listGroupAll()) groups.push(g.group_id);
    expect(groups).toEqual(['g1']);
    const intents = kf.knowledge.listIntentAll();
    await expect(intents.next()).rejects.toThrow(/has_more is 1 but next_cursor is missing/);
    expect(server.on('/cgi-bin/kf/knowledge/list_intent')).toHaveLength(1);
  });

  it('walks intents with the filters kept on every page', async () => {
    const intent = (id: string) => ({
      group_id: 'g1',
      intent_id: id,
      question: { text: { content: id } },
      answers: [{ text: { content: 'a' } }],
    });
    server = await startServer({
      '/cgi-bin/kf/knowledge/list_intent': (_r, i) =>
        ok(
          i === 0
            ? { next_cursor: 'x', has_more: 1, intent_list: [intent('i1')] }
            : { next_cursor: '', has_more: 0, intent_list: [intent('i2')] },
        ),
    });
    const ids = [];
    for await (const it of clientFor(server).knowledge.listIntentAll({ group_id: 'g1' }))
      ids.push(it.intent_id);
    expect(ids).toEqual(['i1', 'i2']);
    expect(server.on('/cgi-bin/kf/knowledge/list_intent').map((s) => s.json)).toEqual([
      { group_id: 'g1' },
      { group_id: 'g1', cursor: 'x' },
    ]);
  });
});

describe('paging that does not advance', () => {
  it('throws as soon as a has_more page answers the cursor it was asked with', async () => {
    server = await startServer({
      '/cgi-bin/kf/knowledge/list_group': (req) => {
        const cursor = (req.json as { cursor?: string }).cursor;
        return ok({ has_more: 1, next_cursor: cursor ?? 'c1', group_list: [] });
      },
    });
    let pages = 0;
    const walk = (async () => {
      for await (const _ of clientFor(server).knowledge.listGroupAll()) pages += 1;
    })();
    const error = await walk.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfResponseValidationError);
    expect((error as Error).message).toMatch(/next_cursor did not advance/);
    // The first page moves to c1; the second answers c1 for c1 and the walk stops there.
    expect(server.on('/cgi-bin/kf/knowledge/list_group')).toHaveLength(2);
    expect(pages).toBe(0);
  });

  it('stops a sync_msg walk stuck on one cursor, after yielding its pages', async () => {
    server = await startServer({
      '/cgi-bin/kf/sync_msg': () => ok({ has_more: 1, next_cursor: 'same', msg_list: [] }),
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const page of clientFor(server).syncMsgPages({ open_kfid: 'wk', cursor: 'same' }))
        seen.push(page.next_cursor ?? '');
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfResponseValidationError);
    expect(seen).toEqual(['same']);
    expect(server.on('/cgi-bin/kf/sync_msg')).toHaveLength(1);
  });

  it('stops a sync_msg walk that cycles A → B → A instead of looping forever', async () => {
    server = await startServer({
      '/cgi-bin/kf/sync_msg': (req) => {
        const cursor = (req.json as { cursor?: string }).cursor;
        return ok({ has_more: 1, next_cursor: cursor === 'A' ? 'B' : 'A', msg_list: [] });
      },
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const page of clientFor(server).syncMsgPages({ open_kfid: 'wk' }))
        seen.push(page.next_cursor ?? '');
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfResponseValidationError);
    expect((error as Error).message).toMatch(/next_cursor did not advance/);
    expect(seen).toEqual(['A', 'B', 'A']);
    expect(server.on('/cgi-bin/kf/sync_msg')).toHaveLength(3);
  });

  it('keeps walking empty pages while the cursor advances', async () => {
    server = await startServer({
      '/cgi-bin/kf/sync_msg': (_r, i) =>
        ok({ has_more: i < 5 ? 1 : 0, next_cursor: `c${i + 1}`, msg_list: [] }),
    });
    let pages = 0;
    for await (const _ of clientFor(server).syncMsgPages({ open_kfid: 'wk' })) pages += 1;
    expect(pages).toBe(6);
  });
});

describe('account.listAll arguments', () => {
  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ limit: 1.5 }, 'limit'],
    [{ offset: -1 }, 'offset'],
  ])('rejects %o with KfInvalidOptionsError before any request', async (request, field) => {
    server = await startServer({ '/cgi-bin/kf/account/list': () => ok({ account_list: [] }) });
    const error = await clientFor(server)
      .account.listAll(request)
      .next()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfInvalidOptionsError);
    expect((error as KfInvalidOptionsError).issues.map((i) => i.path[0])).toEqual([field]);
    expect(server.seen).toHaveLength(0);
  });
});
