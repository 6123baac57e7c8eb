import { describe, expect, it } from 'vitest';
import { text, useKfMock } from '../__fixtures__/harness.js';
import { HOUR, SECOND } from '../clock.js';

const api = useKfMock();

/** An account with servicer zhangsan and a customer who has written once (state 0). */
const conversation = () => api.conversation({ servicers: ['zhangsan', 'lisi'], says: '你好' });

function trans(
  ids: { open_kfid: string; external_userid: string },
  service_state: number,
  servicer_userid?: string,
) {
  return api.call('serviceState.trans', {
    ...ids,
    service_state,
    ...(servicer_userid === undefined ? {} : { servicer_userid }),
  });
}

describe('service_state/get', () => {
  it('reports 4 before the customer writes and 0 after', async () => {
    const { scenario } = api.mock;
    const open_kfid = scenario.createAccount();
    const external_userid = scenario.createCustomer();
    expect(await api.call('serviceState.get', { open_kfid, external_userid })).toEqual({
      errcode: 0,
      errmsg: 'ok',
      service_state: 4,
    });
    scenario.customerSends({ open_kfid, external_userid, message: text('hi') });
    expect((await api.call('serviceState.get', { open_kfid, external_userid })).service_state).toBe(0);
  });

  it('reports the servicer in state 3', async () => {
    const ids = conversation();
    await trans(ids, 3, 'zhangsan');
    expect(await api.call('serviceState.get', ids)).toMatchObject({
      service_state: 3,
      servicer_userid: 'zhangsan',
    });
  });

  it('answers 40096 for a customer the corp never saw', async () => {
    const open_kfid = api.mock.scenario.createAccount();
    expect((await api.call('serviceState.get', { open_kfid, external_userid: 'wmnobody' })).errcode).toBe(
      40096,
    );
  });

  it('ends a session 48 hours after the customer last wrote', async () => {
    const ids = conversation();
    await trans(ids, 3, 'zhangsan');
    api.mock.clock.advance(48 * HOUR);
    expect((await api.call('serviceState.get', ids)).service_state).toBe(3);
    api.mock.clock.advance(SECOND);
    expect((await api.call('serviceState.get', ids)).service_state).toBe(4);
  });
});

describe('service_state/trans', () => {
  it('issues a msg_code on the first change to 2, none on the following change to 3, an end code on 4', async () => {
    const ids = conversation();
    const toPool = await trans(ids, 2);
    expect(toPool).toMatchObject({ errcode: 0, msg_code: expect.any(String) });
    const toServicer = await trans(ids, 3, 'zhangsan');
    expect(toServicer).toEqual({ errcode: 0, errmsg: 'ok' });
    const toEnd = await trans(ids, 4);
    expect(toEnd).toMatchObject({ errcode: 0, msg_code: expect.any(String) });
    expect(toEnd.msg_code).not.toBe(toPool.msg_code);
  });

  it('issues a msg_code on a direct change from 0 to 3', async () => {
    const ids = conversation();
    expect((await trans(ids, 3, 'zhangsan')).msg_code).toEqual(expect.any(String));
  });

  it('moves 0 to 1 without a code', async () => {
    const ids = conversation();
    expect(await trans(ids, 1)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(api.mock.world.session(ids.open_kfid, ids.external_userid).service_state).toBe(1);
  });

  it.each([
    [1, [0]],
    [2, [0, 1]],
    [3, [0, 1, 2]],
  ])('answers 95016 for moves from %i back to %o', async (from, targets) => {
    const ids = conversation();
    if (from === 1) await trans(ids, 1);
    if (from === 2) await trans(ids, 2);
    if (from === 3) await trans(ids, 3, 'zhangsan');
    for (const to of targets) expect((await trans(ids, to)).errcode).toBe(95016);
  });

  it('answers 95016 for a move to the current state', async () => {
    const ids = conversation();
    expect((await trans(ids, 0)).errcode).toBe(95016);
    await trans(ids, 3, 'zhangsan');
    expect((await trans(ids, 3, 'zhangsan')).errcode).toBe(95016);
  });

  it('transfers a session in state 3 to another servicer', async () => {
    const ids = conversation();
    await trans(ids, 3, 'zhangsan');
    expect((await trans(ids, 3, 'lisi')).errcode).toBe(0);
    expect(api.mock.world.session(ids.open_kfid, ids.external_userid).servicer_userid).toBe('lisi');
  });

  it('answers 95013 for any change of an ended session by default', async () => {
    const ids = conversation();
    await trans(ids, 3, 'zhangsan');
    await trans(ids, 4);
    expect((await trans(ids, 3, 'zhangsan')).errcode).toBe(95013);
    expect((await trans(ids, 2)).errcode).toBe(95013);
  });

  it('answers 95016 for an ended session when so configured', async () => {
    api.recreate({ behaviour: { endedSessionTransErrcode: 95016 } });
    const ids = conversation();
    await trans(ids, 4);
    expect((await trans(ids, 2)).errcode).toBe(95016);
  });

  it('ends sessions from 0, 1 and 2 by default and refuses when allowUnverifiedTransitions is false', async () => {
    for (const from of [0, 1, 2]) {
      const ids = conversation();
      if (from > 0) expect((await trans(ids, from)).errcode).toBe(0);
      expect((await trans(ids, 4)).errcode).toBe(0);
    }
    api.recreate({ behaviour: { allowUnverifiedTransitions: false } });
    for (const from of [0, 2]) {
      const ids = conversation();
      if (from > 0) expect((await trans(ids, from)).errcode).toBe(0);
      expect((await trans(ids, 4)).errcode).toBe(95016);
    }
  });

  it('allows an explicit 0 → 1 by default and refuses it when allowUnverifiedTransitions is false', async () => {
    expect((await trans(conversation(), 1)).errcode).toBe(0);
    api.recreate({ behaviour: { allowUnverifiedTransitions: false } });
    expect((await trans(conversation(), 1)).errcode).toBe(95016);
  });

  it('answers 40063 for a change to 3 without servicer_userid', async () => {
    expect((await trans(conversation(), 3)).errcode).toBe(40063);
  });

  it('answers 95014 for a member who is not a servicer of the account or has not activated WeCom', async () => {
    const ids = conversation();
    api.mock.scenario.createMember({ userid: 'outsider' });
    api.mock.scenario.createMember({ userid: 'sleeper', activated: false });
    api.mock.scenario.addServicer(ids.open_kfid, 'sleeper');
    expect((await trans(ids, 3, 'outsider')).errcode).toBe(95014);
    expect((await trans(ids, 3, 'ghost')).errcode).toBe(95014);
    expect((await trans(ids, 3, 'sleeper')).errcode).toBe(95014);
  });

  it('accepts a servicer who serves through a department', async () => {
    const ids = conversation();
    api.mock.scenario.createMember({ userid: 'deptuser', departments: [7] });
    await api.call('servicer.add', { open_kfid: ids.open_kfid, department_id_list: [7] });
    expect((await trans(ids, 3, 'deptuser')).errcode).toBe(0);
  });

  it('answers 95019 for a servicer who stopped or is suspended', async () => {
    const ids = conversation();
    api.mock.scenario.setServicerStatus('zhangsan', 'stopped');
    api.mock.scenario.setServicerStatus('lisi', 'suspended');
    expect((await trans(ids, 3, 'zhangsan')).errcode).toBe(95019);
    expect((await trans(ids, 3, 'lisi')).errcode).toBe(95019);
    api.mock.scenario.setServicerStatus('lisi', 'receiving');
    expect((await trans(ids, 3, 'lisi')).errcode).toBe(0);
  });

  it('starts a new session, with a new msg_code, when the customer writes after the end', async () => {
    const ids = conversation();
    await trans(ids, 2);
    await trans(ids, 4);
    api.mock.scenario.customerSends({ ...ids, message: text('again') });
    expect((await api.call('serviceState.get', ids)).service_state).toBe(0);
    expect((await trans(ids, 2)).msg_code).toEqual(expect.any(String));
  });
});
