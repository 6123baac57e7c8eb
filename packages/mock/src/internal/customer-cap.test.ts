import { KF_CUSTOMER_CAPS } from '@kf/types';
import { describe, expect, it } from 'vitest';
import { text, useKfMock } from '../__fixtures__/harness.js';

const api = useKfMock();

/** Customers who each wrote to the account, so send_msg to them passes every other rule. */
function customers(open_kfid: string, count: number): string[] {
  const { scenario } = api.mock;
  return Array.from({ length: count }, () => {
    const external_userid = scenario.createCustomer();
    scenario.customerSends({ open_kfid, external_userid, message: text('q') });
    return external_userid;
  });
}

async function send(open_kfid: string, touser: string) {
  return api.call('sendMsg', { open_kfid, touser, ...text('a') });
}

describe('the customer cap of the corp (KF_CUSTOMER_CAPS)', () => {
  it('lets an unverified corp serve 100 customers, answers 95003 for the 101st, and still serves the 100', async () => {
    api.recreate({ corpVerified: false });
    const open_kfid = api.mock.scenario.createAccount();
    const ids = customers(open_kfid, KF_CUSTOMER_CAPS.unverified + 1);
    const token = await api.token();
    const codes: number[] = [];
    for (const touser of ids)
      codes.push((await api.call('sendMsg', { open_kfid, touser, ...text('a') }, { token })).errcode);
    expect(codes.filter((code) => code === 0)).toHaveLength(100);
    expect(codes.at(-1)).toBe(95003);
    expect((await send(open_kfid, ids[0] ?? '')).errcode).toBe(0);
  });

  it('lifts the cap when the corp is verified and binds a 视频号', async () => {
    api.recreate({ corpVerified: false });
    const { scenario } = api.mock;
    const open_kfid = scenario.createAccount();
    const ids = customers(open_kfid, KF_CUSTOMER_CAPS.unverified + 1);
    const token = await api.token();
    for (const touser of ids.slice(0, 100))
      await api.call('sendMsg', { open_kfid, touser, ...text('a') }, { token });
    scenario.setCorpVerified(true);
    expect((await send(open_kfid, ids[100] ?? '')).errcode).toBe(0);
  });

  it("reports the failure asynchronously with customerCapFailure 'async' (msg_send_fail fail_type 9)", async () => {
    api.recreate({ corpVerified: false, behaviour: { customerCapFailure: 'async' } });
    const open_kfid = api.mock.scenario.createAccount();
    const ids = customers(open_kfid, KF_CUSTOMER_CAPS.unverified + 1);
    const token = await api.token();
    for (const touser of ids.slice(0, 100))
      await api.call('sendMsg', { open_kfid, touser, ...text('a') }, { token });
    const last = ids[100] ?? '';
    const sent = await send(open_kfid, last);
    expect(sent.errcode).toBe(0);
    const event = api.mock.world.messages(open_kfid).at(-1)?.event;
    expect(event).toEqual({
      event_type: 'msg_send_fail',
      open_kfid,
      external_userid: last,
      fail_msgid: sent.msgid,
      fail_type: 9,
    });
  });
});
