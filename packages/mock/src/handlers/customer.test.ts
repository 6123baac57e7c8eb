import { describe, expect, it } from 'vitest';
import { text, useKfMock } from '../__fixtures__/harness.js';
import { HOUR, SECOND } from '../clock.js';

const api = useKfMock();

describe('customer/batchget', () => {
  it('answers customers active within 48 hours and lists the others as invalid', async () => {
    const { scenario } = api.mock;
    const open_kfid = scenario.createAccount();
    const active = scenario.createCustomer({ nickname: '张三', gender: 1, unionid: 'oxunion' });
    const stale = scenario.createCustomer();
    const silent = scenario.createCustomer();
    scenario.customerSends({ open_kfid, external_userid: stale, message: text('old') });
    api.mock.clock.advance(48 * HOUR + SECOND);
    scenario.customerSends({ open_kfid, external_userid: active, message: text('new') });
    const body = await api.call('customer.batchget', {
      external_userid_list: [active, stale, silent, 'zhangsan'],
    });
    expect(body.customer_list).toEqual([
      {
        external_userid: active,
        nickname: '张三',
        avatar: expect.stringContaining('https://'),
        gender: 1,
        unionid: 'oxunion',
      },
    ]);
    expect(body.invalid_external_userid).toEqual([stale, silent, 'zhangsan']);
  });

  it('counts entering a session as activity: 48:00 later valid, 48:01 invalid', async () => {
    const { scenario } = api.mock;
    const open_kfid = scenario.createAccount();
    const external_userid = scenario.createCustomer();
    scenario.enterSession({ open_kfid, external_userid });
    api.mock.clock.advance(48 * HOUR);
    expect(
      (await api.call('customer.batchget', { external_userid_list: [external_userid] })).customer_list,
    ).toHaveLength(1);
    api.mock.clock.advance(SECOND);
    expect(
      (await api.call('customer.batchget', { external_userid_list: [external_userid] }))
        .invalid_external_userid,
    ).toEqual([external_userid]);
  });

  it('returns the last enter_session context only when asked', async () => {
    const { scenario } = api.mock;
    const open_kfid = scenario.createAccount();
    const external_userid = scenario.createCustomer();
    scenario.enterSession({ open_kfid, external_userid, scene: 'promo', scene_param: 'x=1' });
    const without = await api.call('customer.batchget', { external_userid_list: [external_userid] });
    expect((without.customer_list as Record<string, unknown>[])[0]?.enter_session_context).toBeUndefined();
    const withContext = await api.call('customer.batchget', {
      external_userid_list: [external_userid],
      need_enter_session_context: 1,
    });
    expect((withContext.customer_list as Record<string, unknown>[])[0]?.enter_session_context).toEqual({
      scene: 'promo',
      scene_param: 'x=1',
    });
  });

  it('takes 100 ids and answers 40058 for 101, 40063 for none', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `wm${i}`);
    expect((await api.call('customer.batchget', { external_userid_list: ids.slice(0, 100) })).errcode).toBe(
      0,
    );
    expect((await api.call('customer.batchget', { external_userid_list: ids })).errcode).toBe(40058);
    expect((await api.call('customer.batchget', {})).errcode).toBe(40063);
  });
});

describe('升级服务', () => {
  it('returns the configured members and group chats', async () => {
    api.mock.scenario.configureUpgradeService({
      userid_list: ['zhangsan'],
      department_id_list: [2],
      chat_id_list: ['wr1'],
    });
    expect(await api.call('customer.getUpgradeServiceConfig')).toEqual({
      errcode: 0,
      errmsg: 'ok',
      member_range: { userid_list: ['zhangsan'], department_id_list: [2] },
      groupchat_range: { chat_id_list: ['wr1'] },
    });
  });

  it('recommends configured members (directly or by department) and group chats, 95021 otherwise', async () => {
    const { scenario } = api.mock;
    const open_kfid = scenario.createAccount();
    const external_userid = scenario.createCustomer();
    scenario.createMember({ userid: 'deptmember', departments: [2] });
    scenario.configureUpgradeService({
      userid_list: ['zhangsan'],
      department_id_list: [2],
      chat_id_list: ['wr1'],
    });
    const ids = { open_kfid, external_userid };
    const member = (userid: string) =>
      api.call('customer.upgradeService', { ...ids, type: 1, member: { userid } });
    const group = (chat_id: string) =>
      api.call('customer.upgradeService', { ...ids, type: 2, groupchat: { chat_id } });
    expect((await member('zhangsan')).errcode).toBe(0);
    expect((await member('deptmember')).errcode).toBe(0);
    expect((await member('lisi')).errcode).toBe(95021);
    expect((await group('wr1')).errcode).toBe(0);
    expect((await group('wr2')).errcode).toBe(95021);
    expect((await api.call('customer.cancelUpgradeService', ids)).errcode).toBe(0);
  });

  it('answers 40063 when the object the type needs is missing', async () => {
    const open_kfid = api.mock.scenario.createAccount();
    const external_userid = api.mock.scenario.createCustomer();
    const body = await api.call('customer.upgradeService', {
      open_kfid,
      external_userid,
      type: 1,
      groupchat: { chat_id: 'wr1' },
    });
    expect(body.errcode).toBe(40063);
  });
});

describe('get_corp_qualification', () => {
  it('reports the 视频号 binding the scenario sets', async () => {
    expect((await api.call('getCorpQualification')).wechat_channels_binding).toBe(false);
    api.mock.scenario.setWechatChannelsBinding(true);
    expect((await api.call('getCorpQualification')).wechat_channels_binding).toBe(true);
  });

  it('ignores a query parameter it does not take, with a warning (40058 with strictRequests)', async () => {
    expect((await api.call('getCorpQualification', { extra: 1 })).errcode).toBe(0);
    expect(api.mock.world.calls().at(-1)?.warnings).toEqual(['ignored unknown field "extra"']);
    api.recreate({ strictRequests: true });
    expect((await api.call('getCorpQualification', { extra: 1 })).errcode).toBe(40058);
  });
});
