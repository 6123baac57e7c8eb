import { describe, expect, it } from 'vitest';
import { endpointFixture } from './__fixtures__/endpoints/load.js';
import { unlistedField } from './common.js';
import {
  GetCorpStatisticRequest,
  GetCorpStatisticResponse,
  GetServicerStatisticRequest,
  GetServicerStatisticResponse,
  KF_STATISTIC_MAX_SPAN_DAYS,
  KfCorpStatistic,
  KfServicerStatistic,
  kfStatisticDayStart,
} from './statistic.js';

const DAY = 86_400;
/** 2022-02-23 00:00:00 China Standard Time, the start of the official examples. */
const START = 1_645_545_600;

/** The `statistic` object of the first day of an example response. */
function firstDay(fixture: string): object {
  const body = endpointFixture(fixture) as { statistic_list: { statistic: object }[] };
  return body.statistic_list[0]?.statistic ?? {};
}

describe('official examples', () => {
  it('parses get_corp_statistic request and response (F-53a, F-53b)', () => {
    expect(GetCorpStatisticRequest.parse(endpointFixture('F-53a-get-corp-statistic-request'))).toEqual({
      open_kfid: 'OPEN_KFID',
      start_time: START,
      end_time: START + DAY,
    });
    const body = GetCorpStatisticResponse.parse(endpointFixture('F-53b-get-corp-statistic-response'));
    expect(body.statistic_list.map((item) => item.stat_time)).toEqual([START, START + DAY]);
    expect(body.statistic_list[0]?.statistic).toMatchObject({
      session_cnt: 2,
      customer_msg_cnt: 6,
      ai_transfer_rate: 1,
      ai_knowledge_hit_rate: 0,
    });
  });

  it('parses get_servicer_statistic request and response (F-54a, F-54b)', () => {
    expect(
      GetServicerStatisticRequest.parse(endpointFixture('F-54a-get-servicer-statistic-request'))
        .servicer_userid,
    ).toBe('zhangsan');
    const body = GetServicerStatisticResponse.parse(endpointFixture('F-54b-get-servicer-statistic-response'));
    expect(body.statistic_list[0]?.statistic).toMatchObject({
      first_reply_average_sec: 17,
      satisfaction_investgate_cnt: 1,
      middling_rate: 0,
    });
  });
});

describe.each([
  ['get_corp_statistic', GetCorpStatisticRequest],
  ['get_servicer_statistic', GetServicerStatisticRequest],
])('%s time rules', (_name, schema) => {
  const window = (start: number, end: number) => ({ open_kfid: 'wk1', start_time: start, end_time: end });

  it('accepts a single day', () => {
    expect(schema.safeParse(window(START, START)).success).toBe(true);
  });

  it('accepts 31 days in the closed interval and rejects 32', () => {
    expect(KF_STATISTIC_MAX_SPAN_DAYS).toBe(31);
    expect(schema.safeParse(window(START, START + 30 * DAY)).success).toBe(true);
    const result = schema.safeParse(window(START, START + 31 * DAY));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('[start_time, end_time] must span at most 31 days');
    expect(result.error?.issues[0]?.path).toEqual(['end_time']);
  });

  it('compares days the way the platform floors them (UTC+8 midnight)', () => {
    // 23:59:59 on the 31st day still floors to the 31st day.
    expect(schema.safeParse(window(START, START + 31 * DAY - 1)).success).toBe(true);
    // 21:00 and 10:00 of the same day floor to the same day, whatever their order.
    expect(schema.safeParse(window(START + 21 * 3600, START + 10 * 3600)).success).toBe(true);
  });

  it('rejects an end day before the start day', () => {
    const result = schema.safeParse(window(START, START - 1));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('end_time must not be before start_time');
  });

  it('rejects times outside uint32', () => {
    expect(schema.safeParse(window(-1, START)).success).toBe(false);
    expect(schema.safeParse(window(START, 0x1_0000_0000)).success).toBe(false);
  });

  it('rejects unknown fields and requires every time', () => {
    expect(schema.safeParse({ ...window(START, START), servicer: 'x' }).success).toBe(false);
    expect(schema.safeParse({ open_kfid: 'wk1', start_time: START }).success).toBe(false);
  });
});

describe('kfStatisticDayStart', () => {
  it('floors to midnight China Standard Time, as the doc example shows', () => {
    expect(kfStatisticDayStart(1_554_296_400)).toBe(1_554_220_800);
    expect(kfStatisticDayStart(START)).toBe(START);
    expect(kfStatisticDayStart(START + DAY - 1)).toBe(START);
  });
});

describe('statistic bodies', () => {
  it('accepts a day without statistic (no data, or not computed yet)', () => {
    const body = GetCorpStatisticResponse.parse({
      errcode: 0,
      errmsg: 'ok',
      statistic_list: [{ stat_time: START }],
    });
    expect(body.statistic_list[0]?.statistic).toBeUndefined();
  });

  it('accepts a corp day without ai_knowledge_hit_rate', () => {
    const { ai_knowledge_hit_rate: _, ...day } = {
      session_cnt: 2,
      customer_cnt: 1,
      customer_msg_cnt: 6,
      upgrade_service_customer_cnt: 0,
      ai_session_reply_cnt: 1,
      ai_transfer_rate: 0.5,
      ai_knowledge_hit_rate: 0,
      msg_rejected_customer_cnt: 0,
    };
    expect(KfCorpStatistic.parse(day).ai_knowledge_hit_rate).toBeUndefined();
    expect(KfCorpStatistic.safeParse({ ...day, session_cnt: undefined }).success).toBe(false);
  });

  it('accepts a servicer day without the rates that cannot be computed', () => {
    const day = {
      session_cnt: 0,
      customer_cnt: 0,
      customer_msg_cnt: 0,
      satisfaction_investgate_cnt: 0,
      upgrade_service_customer_cnt: 0,
      upgrade_service_member_invite_cnt: 0,
      upgrade_service_member_customer_cnt: 0,
      upgrade_service_groupchat_invite_cnt: 0,
      upgrade_service_groupchat_customer_cnt: 0,
      msg_rejected_customer_cnt: 0,
    };
    expect(KfServicerStatistic.parse(day)).toEqual(day);
    expect(KfServicerStatistic.safeParse({ ...day, satisfaction_investgate_cnt: undefined }).success).toBe(
      false,
    );
  });

  it('rejects a negative or fractional counter', () => {
    const day = firstDay('F-53b-get-corp-statistic-response');
    expect(KfCorpStatistic.safeParse({ ...day, customer_cnt: -1 }).success).toBe(false);
    expect(KfCorpStatistic.safeParse({ ...day, customer_cnt: 1.5 }).success).toBe(false);
  });

  it('keeps fields the platform adds later', () => {
    const body = GetServicerStatisticResponse.parse({
      errcode: 0,
      errmsg: 'ok',
      statistic_list: [
        {
          stat_time: START,
          statistic: { ...firstDay('F-54b-get-servicer-statistic-response'), new_cnt: 3 },
          tz: 8,
        },
      ],
    });
    expect(unlistedField(body.statistic_list[0]!, 'tz')).toBe(8);
    expect(unlistedField(body.statistic_list[0]!.statistic!, 'new_cnt')).toBe(3);
  });
});
