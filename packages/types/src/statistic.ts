import * as z from 'zod';
import { ResponseEnvelope } from './internal/envelope.js';
import { bytes, uint32, uint64, unixSeconds } from './internal/limits.js';
import { looseObject } from './internal/loose.js';

/** 客服账号ID; 95000 (不合法的open_kfid) is the platform's code for a malformed one. */
const openKfid = bytes('open_kfid', 64, { min: 1, errcode: 95000 });

/**
 * Longest query: the closed interval [start_time, end_time] covers at most 31 days
 * (最大查询跨度为31天).
 */
export const KF_STATISTIC_MAX_SPAN_DAYS = 31;

/**
 * Only the most recent 180 days can be queried, and a day's data is ready the next day (call after
 * 06:00). These rules depend on the clock, so the request schemas leave them to the caller and the
 * mock.
 */
export const KF_STATISTIC_RETENTION_DAYS = 180;

const SECONDS_PER_DAY = 86_400;
/** The platform floors times to midnight China Standard Time (UTC+8), as its own example shows. */
const CST_OFFSET_SECONDS = 8 * 3600;

function cstDay(timestamp: number): number {
  return Math.floor((timestamp + CST_OFFSET_SECONDS) / SECONDS_PER_DAY);
}

/**
 * The 00:00:00 (UTC+8) that the platform floors a statistics timestamp to: 1554296400
 * (Wed Apr 3 21:00 CST 2019) becomes 1554220800 (Wed Apr 3 00:00 CST).
 */
export function kfStatisticDayStart(timestamp: number): number {
  return cstDay(timestamp) * SECONDS_PER_DAY - CST_OFFSET_SECONDS;
}

/**
 * The static part of the time rules: `end_time` not before `start_time`, and at most 31 days in
 * the closed interval, both compared on the days the platform floors them to.
 */
function checkStatisticWindow(body: { start_time: number; end_time: number }, ctx: z.RefinementCtx): void {
  const days = cstDay(body.end_time) - cstDay(body.start_time) + 1;
  if (days < 1) {
    ctx.addIssue({
      code: 'custom',
      message: 'end_time must not be before start_time',
      path: ['end_time'],
    });
  } else if (days > KF_STATISTIC_MAX_SPAN_DAYS) {
    ctx.addIssue({
      code: 'custom',
      message: `[start_time, end_time] must span at most ${KF_STATISTIC_MAX_SPAN_DAYS} days`,
      path: ['end_time'],
    });
  }
}

const statisticWindow = {
  /** 客服账号ID. */
  open_kfid: openKfid,
  /**
   * 起始日期: a day's 00:00:00 (other times are floored to that day). Yesterday back to 180 days
   * ago; the interval is closed.
   */
  start_time: uint32,
  /** 结束日期: a day's 00:00:00 (other times are floored), at most 31 days after `start_time`. */
  end_time: uint32,
};

/**
 * `POST /cgi-bin/kf/get_corp_statistic` (获取「客户数据统计」企业汇总数据). Only the static time rules
 * are checked here (end not before start, span ≤ 31 days); "the last 180 days" and "not today"
 * depend on the clock and are the mock's to enforce. No data exists before 2022-03-11 when the API
 * or a third-party app manages sessions.
 */
export const GetCorpStatisticRequest = z
  .strictObject({ ...statisticWindow })
  .superRefine(checkStatisticWindow);
export type GetCorpStatisticRequest = z.infer<typeof GetCorpStatisticRequest>;

/** One day of corp-level statistics (企业汇总数据). */
export const KfCorpStatistic = looseObject({
  /**
   * 咨询会话数: sessions where the customer messaged and was assigned to a servicer or the bot;
   * a transfer does not start a new one.
   */
  session_cnt: uint64,
  /** 咨询客户数: distinct customers who sent messages in a session. */
  customer_cnt: uint64,
  /** 咨询消息总数: messages sent by customers in sessions. */
  customer_msg_cnt: uint64,
  /** 升级服务客户数: customers who added a member or joined a group through 升级服务 (from 2022-03-10). */
  upgrade_service_customer_cnt: uint64,
  /** 智能回复会话数: sessions assigned to the bot (sending through the API assigns them too). */
  ai_session_reply_cnt: uint64,
  /** 转人工率: share of the bot's sessions that were transferred to a human, over the day. */
  ai_transfer_rate: z.number(),
  /**
   * 知识命中率: share of messages to the bot that hit the knowledge base. Absent when it cannot be
   * computed (no message to a bot with a knowledge base; the native bot is off when the API manages
   * sessions).
   */
  ai_knowledge_hit_rate: z.number().optional(),
  /** 被拒收消息的客户数: customers a servicer set to 「不再接收消息」. */
  msg_rejected_customer_cnt: uint64,
});
export type KfCorpStatistic = z.infer<typeof KfCorpStatistic>;

/** An item of `statistic_list` in `get_corp_statistic`. */
export const KfCorpStatisticItem = looseObject({
  /** 数据统计日期: the day's 00:00 timestamp. */
  stat_time: unixSeconds,
  /** That day's data; absent when nothing happened that day or it is not computed yet. */
  statistic: KfCorpStatistic.optional(),
});
export type KfCorpStatisticItem = z.infer<typeof KfCorpStatisticItem>;

/** Success body of `get_corp_statistic`. */
export const GetCorpStatisticResponse = looseObject({
  ...ResponseEnvelope.shape,
  /** 统计数据列表, one item per day. */
  statistic_list: z.array(KfCorpStatisticItem),
});
export type GetCorpStatisticResponse = z.infer<typeof GetCorpStatisticResponse>;

/**
 * `POST /cgi-bin/kf/get_servicer_statistic` (获取「客户数据统计」接待人员明细数据): the same time rules as
 * {@link GetCorpStatisticRequest}.
 */
export const GetServicerStatisticRequest = z
  .strictObject({
    ...statisticWindow,
    /**
     * 接待人员的userid (third-party apps: `open_userid`). Omit for the account's totals; set for that
     * servicer's data under this account.
     */
    servicer_userid: z.string().min(1).optional(),
  })
  .superRefine(checkStatisticWindow);
export type GetServicerStatisticRequest = z.infer<typeof GetServicerStatisticRequest>;

/**
 * One day of servicer-level statistics (接待人员明细数据). The satisfaction figures stay empty when
 * the API manages sessions, as the native satisfaction survey is then off.
 */
export const KfServicerStatistic = looseObject({
  /** 接入人工会话数: sessions assigned to a servicer after the customer messaged. */
  session_cnt: uint64,
  /** 咨询客户数: distinct customers who messaged and reached a human session. */
  customer_cnt: uint64,
  /** 咨询消息总数: messages sent by customers in sessions. */
  customer_msg_cnt: uint64,
  /** 人工回复率: share of sessions the servicer replied to. Absent when no customer messaged a servicer. */
  reply_rate: z.number().optional(),
  /** 平均首次响应时长, in seconds. Absent when no customer messaged a servicer. */
  first_reply_average_sec: z.number().optional(),
  /** 满意度评价发送数 (the platform's spelling, "investgate"); 0 when the API manages sessions. */
  satisfaction_investgate_cnt: uint64,
  /** 满意度参评率. Absent when no survey was sent. */
  satisfaction_participation_rate: z.number().optional(),
  /** Share of 「满意」 answers. Absent when no customer answered a survey. */
  satisfied_rate: z.number().optional(),
  /** Share of 「一般」 answers. Absent when no customer answered a survey. */
  middling_rate: z.number().optional(),
  /** Share of 「不满意」 answers. Absent when no customer answered a survey. */
  dissatisfied_rate: z.number().optional(),
  /** 升级服务客户数: customers who added a member or joined a group through 升级服务 (from 2022-03-10). */
  upgrade_service_customer_cnt: uint64,
  /** 专员服务邀请数: member cards sent through 升级服务-专员服务 (from 2022-03-10). */
  upgrade_service_member_invite_cnt: uint64,
  /** 添加专员的客户数: customers who added the member; one per member added (from 2022-03-10). */
  upgrade_service_member_customer_cnt: uint64,
  /** 客户群服务邀请数: group QR codes sent through 升级服务-客户群服务 (from 2022-03-10). */
  upgrade_service_groupchat_invite_cnt: uint64,
  /** 加入客户群的客户数: customers who joined the group; one per group joined (from 2022-03-10). */
  upgrade_service_groupchat_customer_cnt: uint64,
  /** 被拒收消息的客户数: customers a servicer set to 「不再接收消息」. */
  msg_rejected_customer_cnt: uint64,
});
export type KfServicerStatistic = z.infer<typeof KfServicerStatistic>;

/** An item of `statistic_list` in `get_servicer_statistic`. */
export const KfServicerStatisticItem = looseObject({
  /** 数据统计日期: the day's 00:00 timestamp. */
  stat_time: unixSeconds,
  /** That day's data; absent when nothing happened that day or it is not computed yet. */
  statistic: KfServicerStatistic.optional(),
});
export type KfServicerStatisticItem = z.infer<typeof KfServicerStatisticItem>;

/** Success body of `get_servicer_statistic`. */
export const GetServicerStatisticResponse = looseObject({
  ...ResponseEnvelope.shape,
  /** 统计数据列表, one item per day. */
  statistic_list: z.array(KfServicerStatisticItem),
});
export type GetServicerStatisticResponse = z.infer<typeof GetServicerStatisticResponse>;
