import { describe, expect, it } from 'vitest';
import { text, useKfMock } from '../__fixtures__/harness.js';
import { HOUR, SECOND } from '../clock.js';

const api = useKfMock();

function setup(): { open_kfid: string; external_userid: string } {
  const open_kfid = api.mock.scenario.createAccount();
  api.mock.scenario.addServicer(open_kfid, 'zhangsan');
  const external_userid = api.mock.scenario.createCustomer();
  return { open_kfid, external_userid };
}

function welcomeCode(ids: { open_kfid: string; external_userid: string }): string {
  const code = api.mock.scenario.enterSession(ids)?.welcome_code;
  if (code === undefined) throw new Error('no welcome code');
  return code;
}

function onEvent(code: string, content: Record<string, unknown>, msgid?: string) {
  return api.call('sendMsgOnEvent', { code, ...(msgid === undefined ? {} : { msgid }), ...content });
}

const menu = {
  msgtype: 'msgmenu',
  msgmenu: { list: [{ type: 'click', click: { id: '1', content: '人工' } }] },
};

describe('welcome codes', () => {
  it('sends one welcome message with the code and records it', async () => {
    const ids = setup();
    const code = welcomeCode(ids);
    const body = await onEvent(code, text('欢迎咨询'));
    expect(body).toMatchObject({ errcode: 0, msgid: expect.any(String) });
    expect(api.mock.world.sent(ids)).toEqual([
      expect.objectContaining({ via: 'send_msg_on_event', code, content: text('欢迎咨询') }),
    ]);
  });

  it('is single use (95007 the second time)', async () => {
    const code = welcomeCode(setup());
    expect((await onEvent(code, text('a'))).errcode).toBe(0);
    expect((await onEvent(code, text('b'))).errcode).toBe(95007);
  });

  it('is valid 20 seconds: 19 s passes, 20 s answers 95007', async () => {
    const first = welcomeCode(setup());
    api.mock.clock.advance(19 * SECOND);
    expect((await onEvent(first, text('a'))).errcode).toBe(0);
    const second = welcomeCode(setup());
    api.mock.clock.advance(20 * SECOND);
    expect((await onEvent(second, text('a'))).errcode).toBe(95007);
  });

  it('accepts a menu', async () => {
    expect((await onEvent(welcomeCode(setup()), menu)).errcode).toBe(0);
  });

  it('answers 95007 for an unknown code and 40008 for a type other than text or msgmenu', async () => {
    expect((await onEvent('nope', text('a'))).errcode).toBe(95007);
    const image = api.mock.scenario.createMedia({ type: 'image' });
    expect(
      (await onEvent(welcomeCode(setup()), { msgtype: 'image', image: { media_id: image } })).errcode,
    ).toBe(40008);
  });

  it('is not issued again within 48 hours of a welcome message, and is after', async () => {
    const ids = setup();
    await onEvent(welcomeCode(ids), text('hi'));
    api.mock.clock.advance(48 * HOUR);
    expect(api.mock.scenario.enterSession(ids)?.welcome_code).toBeUndefined();
    api.mock.clock.advance(SECOND);
    expect(api.mock.scenario.enterSession(ids)?.welcome_code).toEqual(expect.any(String));
  });

  it('is not issued to a customer who wrote within 48 hours', async () => {
    const ids = setup();
    api.mock.scenario.customerSends({ ...ids, message: text('q') });
    expect(api.mock.scenario.enterSession(ids)?.welcome_code).toBeUndefined();
  });

  it('shares msgid uniqueness with send_msg', async () => {
    const ids = setup();
    await onEvent(welcomeCode(ids), text('hi'), 'same');
    api.mock.scenario.customerSends({ ...ids, message: text('q') });
    const body = await api.call('sendMsg', {
      touser: ids.external_userid,
      open_kfid: ids.open_kfid,
      msgid: 'same',
      ...text('x'),
    });
    expect(body.errcode).toBe(40058);
  });
});

describe('msg_code from service_state/trans', () => {
  async function queued(): Promise<{ ids: { open_kfid: string; external_userid: string }; code: string }> {
    const ids = setup();
    api.mock.scenario.customerSends({ ...ids, message: text('q') });
    const body = await api.call('serviceState.trans', { ...ids, service_state: 2 });
    return { ids, code: String(body.msg_code) };
  }

  it('sends the queue notice while the session is still queued, for 48 hours', async () => {
    const { code } = await queued();
    api.mock.clock.advance(48 * HOUR - SECOND);
    expect((await onEvent(code, text('排队中'))).errcode).toBe(0);
  });

  it('answers 95007 for a queue code 48 hours old', async () => {
    const { ids, code } = await queued();
    // Keep the session alive (a silent customer would end it) so only the code's age matters.
    api.mock.clock.advance(47 * HOUR);
    api.mock.scenario.customerSends({ ...ids, message: text('still there?') });
    api.mock.clock.advance(HOUR);
    expect((await onEvent(code, text('排队中'))).errcode).toBe(95007);
  });

  it('answers 95007 once the session left the state the code was issued in', async () => {
    const { ids, code } = await queued();
    await api.call('serviceState.trans', { ...ids, service_state: 3, servicer_userid: 'zhangsan' });
    expect((await onEvent(code, text('排队中'))).errcode).toBe(95007);
  });

  it('allows only text for the queue notice (40008 for a menu)', async () => {
    const { code } = await queued();
    expect((await onEvent(code, menu)).errcode).toBe(40008);
  });

  it('sends a closing menu with the end code within 20 seconds: 19 s passes, 20 s answers 95007', async () => {
    const ended = async () => {
      const ids = setup();
      api.mock.scenario.customerSends({ ...ids, message: text('q') });
      return String((await api.call('serviceState.trans', { ...ids, service_state: 4 })).msg_code);
    };
    const first = await ended();
    api.mock.clock.advance(19 * SECOND);
    expect((await onEvent(first, menu)).errcode).toBe(0);
    const second = await ended();
    api.mock.clock.advance(20 * SECOND);
    expect((await onEvent(second, menu)).errcode).toBe(95007);
  });

  it('answers 95007 for an end code once the customer started a new session', async () => {
    const ids = setup();
    api.mock.scenario.customerSends({ ...ids, message: text('q') });
    const body = await api.call('serviceState.trans', { ...ids, service_state: 4 });
    api.mock.scenario.customerSends({ ...ids, message: text('again') });
    expect((await onEvent(String(body.msg_code), text('bye'))).errcode).toBe(95007);
  });
});

describe('msg_code from session_status_change', () => {
  it('sends with the code of a servicer taking the session from the pool while it stays with them', async () => {
    const ids = setup();
    api.mock.scenario.customerSends({ ...ids, message: text('q') });
    await api.call('serviceState.trans', { ...ids, service_state: 2 });
    const code = api.mock.scenario.servicerTakesFromPool({ ...ids, servicer_userid: 'zhangsan' });
    expect((await onEvent(code, text('已接入'))).errcode).toBe(0);
  });

  it('sends a closing message with the code of a servicer ending the session', async () => {
    const ids = setup();
    api.mock.scenario.customerSends({ ...ids, message: text('q') });
    await api.call('serviceState.trans', { ...ids, service_state: 3, servicer_userid: 'zhangsan' });
    const code = api.mock.scenario.servicerEnds(ids);
    expect((await onEvent(code, text('再见'))).errcode).toBe(0);
  });
});
