import { describe, expect, it } from 'vitest';
import { type Json, text, useKfMock } from '../__fixtures__/harness.js';
import { HOUR, MINUTE, SECOND } from '../clock.js';
import type { KfMockMessageContent } from '../scenario.js';

const api = useKfMock();

const conversation = () => api.conversation();

function contents(page: Json): unknown[] {
  return (page.msg_list as { text?: { content: string } }[]).map((m) => m.text?.content);
}

/** A sync with the latest callback token, so the tokenless rate limit stays out of the way. */
function sync(open_kfid: string, fields: Record<string, unknown> = {}): Promise<Json> {
  const token = api.mock.world.latestCallbackToken(open_kfid);
  return api.call('syncMsg', { open_kfid, ...(token === undefined ? {} : { token }), ...fields });
}

describe('sync_msg content', () => {
  it('serves customer messages, servicer messages and events with their documented fields', async () => {
    const ids = conversation();
    const { scenario } = api.mock;
    scenario.addServicer(ids.open_kfid, 'zhangsan');
    const customerMsgid = scenario.customerSends({ ...ids, message: text('你好') });
    await api.call('serviceState.trans', { ...ids, service_state: 3, servicer_userid: 'zhangsan' });
    scenario.servicerReplies({ ...ids, servicer_userid: 'zhangsan', message: text('您好') });
    const page = await sync(ids.open_kfid);
    expect(page).toMatchObject({ errcode: 0, has_more: 0, next_cursor: expect.any(String) });
    expect(page.msg_list).toEqual([
      {
        msgid: customerMsgid,
        open_kfid: ids.open_kfid,
        external_userid: ids.external_userid,
        send_time: 1704067200,
        origin: 3,
        msgtype: 'text',
        text: { content: '你好' },
      },
      expect.objectContaining({
        origin: 5,
        servicer_userid: 'zhangsan',
        msgtype: 'text',
        text: { content: '您好' },
      }),
    ]);
  });

  it('never serves messages sent through send_msg', async () => {
    const ids = conversation();
    api.mock.scenario.customerSends({ ...ids, message: text('q') });
    expect(
      (await api.call('sendMsg', { touser: ids.external_userid, open_kfid: ids.open_kfid, ...text('a') }))
        .errcode,
    ).toBe(0);
    expect(contents(await sync(ids.open_kfid))).toEqual(['q']);
  });

  it('serves every received-message type a customer can send', async () => {
    const ids = conversation();
    const media_id = api.mock.scenario.createMedia({ type: 'image' });
    const messages: KfMockMessageContent[] = [
      { msgtype: 'image', image: { media_id } },
      { msgtype: 'location', location: { latitude: 23.1, longitude: 113.3, name: 'x', address: 'y' } },
      { msgtype: 'link', link: { title: 't', desc: 'd', url: 'https://e.x', pic_url: 'https://e.x/p' } },
      { msgtype: 'business_card', business_card: { userid: 'zhangsan' } },
      {
        msgtype: 'miniprogram',
        miniprogram: { title: 't', appid: 'wx1', pagepath: 'p', thumb_media_id: media_id },
      },
      { msgtype: 'channels_shop_order', channels_shop_order: { order_id: 'o1' } },
      { msgtype: 'text', text: { content: '满意', menu_id: '101' } },
    ];
    for (const message of messages) api.mock.scenario.customerSends({ ...ids, message });
    const page = await sync(ids.open_kfid);
    expect((page.msg_list as { msgtype: string }[]).map((m) => m.msgtype)).toEqual(
      messages.map((m) => m.msgtype),
    );
  });
});

describe('sync_msg paging', () => {
  it('pages with limit and has_more, and the last cursor yields nothing new', async () => {
    const ids = conversation();
    for (const n of ['1', '2', '3', '4', '5']) api.mock.scenario.customerSends({ ...ids, message: text(n) });
    const first = await sync(ids.open_kfid, { limit: 2 });
    const second = await sync(ids.open_kfid, { limit: 2, cursor: first.next_cursor });
    const third = await sync(ids.open_kfid, { limit: 2, cursor: second.next_cursor });
    expect([contents(first), first.has_more]).toEqual([['1', '2'], 1]);
    expect([contents(second), second.has_more]).toEqual([['3', '4'], 1]);
    expect([contents(third), third.has_more]).toEqual([['5'], 0]);
    const after = await sync(ids.open_kfid, { cursor: third.next_cursor });
    expect([contents(after), after.has_more, after.next_cursor]).toEqual([[], 0, third.next_cursor]);
    api.mock.scenario.customerSends({ ...ids, message: text('6') });
    expect(contents(await sync(ids.open_kfid, { cursor: third.next_cursor }))).toEqual(['6']);
  });

  it('accepts limit 1000, answers 40058 for 1001, and reads 0 as the default', async () => {
    const { open_kfid } = conversation();
    expect((await sync(open_kfid, { limit: 1000 })).errcode).toBe(0);
    expect((await sync(open_kfid, { limit: 1001 })).errcode).toBe(40058);
    expect((await sync(open_kfid, { limit: 0 })).errcode).toBe(0);
    expect(api.mock.world.calls().at(-1)?.warnings).toEqual(['"limit": 0 read as the default']);
  });

  it('answers 40058 for limit 0 with strictRequests', async () => {
    api.recreate({ strictRequests: true });
    const { open_kfid } = conversation();
    expect((await sync(open_kfid, { limit: 0 })).errcode).toBe(40058);
  });

  it('serves at most 1000 messages per page', async () => {
    const ids = conversation();
    for (let i = 0; i < 1001; i++) api.mock.scenario.customerSends({ ...ids, message: text(String(i)) });
    const page = await sync(ids.open_kfid);
    expect((page.msg_list as unknown[]).length).toBe(1000);
    expect(page.has_more).toBe(1);
  });

  it('answers 40058 for a cursor it did not issue or one of another account', async () => {
    const a = conversation();
    const b = conversation();
    api.mock.scenario.customerSends({ ...a, message: text('x') });
    const page = await sync(a.open_kfid);
    expect((await sync(a.open_kfid, { cursor: 'garbage' })).errcode).toBe(40058);
    expect((await sync(b.open_kfid, { cursor: page.next_cursor })).errcode).toBe(40058);
  });

  it('keeps messages for 3 days: 71:59:59 old is served, 72 hours old is not', async () => {
    const ids = conversation();
    api.mock.scenario.customerSends({ ...ids, message: text('old') });
    api.mock.clock.advance(72 * HOUR - SECOND);
    expect(contents(await api.call('syncMsg', { open_kfid: ids.open_kfid }))).toEqual(['old']);
    api.mock.clock.advance(SECOND);
    expect(contents(await api.call('syncMsg', { open_kfid: ids.open_kfid }))).toEqual([]);
  });

  it('answers an empty page with has_more before data when syncMsgEmptyPageBeforeData is on', async () => {
    api.recreate({ behaviour: { syncMsgEmptyPageBeforeData: true } });
    const ids = conversation();
    api.mock.scenario.customerSends({ ...ids, message: text('x') });
    const empty = await sync(ids.open_kfid);
    expect([contents(empty), empty.has_more]).toEqual([[], 1]);
    const full = await sync(ids.open_kfid, { cursor: empty.next_cursor });
    expect([contents(full), full.has_more]).toEqual([['x'], 0]);
    const done = await sync(ids.open_kfid, { cursor: full.next_cursor });
    expect([contents(done), done.has_more]).toEqual([[], 0]);
  });
});

describe('sync_msg token and rate limit', () => {
  it('accepts the callback token for 10 minutes: 9:59 passes, 10:00 answers 95007', async () => {
    const ids = conversation();
    api.mock.scenario.customerSends({ ...ids, message: text('x') });
    const token = api.mock.world.latestCallbackToken(ids.open_kfid);
    api.mock.clock.advance(10 * MINUTE - SECOND);
    expect((await api.call('syncMsg', { open_kfid: ids.open_kfid, token })).errcode).toBe(0);
    api.mock.clock.advance(SECOND);
    expect((await api.call('syncMsg', { open_kfid: ids.open_kfid, token })).errcode).toBe(95007);
  });

  it('answers 95007 for a token of another account or an unknown one', async () => {
    const a = conversation();
    const b = conversation();
    api.mock.scenario.customerSends({ ...a, message: text('x') });
    const token = api.mock.world.latestCallbackToken(a.open_kfid);
    expect((await api.call('syncMsg', { open_kfid: b.open_kfid, token })).errcode).toBe(95007);
    expect((await api.call('syncMsg', { open_kfid: a.open_kfid, token: 'ENCnope' })).errcode).toBe(95007);
  });

  it('allows 10 calls a minute without a token, answers 45009 to the 11th, and allows again after the window', async () => {
    const { open_kfid } = conversation();
    for (let i = 0; i < 10; i++) expect((await api.call('syncMsg', { open_kfid })).errcode).toBe(0);
    expect((await api.call('syncMsg', { open_kfid })).errcode).toBe(45009);
    api.mock.clock.advance(60 * SECOND);
    expect((await api.call('syncMsg', { open_kfid })).errcode).toBe(0);
  });

  it('does not rate-limit calls with a valid token', async () => {
    const ids = conversation();
    api.mock.scenario.customerSends({ ...ids, message: text('x') });
    for (let i = 0; i < 15; i++) expect((await sync(ids.open_kfid)).errcode).toBe(0);
  });

  it('uses the configured tokenless limit', async () => {
    api.recreate({ behaviour: { syncMsgWithoutToken: { maxCalls: 2, windowSeconds: 10 } } });
    const { open_kfid } = conversation();
    expect((await api.call('syncMsg', { open_kfid })).errcode).toBe(0);
    expect((await api.call('syncMsg', { open_kfid })).errcode).toBe(0);
    expect((await api.call('syncMsg', { open_kfid })).errcode).toBe(45009);
  });

  it('answers 95004 for an unknown account and 40063 without open_kfid', async () => {
    expect((await api.call('syncMsg', { open_kfid: 'wkunknown' })).errcode).toBe(95004);
    expect((await api.call('syncMsg', {})).errcode).toBe(40063);
  });
});
