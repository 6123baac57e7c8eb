import { describe, expect, it } from 'vitest';
import type { Ids, Transport } from './__fixtures__/transports.js';
import { inProcess, overHttp } from './__fixtures__/transports.js';
import { HOUR, MINUTE, SECOND } from './clock.js';

/*
 * One behaviour suite, two transports: the same scenarios run against the MSW handlers in-process
 * and against the standalone server over real HTTP, its scenario steps driven through the control API.
 */
describe.each([
  ['in-process (MSW + fetch)', inProcess],
  ['standalone server (HTTP + control API)', overHttp],
] as const)('%s', (_name, transportOf) => {
  const t: Transport = transportOf();

  /** An account with servicer zhangsan and a customer who wrote once (state 0). */
  async function conversation(): Promise<Ids> {
    const open_kfid = await t.drive.createAccount();
    await t.drive.addServicer(open_kfid, 'zhangsan');
    const external_userid = await t.drive.createCustomer();
    await t.drive.customerSends({ open_kfid, external_userid }, '你好');
    return { open_kfid, external_userid };
  }

  const send = (ids: Ids, content: string) =>
    t.call('sendMsg', {
      touser: ids.external_userid,
      open_kfid: ids.open_kfid,
      msgtype: 'text',
      text: { content },
    });

  describe('tokens', () => {
    it('issues a token for the configured corp and rejects a wrong secret (40001)', async () => {
      const token = await t.token();
      expect(token).toMatch(/^\w{64}$/);
      const wrong = await (await t.raw('/cgi-bin/gettoken?corpid=ww0000000000mock&corpsecret=nope')).json();
      expect(wrong).toMatchObject({ errcode: 40001 });
    });

    it('answers 41001 without a token, 40014 for an unknown one, 42001 once it expired', async () => {
      const open_kfid = await t.drive.createAccount();
      const fields = { open_kfid, external_userid: await t.drive.createCustomer() };
      expect((await t.call('serviceState.get', fields, { token: null })).errcode).toBe(41001);
      expect((await t.call('serviceState.get', fields, { token: 'x'.repeat(64) })).errcode).toBe(40014);
      const token = await t.token();
      await t.drive.advance(7200 * SECOND - 1);
      expect((await t.call('serviceState.get', fields, { token })).errcode).toBe(0);
      await t.drive.advance(1);
      expect((await t.call('serviceState.get', fields, { token })).errcode).toBe(42001);
    });
  });

  describe('send_msg', () => {
    it('sends 5 messages per customer message: the 5th passes, the 6th answers 95001', async () => {
      const ids = await conversation();
      for (let i = 1; i <= 5; i++) expect((await send(ids, `m${i}`)).errcode).toBe(0);
      expect((await send(ids, 'm6')).errcode).toBe(95001);
      expect(await t.drive.sent(ids)).toHaveLength(5);
      await t.drive.customerSends(ids, 'again');
      expect((await send(ids, 'n1')).errcode).toBe(0);
    });

    it('sends within 48 hours of the customer message: 47:59 passes, 48:01 answers 95002', async () => {
      const a = await conversation();
      const b = await conversation();
      await t.drive.advance(47 * HOUR + 59 * MINUTE);
      expect((await send(a, 'in time')).errcode).toBe(0);
      await t.drive.advance(2 * MINUTE);
      expect((await send(b, 'too late')).errcode).toBe(95002);
    });
  });

  describe('session state machine', () => {
    it('moves 0 → 2 → 3 with codes, refuses going back (95016) and ends (4)', async () => {
      const ids = await conversation();
      const trans = (service_state: number, servicer_userid?: string) =>
        t.call('serviceState.trans', {
          ...ids,
          service_state,
          ...(servicer_userid ? { servicer_userid } : {}),
        });
      expect(await t.call('serviceState.get', ids)).toMatchObject({ errcode: 0, service_state: 0 });
      expect(await trans(2)).toMatchObject({ errcode: 0, msg_code: expect.any(String) });
      const msg_code = await t.drive.servicerTakesFromPool(ids, 'zhangsan');
      expect(msg_code).toEqual(expect.any(String));
      expect(await t.call('serviceState.get', ids)).toMatchObject({
        service_state: 3,
        servicer_userid: 'zhangsan',
      });
      expect((await trans(2)).errcode).toBe(95016);
      expect(await trans(4)).toMatchObject({ errcode: 0, msg_code: expect.any(String) });
      expect((await trans(3, 'zhangsan')).errcode).toBe(95013);
    });
  });

  describe('sync_msg', () => {
    it('pages with limit, has_more and opaque cursors, and accepts the callback token', async () => {
      const ids = await conversation();
      for (const content of ['b', 'c', 'd', 'e']) await t.drive.customerSends(ids, content);
      const token = await t.drive.callbackToken(ids.open_kfid);
      expect(token).toEqual(expect.any(String));
      const contents: unknown[] = [];
      const hasMore: unknown[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 3; page++) {
        const body = await t.call('syncMsg', {
          open_kfid: ids.open_kfid,
          token,
          limit: 2,
          ...(cursor === undefined ? {} : { cursor }),
        });
        expect(body.errcode).toBe(0);
        const list = body.msg_list as { text?: { content: string } }[];
        contents.push(...list.map((message) => message.text?.content));
        hasMore.push(body.has_more);
        cursor = String(body.next_cursor);
      }
      expect(contents).toEqual(['你好', 'b', 'c', 'd', 'e']);
      expect(hasMore).toEqual([1, 1, 0]);
      const after = await t.call('syncMsg', { open_kfid: ids.open_kfid, token, cursor });
      expect(after).toMatchObject({ errcode: 0, msg_list: [], has_more: 0 });
    });
  });

  describe('transport', () => {
    it('drops the connection on a dropNext fault: fetch rejects', async () => {
      await t.drive.dropNext('serviceState.get');
      const ids = await conversation();
      await expect(t.call('serviceState.get', ids)).rejects.toThrow(TypeError);
      expect((await t.call('serviceState.get', ids)).errcode).toBe(0);
    });

    it('handles the call, then loses the answer on a loseResponseNext fault; the msgid stays used', async () => {
      const ids = await conversation();
      await t.drive.loseResponseNext('sendMsg');
      const fields = {
        touser: ids.external_userid,
        open_kfid: ids.open_kfid,
        msgid: 'order-1',
        msgtype: 'text',
      };
      await expect(t.call('sendMsg', { ...fields, text: { content: 'lost' } })).rejects.toThrow(TypeError);
      expect(await t.drive.sent(ids)).toMatchObject([
        { msgid: 'order-1', content: { text: { content: 'lost' } } },
      ]);
      // The caller retries with the same msgid: the platform refuses the duplicate.
      expect((await t.call('sendMsg', { ...fields, text: { content: 'lost' } })).errcode).toBe(40058);
      expect(await t.drive.sent(ids)).toHaveLength(1);
    });

    it('serves media bytes with a Range as 206', async () => {
      const media_id = await t.drive.createMedia('file', '0123456789abcdef');
      const query = new URLSearchParams({ access_token: await t.token(), media_id });
      const whole = await t.raw(`/cgi-bin/media/get?${query}`);
      expect(whole.status).toBe(200);
      expect(await whole.text()).toBe('0123456789abcdef');
      const part = await t.raw(`/cgi-bin/media/get?${query}`, { headers: { range: 'bytes=4-7' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe('bytes 4-7/16');
      expect(await part.text()).toBe('4567');
    });

    it('answers bad JSON with 40058 in the platform envelope', async () => {
      const query = new URLSearchParams({ access_token: await t.token() });
      const response = await t.raw(`/cgi-bin/kf/send_msg?${query}`, { method: 'POST', body: '{nope' });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ errcode: 40058 });
    });
  });
});
