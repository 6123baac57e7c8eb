import { describe, expect, it } from 'vitest';
import { useKfMock } from '../__fixtures__/harness.js';

const api = useKfMock();

describe('servicer/add', () => {
  it('answers per item: success, ignored for duplicates, 40003 for unknown users, 60003 for unknown departments', async () => {
    const { scenario } = api.mock;
    const open_kfid = scenario.createAccount();
    scenario.createMember({ userid: 'zhangsan' });
    scenario.createMember({ userid: 'lisi' });
    scenario.createDepartment(2);
    scenario.addServicer(open_kfid, 'lisi');
    const body = await api.call('servicer.add', {
      open_kfid,
      userid_list: ['zhangsan', 'lisi', 'ghost'],
      department_id_list: [2, 9],
    });
    expect(body).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(body.result_list).toEqual([
      { userid: 'zhangsan', errcode: 0, errmsg: 'success' },
      { userid: 'lisi', errcode: 0, errmsg: 'ignored' },
      { userid: 'ghost', errcode: 40003, errmsg: 'invalid userid' },
      { department_id: 2, errcode: 0, errmsg: 'success' },
      { department_id: 9, errcode: 60003, errmsg: 'department not found' },
    ]);
  });

  it('answers 40063 when neither list is given and 40058 for 101 userids', async () => {
    const open_kfid = api.mock.scenario.createAccount();
    expect((await api.call('servicer.add', { open_kfid })).errcode).toBe(40063);
    const many = Array.from({ length: 101 }, (_, i) => `u${i}`);
    expect((await api.call('servicer.add', { open_kfid, userid_list: many })).errcode).toBe(40058);
  });

  it('adds the 2000th member and refuses the 2001st per item', async () => {
    const open_kfid = api.mock.scenario.createAccount();
    const userids = Array.from({ length: 2001 }, (_, i) => `u${i}`);
    for (const userid of userids) api.mock.scenario.createMember({ userid });
    const results: { errcode: number }[] = [];
    for (let i = 0; i < userids.length; i += 100) {
      const body = await api.call('servicer.add', { open_kfid, userid_list: userids.slice(i, i + 100) });
      results.push(...(body.result_list as { errcode: number }[]));
    }
    expect(results[1999]?.errcode).toBe(0);
    expect(results[2000]?.errcode).toBe(40058);
  });

  it('adds the 20th department and refuses the 21st per item', async () => {
    const open_kfid = api.mock.scenario.createAccount();
    const ids = Array.from({ length: 21 }, (_, i) => i + 1);
    for (const id of ids) api.mock.scenario.createDepartment(id);
    const body = await api.call('servicer.add', { open_kfid, department_id_list: ids });
    const results = body.result_list as { errcode: number }[];
    expect(results[19]?.errcode).toBe(0);
    expect(results[20]?.errcode).toBe(40058);
  });

  it('answers 95004 for an unknown account', async () => {
    expect((await api.call('servicer.add', { open_kfid: 'wkx', userid_list: ['a'] })).errcode).toBe(95004);
  });
});

describe('servicer/del', () => {
  it('removes present servicers and ignores absent ones', async () => {
    const { scenario } = api.mock;
    const open_kfid = scenario.createAccount();
    scenario.addServicer(open_kfid, 'zhangsan');
    scenario.createMember({ userid: 'lisi' });
    const body = await api.call('servicer.del', { open_kfid, userid_list: ['zhangsan', 'lisi'] });
    expect(body.result_list).toEqual([
      { userid: 'zhangsan', errcode: 0, errmsg: 'success' },
      { userid: 'lisi', errcode: 0, errmsg: 'ignored' },
    ]);
    expect(api.mock.world.accounts()[0]?.servicer_userids).toEqual([]);
  });
});

describe('servicer/list', () => {
  it('lists members with status (and stop_type when stopped) and departments', async () => {
    const { scenario } = api.mock;
    const open_kfid = scenario.createAccount();
    scenario.addServicer(open_kfid, 'zhangsan');
    scenario.addServicer(open_kfid, 'lisi');
    scenario.addServicer(open_kfid, 'wangwu');
    scenario.createDepartment(2);
    await api.call('servicer.add', { open_kfid, department_id_list: [2] });
    scenario.setServicerStatus('lisi', 'stopped');
    scenario.setServicerStatus('wangwu', 'suspended');
    const body = await api.call('servicer.list', { open_kfid });
    expect(body.servicer_list).toEqual([
      { userid: 'zhangsan', status: 0 },
      { userid: 'lisi', status: 1, stop_type: 0 },
      { userid: 'wangwu', status: 1, stop_type: 1 },
      { department_id: 2 },
    ]);
  });

  it('answers 95000 for an empty open_kfid in the query', async () => {
    expect((await api.call('servicer.list', { open_kfid: '' })).errcode).toBe(95000);
  });
});
