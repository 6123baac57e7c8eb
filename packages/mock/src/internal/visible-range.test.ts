import { KfErrorCode } from '@kf/types';
import { describe, expect, it } from 'vitest';
import { type Json, useKfMock } from '../__fixtures__/harness.js';

const api = useKfMock();

/**
 * A corp with members zhangsan (department 2), lisi and wangwu (department 3), and an account
 * managed by the app `crm`, whose visible range is `range`.
 */
async function corp(range: { userids?: string[]; department_ids?: number[] }) {
  const { scenario } = api.mock;
  scenario.createDepartment(2);
  scenario.createDepartment(3);
  scenario.createMember({ userid: 'zhangsan', departments: [2] });
  scenario.createMember({ userid: 'lisi', departments: [3] });
  scenario.createMember({ userid: 'wangwu', departments: [3] });
  scenario.createApp({ name: 'crm', secret: 'crm-secret', visibleRange: range });
  const open_kfid = scenario.createAccount({ name: '售后' });
  scenario.setAccountManaged({ app: 'crm', open_kfid, managed: true });
  return { open_kfid, token: await api.tokenOf('crm-secret') };
}

describe("apps' visible ranges (可见范围)", () => {
  it('answers 60011 per item in servicer/add for members and departments outside the range', async () => {
    const { open_kfid, token } = await corp({ userids: ['zhangsan'] });
    const added = await api.call(
      'servicer.add',
      { open_kfid, userid_list: ['zhangsan', 'lisi', 'nobody'], department_id_list: [2, 3] },
      { token },
    );
    expect(added.errcode).toBe(0);
    expect(added.result_list).toEqual([
      { userid: 'zhangsan', errcode: 0, errmsg: 'success' },
      { userid: 'lisi', errcode: KfErrorCode.TargetOutOfPermission, errmsg: expect.any(String) },
      { userid: 'nobody', errcode: 40003, errmsg: 'invalid userid' },
      { department_id: 2, errcode: KfErrorCode.TargetOutOfPermission, errmsg: expect.any(String) },
      { department_id: 3, errcode: KfErrorCode.TargetOutOfPermission, errmsg: expect.any(String) },
    ]);
    expect(api.mock.world.accounts()[0]?.servicer_userids).toEqual(['zhangsan']);
  });

  it('counts a member inside the range through one of their departments', async () => {
    const { open_kfid, token } = await corp({ department_ids: [3] });
    const added = await api.call('servicer.add', { open_kfid, userid_list: ['lisi', 'zhangsan'] }, { token });
    expect((added.result_list as Json[]).map((item) => item.errcode)).toEqual([
      0,
      KfErrorCode.TargetOutOfPermission,
    ]);
  });

  it('answers 60011 per item in servicer/del and leaves the servicer in place', async () => {
    const { open_kfid, token } = await corp({ userids: ['zhangsan'] });
    api.mock.scenario.addServicer(open_kfid, 'lisi');
    const removed = await api.call('servicer.del', { open_kfid, userid_list: ['lisi'] }, { token });
    expect(removed.result_list).toEqual([
      { userid: 'lisi', errcode: KfErrorCode.TargetOutOfPermission, errmsg: expect.any(String) },
    ]);
    expect(api.mock.world.accounts()[0]?.servicer_userids).toEqual(['lisi']);
    // The default app sees everyone: the same call succeeds with its token.
    const byDefault = await api.call('servicer.del', { open_kfid, userid_list: ['lisi'] });
    expect((byDefault.result_list as Json[])[0]?.errcode).toBe(0);
  });

  it('leaves servicers outside the range out of servicer/list', async () => {
    const { open_kfid, token } = await corp({ userids: ['zhangsan'] });
    api.mock.scenario.addServicer(open_kfid, 'zhangsan');
    api.mock.scenario.addServicer(open_kfid, 'lisi');
    const byApp = await api.call('servicer.list', { open_kfid }, { token });
    expect((byApp.servicer_list as Json[]).map((item) => item.userid)).toEqual(['zhangsan']);
    const byDefault = await api.call('servicer.list', { open_kfid });
    expect((byDefault.servicer_list as Json[]).map((item) => item.userid)).toEqual(['zhangsan', 'lisi']);
  });

  it('answers 60011 to service_state/trans to a servicer outside the range', async () => {
    const { open_kfid, token } = await corp({ userids: ['zhangsan'] });
    const { scenario } = api.mock;
    scenario.addServicer(open_kfid, 'zhangsan');
    scenario.addServicer(open_kfid, 'lisi');
    const external_userid = scenario.createCustomer();
    scenario.customerSends({
      open_kfid,
      external_userid,
      message: { msgtype: 'text', text: { content: '在吗' } },
    });
    const to = (servicer_userid: string) =>
      api.call(
        'serviceState.trans',
        { open_kfid, external_userid, service_state: 3, servicer_userid },
        { token },
      );
    expect((await to('lisi')).errcode).toBe(KfErrorCode.TargetOutOfPermission);
    expect(api.mock.world.session(open_kfid, external_userid).service_state).toBe(0);
    expect((await to('zhangsan')).errcode).toBe(0);
  });

  it('answers 92000 instead with behaviour.visibleRangeErrcode (departments stay 60011)', async () => {
    api.recreate({ behaviour: { visibleRangeErrcode: 92000 } });
    const { open_kfid, token } = await corp({ userids: ['zhangsan'] });
    const added = await api.call(
      'servicer.add',
      { open_kfid, userid_list: ['lisi'], department_id_list: [3] },
      { token },
    );
    expect((added.result_list as Json[]).map((item) => item.errcode)).toEqual([
      KfErrorCode.MemberOutOfVisibleRange,
      KfErrorCode.TargetOutOfPermission,
    ]);
  });

  it('changes with setAppVisibleRange, and null gives the whole corp back', async () => {
    const { open_kfid, token } = await corp({ userids: ['zhangsan'] });
    const add = async (userid: string) =>
      (
        (await api.call('servicer.add', { open_kfid, userid_list: [userid] }, { token }))
          .result_list as Json[]
      )[0]?.errcode;
    expect(await add('wangwu')).toBe(KfErrorCode.TargetOutOfPermission);
    api.mock.scenario.setAppVisibleRange('crm', { userids: ['wangwu'] });
    expect(await add('wangwu')).toBe(0);
    expect(await add('zhangsan')).toBe(KfErrorCode.TargetOutOfPermission);
    api.mock.scenario.setAppVisibleRange('crm', null);
    expect(await add('zhangsan')).toBe(0);
    // The default app can be given a range too.
    api.mock.scenario.setAppVisibleRange('default', { userids: [] });
    const byDefault = await api.call('servicer.add', { open_kfid, userid_list: ['lisi'] });
    expect((byDefault.result_list as Json[])[0]?.errcode).toBe(KfErrorCode.TargetOutOfPermission);
    expect(() => api.mock.scenario.setAppVisibleRange('nope', null)).toThrow(/no app nope/);
    expect(() => api.mock.scenario.setAppVisibleRange('crm', { department_ids: [0] })).toThrow(/positive/);
  });
});
