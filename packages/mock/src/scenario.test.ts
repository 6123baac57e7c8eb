import { describe, expect, it } from 'vitest';
import { text, useKfMock } from './__fixtures__/harness.js';
import { KfMockError } from './errors.js';

const api = useKfMock();

function setup(): { open_kfid: string; external_userid: string } {
  const open_kfid = api.mock.scenario.createAccount();
  api.mock.scenario.addServicer(open_kfid, 'zhangsan');
  api.mock.scenario.addServicer(open_kfid, 'lisi');
  const external_userid = api.mock.scenario.createCustomer({ nickname: '张三' });
  return { open_kfid, external_userid };
}

/** The events of the account's log, as sync_msg serves them. */
async function events(open_kfid: string): Promise<Record<string, unknown>[]> {
  const token = api.mock.world.latestCallbackToken(open_kfid);
  const page = await api.call('syncMsg', { open_kfid, ...(token === undefined ? {} : { token }) });
  return (page.msg_list as { msgtype: string; origin: number; event?: Record<string, unknown> }[])
    .filter((m) => m.msgtype === 'event')
    .map((m) => {
      expect(m.origin).toBe(4);
      return m.event ?? {};
    });
}

describe('customers entering', () => {
  it('enters through a contact link and echoes scene and scene_param in enter_session', async () => {
    const { open_kfid, external_userid } = setup();
    const { url } = await api.call('addContactWay', { open_kfid, scene: 'promo' });
    const result = api.mock.scenario.enterSession({
      external_userid,
      url: `${url}&scene_param=${encodeURIComponent('a=1&b=2')}`,
    });
    expect(result?.welcome_code).toEqual(expect.any(String));
    expect(await events(open_kfid)).toEqual([
      {
        event_type: 'enter_session',
        open_kfid,
        external_userid,
        scene: 'promo',
        scene_param: 'a=1&b=2',
        welcome_code: result?.welcome_code,
      },
    ]);
  });

  it('produces nothing when scene_param is over 128 bytes or the link has no scene', async () => {
    const { open_kfid, external_userid } = setup();
    const withScene = String((await api.call('addContactWay', { open_kfid, scene: 's' })).url);
    const withoutScene = String((await api.call('addContactWay', { open_kfid })).url);
    expect(
      api.mock.scenario.enterSession({ external_userid, url: `${withScene}&scene_param=${'a'.repeat(128)}` }),
    ).toBeDefined();
    expect(
      api.mock.scenario.enterSession({ external_userid, url: `${withScene}&scene_param=${'a'.repeat(129)}` }),
    ).toBeUndefined();
    expect(
      api.mock.scenario.enterSession({ external_userid, url: `${withoutScene}&scene_param=x` }),
    ).toBeUndefined();
    expect(await events(open_kfid)).toHaveLength(1);
  });

  it('enters from 视频号 with wechat_channels', async () => {
    const { open_kfid, external_userid } = setup();
    const wechat_channels = { nickname: '视频号', scene: 1 };
    const result = api.mock.scenario.enterSession({ open_kfid, external_userid, wechat_channels });
    expect(result?.event).toMatchObject({ event_type: 'enter_session', wechat_channels });
  });

  it('rejects a link the mock did not issue', () => {
    const { external_userid } = setup();
    expect(() =>
      api.mock.scenario.enterSession({ external_userid, url: 'https://example.com/kf/x' }),
    ).toThrow(KfMockError);
  });
});

describe('customers writing', () => {
  it('rejects events and unknown accounts or customers', () => {
    const ids = setup();
    const event = { msgtype: 'event', event: { event_type: 'enter_session' } };
    // @ts-expect-error: events are the platform's; the type refuses what the run time refuses.
    expect(() => api.mock.scenario.customerSends({ ...ids, message: event })).toThrow(KfMockError);
    expect(() => api.mock.scenario.customerSends({ ...ids, open_kfid: 'wkx', message: text('a') })).toThrow(
      /95004/,
    );
    expect(() =>
      api.mock.scenario.customerSends({ ...ids, external_userid: 'wmx', message: text('a') }),
    ).toThrow(/40096/);
  });

  it('rejects a message its type does not describe', () => {
    const ids = setup();
    expect(() =>
      // @ts-expect-error: an image without media_id; the type refuses what the run time refuses.
      api.mock.scenario.customerSends({ ...ids, message: { msgtype: 'image', image: {} } }),
    ).toThrow(KfMockError);
  });

  it('recalls their own message (user_recall_msg) and nothing else', async () => {
    const ids = setup();
    const msgid = api.mock.scenario.customerSends({ ...ids, message: text('oops') });
    api.mock.scenario.customerRecalls({ ...ids, msgid });
    expect(await events(ids.open_kfid)).toEqual([
      { event_type: 'user_recall_msg', ...ids, recall_msgid: msgid },
    ]);
    expect(() => api.mock.scenario.customerRecalls({ ...ids, msgid: 'other' })).toThrow(KfMockError);
  });
});

describe('servicers in the WeCom client', () => {
  async function queued(): Promise<{ open_kfid: string; external_userid: string }> {
    const ids = setup();
    api.mock.scenario.customerSends({ ...ids, message: text('q') });
    await api.call('serviceState.trans', { ...ids, service_state: 2 });
    return ids;
  }

  it('takes from the pool, transfers and ends, producing session_status_change 1, 2 and 3', async () => {
    const ids = await queued();
    const { scenario } = api.mock;
    const takeCode = scenario.servicerTakesFromPool({ ...ids, servicer_userid: 'zhangsan' });
    scenario.servicerTransfers({ ...ids, servicer_userid: 'lisi' });
    const endCode = scenario.servicerEnds(ids);
    expect(await events(ids.open_kfid)).toEqual([
      {
        event_type: 'session_status_change',
        ...ids,
        change_type: 1,
        new_servicer_userid: 'zhangsan',
        msg_code: takeCode,
      },
      {
        event_type: 'session_status_change',
        ...ids,
        change_type: 2,
        old_servicer_userid: 'zhangsan',
        new_servicer_userid: 'lisi',
      },
      {
        event_type: 'session_status_change',
        ...ids,
        change_type: 3,
        old_servicer_userid: 'lisi',
        msg_code: endCode,
      },
    ]);
    expect(api.mock.world.session(ids.open_kfid, ids.external_userid).service_state).toBe(4);
  });

  it('refuses to take a session that is not queued, or for a stopped servicer', async () => {
    const ids = setup();
    api.mock.scenario.customerSends({ ...ids, message: text('q') });
    expect(() => api.mock.scenario.servicerTakesFromPool({ ...ids, servicer_userid: 'zhangsan' })).toThrow(
      /not 2/,
    );
    await api.call('serviceState.trans', { ...ids, service_state: 2 });
    api.mock.scenario.setServicerStatus('zhangsan', 'suspended');
    expect(() => api.mock.scenario.servicerTakesFromPool({ ...ids, servicer_userid: 'zhangsan' })).toThrow(
      /95019/,
    );
  });

  it('replies with origin 5; in an ended session the reply takes it over (change_type 4, old servicer kept)', async () => {
    const ids = setup();
    const { scenario } = api.mock;
    scenario.customerSends({ ...ids, message: text('q') });
    await api.call('serviceState.trans', { ...ids, service_state: 3, servicer_userid: 'zhangsan' });
    scenario.servicerReplies({ ...ids, servicer_userid: 'zhangsan', message: text('a1') });
    scenario.servicerEnds(ids);
    scenario.servicerReplies({ ...ids, servicer_userid: 'lisi', message: text('a2') });
    expect(api.mock.world.session(ids.open_kfid, ids.external_userid)).toMatchObject({
      service_state: 3,
      servicer_userid: 'lisi',
    });
    const log = api.mock.world.messages(ids.open_kfid);
    expect(
      log.map((m) => (m.msgtype === 'event' ? (m.event as { change_type: number }).change_type : m.origin)),
    ).toEqual([3, 5, 3, 5, 4]);
    expect(log.at(-1)?.event).toEqual({
      event_type: 'session_status_change',
      ...ids,
      change_type: 4,
      old_servicer_userid: 'zhangsan',
      new_servicer_userid: 'lisi',
    });
  });

  it('refuses a reply to a session the servicer cannot see (states 0–2) or by a non-servicer', () => {
    const ids = setup();
    api.mock.scenario.customerSends({ ...ids, message: text('q') });
    expect(() =>
      api.mock.scenario.servicerReplies({ ...ids, servicer_userid: 'zhangsan', message: text('a') }),
    ).toThrow(/state 0/);
    expect(() =>
      api.mock.scenario.servicerReplies({ ...ids, servicer_userid: 'ghost', message: text('a') }),
    ).toThrow(/not a servicer/);
  });

  it('recalls a servicer message (servicer_recall_msg)', async () => {
    const ids = setup();
    api.mock.scenario.customerSends({ ...ids, message: text('q') });
    await api.call('serviceState.trans', { ...ids, service_state: 3, servicer_userid: 'zhangsan' });
    const msgid = api.mock.scenario.servicerReplies({
      ...ids,
      servicer_userid: 'zhangsan',
      message: text('a'),
    });
    api.mock.scenario.servicerRecalls({ ...ids, servicer_userid: 'zhangsan', msgid });
    expect((await events(ids.open_kfid)).at(-1)).toEqual({
      event_type: 'servicer_recall_msg',
      ...ids,
      recall_msgid: msgid,
      servicer_userid: 'zhangsan',
    });
    expect(() => api.mock.scenario.servicerRecalls({ ...ids, servicer_userid: 'lisi', msgid })).toThrow(
      KfMockError,
    );
  });

  it('announces status changes on each account of the servicer, numbered 1/2 as the event documents', async () => {
    const ids = setup();
    const other = api.mock.scenario.createAccount();
    api.mock.scenario.addServicer(other, 'zhangsan');
    api.mock.scenario.setServicerStatus('zhangsan', 'suspended');
    api.mock.scenario.setServicerStatus('zhangsan', 'receiving');
    const expected = (open_kfid: string) => [
      {
        event_type: 'servicer_status_change',
        servicer_userid: 'zhangsan',
        open_kfid,
        status: 2,
        stop_type: 1,
      },
      { event_type: 'servicer_status_change', servicer_userid: 'zhangsan', open_kfid, status: 1 },
    ];
    expect(await events(ids.open_kfid)).toEqual(expected(ids.open_kfid));
    expect(await events(other)).toEqual(expected(other));
  });

  it('switches rejecting a customer on and off (reject_customer_msg_switch_change)', async () => {
    const ids = setup();
    api.mock.scenario.servicerRejectsCustomer({ ...ids, servicer_userid: 'zhangsan', reject: true });
    api.mock.scenario.servicerRejectsCustomer({ ...ids, servicer_userid: 'zhangsan', reject: false });
    expect((await events(ids.open_kfid)).map((e) => e.reject_switch)).toEqual([1, 0]);
    expect(api.mock.world.session(ids.open_kfid, ids.external_userid).rejected).toBe(false);
  });
});

describe('reading what the app sent', () => {
  it('lists every message to a customer in order, across send_msg and send_msg_on_event', async () => {
    const ids = setup();
    const welcome = api.mock.scenario.enterSession(ids)?.welcome_code;
    await api.call('sendMsgOnEvent', { code: welcome, ...text('welcome') });
    api.mock.scenario.customerSends({ ...ids, message: text('q') });
    await api.call('sendMsg', { touser: ids.external_userid, open_kfid: ids.open_kfid, ...text('a1') });
    await api.call('sendMsg', { touser: ids.external_userid, open_kfid: ids.open_kfid, ...text('a2') });
    const other = api.mock.scenario.createCustomer();
    api.mock.scenario.customerSends({ open_kfid: ids.open_kfid, external_userid: other, message: text('q') });
    await api.call('sendMsg', { touser: other, open_kfid: ids.open_kfid, ...text('b1') });
    const sent = api.mock.world.sent(ids);
    expect(sent.map((m) => [m.via, (m.content.text as { content: string }).content])).toEqual([
      ['send_msg_on_event', 'welcome'],
      ['send_msg', 'a1'],
      ['send_msg', 'a2'],
    ]);
    expect(api.mock.world.sent({ open_kfid: ids.open_kfid })).toHaveLength(4);
  });
});

describe('setting up the corp', () => {
  it('creates accounts with names of 1 to 16 characters only', () => {
    expect(api.mock.scenario.createAccount({ name: '一'.repeat(16) })).toMatch(/^wk/);
    expect(() => api.mock.scenario.createAccount({ name: '一'.repeat(17) })).toThrow(KfMockError);
    expect(() => api.mock.scenario.createAccount({ name: '' })).toThrow(KfMockError);
  });

  it('refuses a member twice and a department id that is not a positive integer', () => {
    api.mock.scenario.createMember({ userid: 'zhangsan' });
    expect(() => api.mock.scenario.createMember({ userid: 'zhangsan' })).toThrow(KfMockError);
    expect(() => api.mock.scenario.createDepartment(0)).toThrow(KfMockError);
  });

  it('shows in the world view a session that ended because the customer was silent 48 hours', () => {
    const ids = setup();
    api.mock.scenario.customerSends({ ...ids, message: text('q') });
    api.mock.clock.advance(48 * 3_600_000 + 1);
    expect(api.mock.world.session(ids.open_kfid, ids.external_userid).service_state).toBe(4);
  });
});

describe('world.session', () => {
  it('reads a session that never started as ended (4)', () => {
    const { open_kfid, external_userid } = setup();
    expect(api.mock.world.session(open_kfid, external_userid)).toEqual({
      service_state: 4,
      sent_since_customer_msg: 0,
      rejected: false,
    });
  });

  it('throws KfMockError for an account or a customer that was never created', () => {
    const { open_kfid, external_userid } = setup();
    expect(() => api.mock.world.session('wkNope', external_userid)).toThrow(
      new KfMockError('world.session: no account wkNope'),
    );
    expect(() => api.mock.world.session(open_kfid, 'wmNope')).toThrow(
      new KfMockError('world.session: no customer wmNope'),
    );
    expect(() => api.mock.world.session(open_kfid, 'wmNope')).toThrow(KfMockError);
  });
});
