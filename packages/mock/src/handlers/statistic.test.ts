import { describe, expect, it } from 'vitest';
import { text, useKfMock } from '../__fixtures__/harness.js';
import { DAY, HOUR, SECOND } from '../clock.js';

const api = useKfMock();

/** 2024-01-01 00:00 in UTC+8, the day of the mock's default start time (08:00 UTC+8). */
const JAN_1 = 1704038400;
/** The next day's 06:00 UTC+8, when Jan 1 is computed: 22 hours after the start time. */
const READY = 22 * HOUR;

/** A day of activity: A goes bot → zhangsan and writes twice; B is queued, lisi replies after 30 s. */
async function activity(): Promise<string> {
  const { scenario } = api.mock;
  const open_kfid = scenario.createAccount();
  scenario.addServicer(open_kfid, 'zhangsan');
  scenario.addServicer(open_kfid, 'lisi');
  const a = scenario.createCustomer();
  const b = scenario.createCustomer();
  scenario.customerSends({ open_kfid, external_userid: a, message: text('a1') });
  await api.call('sendMsg', { open_kfid, touser: a, ...text('bot') });
  await api.call('serviceState.trans', {
    open_kfid,
    external_userid: a,
    service_state: 3,
    servicer_userid: 'zhangsan',
  });
  scenario.customerSends({ open_kfid, external_userid: b, message: text('b1') });
  await api.call('serviceState.trans', { open_kfid, external_userid: b, service_state: 2 });
  scenario.servicerTakesFromPool({ open_kfid, external_userid: b, servicer_userid: 'lisi' });
  api.mock.clock.advance(30 * SECOND);
  scenario.servicerReplies({ open_kfid, external_userid: b, servicer_userid: 'lisi', message: text('hi') });
  scenario.customerSends({ open_kfid, external_userid: a, message: text('a2') });
  scenario.servicerRejectsCustomer({
    open_kfid,
    external_userid: b,
    servicer_userid: 'zhangsan',
    reject: true,
  });
  return open_kfid;
}

function at(elapsed: number): void {
  api.mock.clock.set(Date.UTC(2024, 0, 1) + elapsed);
}

describe('get_corp_statistic', () => {
  it('computes a day from what happened, available from 06:00 the next day', async () => {
    const open_kfid = await activity();
    const query = { open_kfid, start_time: JAN_1, end_time: JAN_1 };
    at(READY - SECOND);
    expect((await api.call('getCorpStatistic', query)).statistic_list).toEqual([{ stat_time: JAN_1 }]);
    at(READY);
    expect((await api.call('getCorpStatistic', query)).statistic_list).toEqual([
      {
        stat_time: JAN_1,
        statistic: {
          session_cnt: 2,
          customer_cnt: 2,
          customer_msg_cnt: 3,
          upgrade_service_customer_cnt: 0,
          ai_session_reply_cnt: 1,
          ai_transfer_rate: 1,
          ai_knowledge_hit_rate: 0,
          msg_rejected_customer_cnt: 1,
        },
      },
    ]);
  });

  it('lists one item per day, without statistic on days with nothing, flooring times to 00:00 UTC+8', async () => {
    const open_kfid = await activity();
    at(3 * DAY);
    const body = await api.call('getCorpStatistic', {
      open_kfid,
      start_time: JAN_1 + 3600,
      end_time: JAN_1 + 86_400 + 5,
    });
    expect(body.errmsg).toBe('ok');
    const list = body.statistic_list as { stat_time: number; statistic?: unknown }[];
    expect(list.map((item) => [item.stat_time, item.statistic !== undefined])).toEqual([
      [JAN_1, true],
      [JAN_1 + 86_400, false],
    ]);
  });

  it('answers 40058 for a span over 31 days or a start older than 180 days', async () => {
    const open_kfid = api.mock.scenario.createAccount();
    at(200 * DAY);
    const today = JAN_1 + 200 * 86_400;
    const ok = { open_kfid, start_time: today - 180 * 86_400, end_time: today - 150 * 86_400 };
    expect((await api.call('getCorpStatistic', ok)).errcode).toBe(0);
    const old = { open_kfid, start_time: today - 181 * 86_400, end_time: today - 170 * 86_400 };
    expect((await api.call('getCorpStatistic', old)).errcode).toBe(40058);
    const long = { open_kfid, start_time: today - 40 * 86_400, end_time: today - 9 * 86_400 };
    expect((await api.call('getCorpStatistic', long)).errcode).toBe(40058);
  });

  it('answers 95004 for an unknown account', async () => {
    expect(
      (await api.call('getCorpStatistic', { open_kfid: 'wkx', start_time: JAN_1, end_time: JAN_1 })).errcode,
    ).toBe(95004);
  });
});

describe('get_servicer_statistic', () => {
  it('computes per servicer and for the account', async () => {
    const open_kfid = await activity();
    at(READY);
    const day = async (servicer_userid?: string) => {
      const body = await api.call('getServicerStatistic', {
        open_kfid,
        start_time: JAN_1,
        end_time: JAN_1,
        ...(servicer_userid === undefined ? {} : { servicer_userid }),
      });
      return (body.statistic_list as { statistic?: Record<string, unknown> }[])[0]?.statistic;
    };
    expect(await day('lisi')).toMatchObject({
      session_cnt: 1,
      customer_cnt: 1,
      customer_msg_cnt: 0,
      reply_rate: 1,
      first_reply_average_sec: 30,
      satisfaction_investgate_cnt: 0,
      msg_rejected_customer_cnt: 0,
    });
    const zhangsan = await day('zhangsan');
    expect(zhangsan).toMatchObject({
      session_cnt: 1,
      customer_msg_cnt: 1,
      reply_rate: 0,
      msg_rejected_customer_cnt: 1,
    });
    // Every field of the official example is there; nothing to divide by reads 0.
    expect(zhangsan).toMatchObject({
      first_reply_average_sec: 0,
      satisfaction_investgate_cnt: 0,
      satisfaction_participation_rate: 0,
      satisfied_rate: 0,
      middling_rate: 0,
      dissatisfied_rate: 0,
    });
    expect(await day()).toMatchObject({
      session_cnt: 2,
      customer_cnt: 2,
      reply_rate: 0.5,
      first_reply_average_sec: 30,
    });
    expect(await day('wangwu')).toBeUndefined();
  });

  it('computes the satisfaction figures from surveys sent and answered', async () => {
    const open_kfid = await activity();
    const { scenario } = api.mock;
    const [a, b] = api.mock.world.customers().map((customer) => customer.external_userid) as [string, string];
    const c = scenario.createCustomer();
    scenario.customerSends({ open_kfid, external_userid: c, message: text('c1') });
    await api.call('serviceState.trans', {
      open_kfid,
      external_userid: c,
      service_state: 3,
      servicer_userid: 'lisi',
    });
    scenario.servicerEnds({ open_kfid, external_userid: b });
    // lisi: three surveys (b's after the session ended, c's twice), two answered.
    scenario.satisfactionSurveySent({ open_kfid, external_userid: b });
    scenario.satisfactionSurveySent({ open_kfid, external_userid: c });
    scenario.satisfactionSurveySent({ open_kfid, external_userid: c });
    scenario.customerAnswersSurvey({ open_kfid, external_userid: b, answer: 'satisfied' });
    scenario.customerAnswersSurvey({ open_kfid, external_userid: c, answer: 'dissatisfied' });
    // zhangsan: one survey, answered 一般.
    scenario.satisfactionSurveySent({ open_kfid, external_userid: a });
    scenario.customerAnswersSurvey({ open_kfid, external_userid: a, answer: 'middling' });
    expect(() =>
      scenario.customerAnswersSurvey({ open_kfid, external_userid: a, answer: 'satisfied' }),
    ).toThrow(/no unanswered survey/);
    at(READY);
    const day = async (servicer_userid: string) => {
      const body = await api.call('getServicerStatistic', {
        open_kfid,
        servicer_userid,
        start_time: JAN_1,
        end_time: JAN_1,
      });
      return (body.statistic_list as { statistic?: Record<string, unknown> }[])[0]?.statistic;
    };
    expect(await day('lisi')).toMatchObject({
      satisfaction_investgate_cnt: 3,
      satisfaction_participation_rate: 2 / 3,
      satisfied_rate: 0.5,
      middling_rate: 0,
      dissatisfied_rate: 0.5,
    });
    expect(await day('zhangsan')).toMatchObject({
      satisfaction_investgate_cnt: 1,
      satisfaction_participation_rate: 1,
      satisfied_rate: 0,
      middling_rate: 1,
      dissatisfied_rate: 0,
    });
  });

  it('counts upgrade_service invitations of the servicer handling the customer', async () => {
    const { scenario } = api.mock;
    const open_kfid = scenario.createAccount();
    scenario.addServicer(open_kfid, 'zhangsan');
    scenario.configureUpgradeService({ userid_list: ['zhangsan'], chat_id_list: ['wr1'] });
    const external_userid = scenario.createCustomer();
    scenario.customerSends({ open_kfid, external_userid, message: text('q') });
    await api.call('serviceState.trans', {
      open_kfid,
      external_userid,
      service_state: 3,
      servicer_userid: 'zhangsan',
    });
    await api.call('customer.upgradeService', {
      open_kfid,
      external_userid,
      type: 1,
      member: { userid: 'zhangsan' },
    });
    await api.call('customer.upgradeService', {
      open_kfid,
      external_userid,
      type: 2,
      groupchat: { chat_id: 'wr1' },
    });
    at(READY);
    const body = await api.call('getServicerStatistic', {
      open_kfid,
      servicer_userid: 'zhangsan',
      start_time: JAN_1,
      end_time: JAN_1,
    });
    expect((body.statistic_list as { statistic?: unknown }[])[0]?.statistic).toMatchObject({
      upgrade_service_member_invite_cnt: 1,
      upgrade_service_groupchat_invite_cnt: 1,
      upgrade_service_member_customer_cnt: 0,
    });
  });
});
