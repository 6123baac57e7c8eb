import * as z from 'zod';
import { KfWechatChannels } from './common.js';
import { looseObject } from './internal/loose.js';
import { routeUnknown } from './internal/route-unknown.js';
import type { KfServicerStopType } from './servicer.js';

/**
 * The `event_type` values of the events delivered by `sync_msg` inside a `msgtype: "event"` message
 * (事件消息). Open set: an unlisted type parses into {@link KfUnknownEvent}.
 */
export const KfEventType = {
  /** 用户进入会话: the customer opened the chat (carries `welcome_code` when a welcome may be sent). */
  EnterSession: 'enter_session',
  /** 消息发送失败: a message accepted by `send_msg` was not delivered. */
  MsgSendFail: 'msg_send_fail',
  /** 接待人员接待状态变更: a servicer started or stopped receiving. */
  ServicerStatusChange: 'servicer_status_change',
  /** 会话状态变更: a servicer took, transferred, ended or re-opened a session in the WeCom client. */
  SessionStatusChange: 'session_status_change',
  /** 用户撤回消息: the customer recalled a message. */
  UserRecallMsg: 'user_recall_msg',
  /** 接待人员撤回消息: a servicer recalled a message. */
  ServicerRecallMsg: 'servicer_recall_msg',
  /** 拒收客户消息变更: a servicer started or stopped rejecting the customer's messages. */
  RejectCustomerMsgSwitchChange: 'reject_customer_msg_switch_change',
} as const;
export type KfEventType = (typeof KfEventType)[keyof typeof KfEventType];

/** Validates a known {@link KfEventType} value (the union type shares the const object's name). */
export const KfEventTypeSchema = z.enum(KfEventType);

/**
 * `msg_send_fail` reasons (`fail_type`). The sources disagree on the list; this is the union of
 * all documented values. Open set: the field is typed `number`.
 */
export const KfMsgSendFailType = {
  /** 0 未知原因 */
  Unknown: 0,
  /** 1 客服账号已删除 */
  AccountDeleted: 1,
  /** 2 应用已关闭 */
  AppClosed: 2,
  /** 4 会话已过期，超过48小时 */
  SessionExpired: 4,
  /** 5 会话已关闭 */
  SessionClosed: 5,
  /** 6 超过5条限制 */
  QuotaExceeded: 6,
  /** 7 未绑定视频号 */
  ChannelsNotBound: 7,
  /** 8 主体未验证 */
  CorpNotVerified: 8,
  /** 9 未绑定视频号且主体未验证 */
  ChannelsNotBoundAndCorpNotVerified: 9,
  /** 10 用户拒收 */
  CustomerRejected: 10,
  /** 11 企业未有成员登录企业微信App (at least one member must log in on a phone or via WeChat auth) */
  NoMemberLoggedIn: 11,
  /** 12 发送的消息为客服组件禁发的消息类型 */
  ComponentBannedMsgType: 12,
} as const;
export type KfMsgSendFailType = (typeof KfMsgSendFailType)[keyof typeof KfMsgSendFailType];

/**
 * `status` of the `servicer_status_change` event. Not the same numbers as `servicer/list`, which
 * reports the same concept as 0 接待中 / 1 停止接待.
 */
export const KfEventServicerStatus = {
  /** 1 接待中 */
  Receiving: 1,
  /** 2 停止接待 */
  Stopped: 2,
} as const;
export type KfEventServicerStatus = (typeof KfEventServicerStatus)[keyof typeof KfEventServicerStatus];

/** `change_type` of the `session_status_change` event: what a servicer did in the WeCom client. */
export const KfSessionChangeType = {
  /** 1 从接待池接入会话 (session state 2 → 3) */
  TakeFromPool: 1,
  /** 2 转接会话 (to another servicer) */
  Transfer: 2,
  /** 3 结束会话 (→ 4) */
  End: 3,
  /** 4 重新接入已结束/已转接会话 (→ 3) */
  Reopen: 4,
} as const;
export type KfSessionChangeType = (typeof KfSessionChangeType)[keyof typeof KfSessionChangeType];

/** `reject_switch` of the `reject_customer_msg_switch_change` event. */
export const KfRejectSwitch = {
  /** 0: the servicer stopped rejecting the customer's messages (取消拒收). */
  Cancelled: 0,
  /** 1: the servicer rejects the customer's messages (拒收). */
  Rejecting: 1,
} as const;
export type KfRejectSwitch = (typeof KfRejectSwitch)[keyof typeof KfRejectSwitch];

/** Fields of the events that concern one customer of one kf account. */
const CustomerEventShape = {
  /** 客服账号ID. */
  open_kfid: z.string(),
  /** 客户UserID (the WeChat customer). */
  external_userid: z.string(),
};

/** 用户进入会话: the customer entered the chat, from a kf link or a 视频号 entry. */
export const KfEnterSessionEvent = looseObject({
  event_type: z.literal(KfEventType.EnterSession),
  ...CustomerEventShape,
  /** The `scene` the link was created with (`add_contact_way`); absent or empty for links without one. */
  scene: z.string().optional(),
  /** The `scene_param` appended to the link, echoed verbatim. */
  scene_param: z.string().optional(),
  /**
   * One-shot code for `send_msg_on_event` (valid 20 seconds). Only when a welcome message may be
   * sent: no welcome in the past 48 hours and the customer has not messaged the account.
   */
  welcome_code: z.string().optional(),
  /** Only when the customer came from 视频号 (WeChat Channels). */
  wechat_channels: KfWechatChannels.optional(),
});
export type KfEnterSessionEvent = z.infer<typeof KfEnterSessionEvent>;

/** 消息发送失败: a message accepted by `send_msg` could not be delivered. */
export const KfMsgSendFailEvent = looseObject({
  event_type: z.literal(KfEventType.MsgSendFail),
  ...CustomerEventShape,
  /** The `msgid` of the message that failed. */
  fail_msgid: z.string(),
  /** Why it failed; known values in {@link KfMsgSendFailType}. */
  fail_type: z.number().int(),
});
export type KfMsgSendFailEvent = z.infer<typeof KfMsgSendFailEvent>;

/** 接待人员接待状态变更: a servicer of the account started or stopped receiving (no customer involved). */
export const KfServicerStatusChangeEvent = looseObject({
  event_type: z.literal(KfEventType.ServicerStatusChange),
  /** The servicer whose state changed (third-party apps get the `open_userid`). */
  servicer_userid: z.string(),
  /** 客服账号ID. */
  open_kfid: z.string(),
  /** New state; known values in {@link KfEventServicerStatus} (1 接待中, 2 停止接待). */
  status: z.number().int(),
  /** Only when `status` is 2; known values in {@link KfServicerStopType}. */
  stop_type: z.number().int().optional(),
});
export type KfServicerStatusChangeEvent = z.infer<typeof KfServicerStatusChangeEvent>;

/** 会话状态变更: a servicer changed the session in the WeCom client. */
export const KfSessionStatusChangeEvent = looseObject({
  event_type: z.literal(KfEventType.SessionStatusChange),
  ...CustomerEventShape,
  /** What happened; known values in {@link KfSessionChangeType}. */
  change_type: z.number().int(),
  /** The servicer before the change: only for change types 2, 3 and 4. */
  old_servicer_userid: z.string().optional(),
  /** The servicer after the change: only for change types 1, 2 and 4. */
  new_servicer_userid: z.string().optional(),
  /** One-shot code for `send_msg_on_event`: only for change types 1 and 3. */
  msg_code: z.string().optional(),
});
export type KfSessionStatusChangeEvent = z.infer<typeof KfSessionStatusChangeEvent>;

/** 用户撤回消息: the customer recalled one of their messages. */
export const KfUserRecallMsgEvent = looseObject({
  event_type: z.literal(KfEventType.UserRecallMsg),
  ...CustomerEventShape,
  /** The `msgid` of the recalled message. */
  recall_msgid: z.string(),
});
export type KfUserRecallMsgEvent = z.infer<typeof KfUserRecallMsgEvent>;

/** 接待人员撤回消息: a servicer recalled one of their messages. */
export const KfServicerRecallMsgEvent = looseObject({
  event_type: z.literal(KfEventType.ServicerRecallMsg),
  ...CustomerEventShape,
  /** The `msgid` of the recalled message. */
  recall_msgid: z.string(),
  /** The servicer who recalled it. */
  servicer_userid: z.string(),
});
export type KfServicerRecallMsgEvent = z.infer<typeof KfServicerRecallMsgEvent>;

/** 拒收客户消息变更: a servicer switched rejection of the customer's messages on or off. */
export const KfRejectCustomerMsgSwitchChangeEvent = looseObject({
  event_type: z.literal(KfEventType.RejectCustomerMsgSwitchChange),
  ...CustomerEventShape,
  /** The servicer who flipped the switch. */
  servicer_userid: z.string(),
  /** Known values in {@link KfRejectSwitch} (1 拒收, 0 取消拒收). */
  reject_switch: z.number().int(),
});
export type KfRejectCustomerMsgSwitchChangeEvent = z.infer<typeof KfRejectCustomerMsgSwitchChangeEvent>;

/**
 * An event whose `event_type` this version does not know. `raw` is the event exactly as received;
 * `open_kfid` and `external_userid` are copied up when they are strings so routing code still works.
 * The literal `'unknown'` (rather than `string`) keeps `switch (event.event_type)` narrowing intact.
 */
export const KfUnknownEvent = looseObject({
  event_type: z.literal('unknown'),
  /** The event object as received, including its real `event_type`. */
  raw: z.record(z.string(), z.unknown()),
  open_kfid: z.string().optional(),
  external_userid: z.string().optional(),
});
export type KfUnknownEvent = z.infer<typeof KfUnknownEvent>;

const knownEventTypes: ReadonlySet<string> = new Set(Object.values(KfEventType));

/**
 * Routes an event with an unlisted `event_type` to the unknown variant before the discriminated
 * union sees it. An already-built unknown variant (`event_type: 'unknown'` with `raw`) passes
 * through untouched, so parsing a parsed value gives the same value.
 */
const routeUnknownEvent = routeUnknown('event_type', knownEventTypes, (input) => ({
  event_type: 'unknown',
  raw: input,
  ...(typeof input.open_kfid === 'string' && { open_kfid: input.open_kfid }),
  ...(typeof input.external_userid === 'string' && { external_userid: input.external_userid }),
}));

/**
 * Any event of a `msgtype: "event"` message (事件消息), discriminated on `event_type`. An unknown
 * `event_type` parses into {@link KfUnknownEvent} instead of failing; a known type with a malformed
 * payload fails with that type's issues. Unknown fields of known events are kept.
 */
export const KfEvent = z.preprocess(
  routeUnknownEvent,
  z.discriminatedUnion('event_type', [
    KfEnterSessionEvent,
    KfMsgSendFailEvent,
    KfServicerStatusChangeEvent,
    KfSessionStatusChangeEvent,
    KfUserRecallMsgEvent,
    KfServicerRecallMsgEvent,
    KfRejectCustomerMsgSwitchChangeEvent,
    KfUnknownEvent,
  ]),
);
export type KfEvent = z.infer<typeof KfEvent>;
