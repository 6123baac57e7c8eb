import { describe, expect, it } from 'vitest';
import { text, useKfMock } from '../__fixtures__/harness.js';
import { DAY, HOUR, MINUTE, SECOND } from '../clock.js';

const api = useKfMock();

/** An account, servicer zhangsan, and a customer who wrote once (state 0). */
const conversation = () => api.conversation({ servicers: ['zhangsan'], says: '你好' });

function send(
  ids: { open_kfid: string; external_userid: string },
  content: Record<string, unknown>,
  msgid?: string,
) {
  return api.call('sendMsg', {
    touser: ids.external_userid,
    open_kfid: ids.open_kfid,
    ...(msgid === undefined ? {} : { msgid }),
    ...content,
  });
}

describe('send_msg', () => {
  it('accepts a text in state 0, moves the session to 1 and records what was sent', async () => {
    const ids = conversation();
    const body = await send(ids, text('你购买的物品已发货'));
    expect(body).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.stringMatching(/^\w{32}$/) });
    expect(api.mock.world.session(ids.open_kfid, ids.external_userid).service_state).toBe(1);
    expect(api.mock.world.sent({ external_userid: ids.external_userid })).toEqual([
      {
        msgid: body.msgid,
        open_kfid: ids.open_kfid,
        external_userid: ids.external_userid,
        via: 'send_msg',
        sent_at: api.mock.clock.now(),
        content: text('你购买的物品已发货'),
      },
    ]);
  });

  it('echoes the caller msgid and answers 40058 when it is reused in the same account', async () => {
    const ids = conversation();
    expect((await send(ids, text('a'), 'order-1')).msgid).toBe('order-1');
    expect((await send(ids, text('b'), 'order-1')).errcode).toBe(40058);
    const other = conversation();
    expect((await send(other, text('c'), 'order-1')).errcode).toBe(0);
  });

  it('counts only sent msgids, generated ones included, not the ids of received messages', async () => {
    const ids = conversation();
    const received = api.mock.scenario.customerSends({ ...ids, message: text('q') });
    expect((await send(ids, text('a'), received)).errcode).toBe(0);
    const generated = String((await send(ids, text('b'))).msgid);
    expect((await send(ids, text('c'), generated)).errcode).toBe(40058);
  });

  it('uses the configured errcode for a reused msgid', async () => {
    api.recreate({ behaviour: { duplicateMsgidErrcode: 95999 } });
    const ids = conversation();
    await send(ids, text('a'), 'm1');
    expect((await send(ids, text('b'), 'm1')).errcode).toBe(95999);
  });

  it('answers 40058 for a msgid of 33 bytes or with other characters', async () => {
    const ids = conversation();
    expect((await send(ids, text('a'), 'a'.repeat(32))).errcode).toBe(0);
    expect((await send(ids, text('a'), 'a'.repeat(33))).errcode).toBe(40058);
    expect((await send(ids, text('a'), 'a.b')).errcode).toBe(40058);
  });

  it('sends 5 messages per customer message: the 5th passes, the 6th answers 95001', async () => {
    const ids = conversation();
    for (let i = 1; i <= 5; i++) expect((await send(ids, text(`m${i}`))).errcode).toBe(0);
    expect((await send(ids, text('m6'))).errcode).toBe(95001);
    api.mock.scenario.customerSends({ ...ids, message: text('again') });
    for (let i = 1; i <= 5; i++) expect((await send(ids, text(`n${i}`))).errcode).toBe(0);
    expect((await send(ids, text('n6'))).errcode).toBe(95001);
  });

  it('sends within 48 hours of the customer message: 47:59 passes, 48:01 answers 95002', async () => {
    const a = conversation();
    api.mock.clock.advance(47 * HOUR + 59 * MINUTE);
    expect((await send(a, text('late'))).errcode).toBe(0);
    const b = conversation();
    api.mock.clock.advance(48 * HOUR + MINUTE);
    expect((await send(b, text('too late'))).errcode).toBe(95002);
  });

  it('answers the configured errcode outside the window', async () => {
    api.recreate({ behaviour: { sendWindowErrcode: 95018 } });
    const ids = conversation();
    api.mock.clock.advance(48 * HOUR + SECOND);
    expect((await send(ids, text('x'))).errcode).toBe(95018);
  });

  it('answers 95002 when the customer never wrote', async () => {
    const open_kfid = api.mock.scenario.createAccount();
    const external_userid = api.mock.scenario.createCustomer();
    api.mock.scenario.enterSession({ open_kfid, external_userid });
    expect((await send({ open_kfid, external_userid }, text('x'))).errcode).toBe(95002);
  });

  it('answers 95018 in states 2, 3 and 4', async () => {
    const ids = conversation();
    await api.call('serviceState.trans', { ...ids, service_state: 2 });
    expect((await send(ids, text('x'))).errcode).toBe(95018);
    await api.call('serviceState.trans', { ...ids, service_state: 3, servicer_userid: 'zhangsan' });
    expect((await send(ids, text('x'))).errcode).toBe(95018);
    await api.call('serviceState.trans', { ...ids, service_state: 4 });
    expect((await send(ids, text('x'))).errcode).toBe(95018);
  });

  it('sends in state 1', async () => {
    const ids = conversation();
    await api.call('serviceState.trans', { ...ids, service_state: 1 });
    expect((await send(ids, text('x'))).errcode).toBe(0);
  });

  it('answers 40096 for an unknown customer and 95004 for an unknown account', async () => {
    const ids = conversation();
    expect((await send({ ...ids, external_userid: 'wmnobody' }, text('x'))).errcode).toBe(40096);
    expect((await send({ ...ids, open_kfid: 'wkgone' }, text('x'))).errcode).toBe(95004);
  });
});

describe('send_msg content rules', () => {
  it('accepts 2048 bytes of text and answers 45002 for 2049, 44004 for empty', async () => {
    const ids = conversation();
    expect((await send(ids, text('a'.repeat(2048)))).errcode).toBe(0);
    expect((await send(ids, text('a'.repeat(2049)))).errcode).toBe(45002);
    expect((await send(ids, text(''))).errcode).toBe(44004);
  });

  it('answers 40008 for a msgtype that cannot be sent', async () => {
    expect(
      (await send(conversation(), { msgtype: 'business_card', business_card: { userid: 'x' } })).errcode,
    ).toBe(40008);
  });

  it('accepts 10 menu items and answers 95008 for 11, 95009 for an unknown item type', async () => {
    const ids = conversation();
    const item = { type: 'click', click: { id: '1', content: '是' } };
    const menu = (list: unknown[]) => ({ msgtype: 'msgmenu', msgmenu: { head_content: '请选择', list } });
    expect((await send(ids, menu(Array(10).fill(item)))).errcode).toBe(0);
    expect((await send(ids, menu(Array(11).fill(item)))).errcode).toBe(95008);
    expect((await send(ids, menu([{ type: 'button', button: {} }]))).errcode).toBe(95009);
  });

  it('sends uploaded media of the right type and answers 40007 otherwise', async () => {
    const ids = conversation();
    const image = api.mock.scenario.createMedia({ type: 'image' });
    const voice = api.mock.scenario.createMedia({ type: 'voice' });
    expect((await send(ids, { msgtype: 'image', image: { media_id: image } })).errcode).toBe(0);
    expect((await send(ids, { msgtype: 'voice', voice: { media_id: voice } })).errcode).toBe(0);
    expect((await send(ids, { msgtype: 'image', image: { media_id: voice } })).errcode).toBe(40007);
    expect((await send(ids, { msgtype: 'file', file: { media_id: 'nope' } })).errcode).toBe(40007);
    const link = { title: 't', url: 'https://e.x', thumb_media_id: voice };
    expect((await send(ids, { msgtype: 'link', link })).errcode).toBe(40007);
  });

  it('sends media up to 3 days old: 71:59:59 passes, 72:00:00 answers 40007', async () => {
    const image = api.mock.scenario.createMedia({ type: 'image' });
    api.mock.clock.advance(3 * DAY - SECOND);
    const ids = conversation();
    expect((await send(ids, { msgtype: 'image', image: { media_id: image } })).errcode).toBe(0);
    api.mock.clock.advance(SECOND);
    expect((await send(ids, { msgtype: 'image', image: { media_id: image } })).errcode).toBe(40007);
  });

  it('accepts a message to a rejecting servicer and reports msg_send_fail (fail_type 10) later', async () => {
    const ids = conversation();
    api.mock.scenario.servicerRejectsCustomer({ ...ids, servicer_userid: 'zhangsan', reject: true });
    const { msgid } = await send(ids, text('x'));
    const page = await api.call('syncMsg', { open_kfid: ids.open_kfid });
    const events = (page.msg_list as { msgtype: string; event?: Record<string, unknown> }[]).map(
      (m) => m.event,
    );
    expect(events.at(-1)).toEqual({
      event_type: 'msg_send_fail',
      open_kfid: ids.open_kfid,
      external_userid: ids.external_userid,
      fail_msgid: msgid,
      fail_type: 10,
    });
  });
});
