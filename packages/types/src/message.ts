import * as z from 'zod';
import { ResponseEnvelope } from './internal/envelope.js';
import { gatedUnion, INVALID_MSGTYPE } from './internal/gated-union.js';
import { bytes, flag, token, uint32 } from './internal/limits.js';
import { looseObject } from './internal/loose.js';
import { parseKfMsg } from './received-message.js';
import { zeroMeansDefault } from './request-facts.js';
import {
  KfSendMsgOnEventType,
  KfSendMsgType,
  SendMsgCaLinkContent,
  SendMsgFileContent,
  SendMsgImageContent,
  SendMsgLinkContent,
  SendMsgLocationContent,
  SendMsgMenuContent,
  SendMsgMiniprogramContent,
  SendMsgTextContent,
  SendMsgVideoContent,
  SendMsgVoiceContent,
} from './send-message.js';

/** 客服账号ID: at most 64 bytes; an empty or over-long one is 95000 (不合法的open_kfid). */
const openKfid = bytes('open_kfid', 64, { min: 1, errcode: 95000 });

/** `voice_format` of `sync_msg`: the format voice messages are delivered in. */
export const KfVoiceFormat = {
  /** 0 (default): AMR. */
  Amr: 0,
  /** 1: SILK. */
  Silk: 1,
} as const;
export type KfVoiceFormat = (typeof KfVoiceFormat)[keyof typeof KfVoiceFormat];

/** `POST /cgi-bin/kf/sync_msg` (读取消息): pull the messages and events of one kf account. */
export const SyncMsgRequest = z.strictObject({
  /**
   * The previous call's `next_cursor`; omit on the first pull to start at the earliest message of
   * the last 3 days. At most 64 bytes.
   */
  cursor: bytes('cursor', 64).optional(),
  /**
   * The `Token` of the `kf_msg_or_event` callback (valid 10 minutes); without it the call is
   * strictly rate limited. At most 128 bytes.
   */
  token: bytes('token', 128).optional(),
  /**
   * How many items to return, 1–1000 (default and maximum 1000). Fewer may come back: follow
   * has_more. `0` reads as the default (the docs give no minimum; SDKs send `0` for "not set").
   */
  limit: zeroMeansDefault(
    uint32
      .min(1, { message: 'limit must be between 1 and 1000' })
      .max(1000, { message: 'limit must be between 1 and 1000' }),
  ).optional(),
  /** {@link KfVoiceFormat}: 0 AMR (default), 1 SILK. */
  voice_format: z.union([z.literal(0), z.literal(1)]).optional(),
  /** The kf account to pull (required since the 2024 revision). 1–64 bytes (95000 otherwise). */
  open_kfid: openKfid,
});
export type SyncMsgRequest = z.infer<typeof SyncMsgRequest>;

/**
 * An item of `msg_list` that never fails: whatever `KfMsg` rejects becomes the unknown variant
 * (see `parseKfMsg`). A transform over `unknown` keeps the output type `KfMsg` while the input stays
 * open; a union with a catch-all member would have reported every member's issues instead.
 */
const TolerantKfMsg = z.unknown().transform((item) => parseKfMsg(item));

/** Response of `sync_msg`. */
export const SyncMsgResponse = looseObject({
  ...ResponseEnvelope.shape,
  /**
   * Pass back as `cursor` for the next pull; persist it so a restart does not start over. Optional
   * and never defaulted: an empty cursor would restart the sync from the earliest message, so when it
   * is absent keep the cursor you already have.
   */
  next_cursor: z.string().optional(),
  /** 1 when there is more to pull. May be 1 with an empty `msg_list`: never stop on an empty page. */
  has_more: flag,
  /**
   * Messages and events, oldest first. Each item goes through `parseKfMsg`: one odd item becomes
   * a `KfUnknownMsg` instead of failing the page. To validate items strictly, parse them with `KfMsg`.
   */
  msg_list: z.array(TolerantKfMsg),
});
export type SyncMsgResponse = z.infer<typeof SyncMsgResponse>;

/** Fields `send_msg` takes besides the content. */
const SendMsgHeaderShape = {
  /** The customer's `external_userid`; must not be empty (the platform answers 40063 参数为空). */
  touser: z.string().min(1, { message: 'touser must not be empty' }),
  /** The kf account sending the message. 1–64 bytes (95000 otherwise). */
  open_kfid: openKfid,
  /**
   * Your id for the message, at most 32 bytes of `[0-9a-zA-Z_-]`; generated when omitted. Must be
   * unique within the kf account, so re-sending with the same id is rejected rather than delivered twice.
   */
  msgid: token('msgid', 32).optional(),
};

/**
 * `POST /cgi-bin/kf/send_msg` (发送消息): `touser`, `open_kfid`, optional `msgid`, plus the content
 * of one of the 10 sendable types. Strict; an unknown `msgtype` fails with `params.errcode` 40008.
 */
export const SendMsgRequest = gatedUnion(
  'msgtype',
  Object.values(KfSendMsgType),
  INVALID_MSGTYPE,
  z.discriminatedUnion('msgtype', [
    z.strictObject({ ...SendMsgHeaderShape, ...SendMsgTextContent.shape }),
    z.strictObject({ ...SendMsgHeaderShape, ...SendMsgImageContent.shape }),
    z.strictObject({ ...SendMsgHeaderShape, ...SendMsgVoiceContent.shape }),
    z.strictObject({ ...SendMsgHeaderShape, ...SendMsgVideoContent.shape }),
    z.strictObject({ ...SendMsgHeaderShape, ...SendMsgFileContent.shape }),
    z.strictObject({ ...SendMsgHeaderShape, ...SendMsgLinkContent.shape }),
    z.strictObject({ ...SendMsgHeaderShape, ...SendMsgMiniprogramContent.shape }),
    z.strictObject({ ...SendMsgHeaderShape, ...SendMsgMenuContent.shape }),
    z.strictObject({ ...SendMsgHeaderShape, ...SendMsgLocationContent.shape }),
    z.strictObject({ ...SendMsgHeaderShape, ...SendMsgCaLinkContent.shape }),
  ]),
);
export type SendMsgRequest = z.infer<typeof SendMsgRequest>;

/**
 * Response of `send_msg`. Success means accepted, not delivered: failures arrive later as
 * `msg_send_fail` events.
 */
export const SendMsgResponse = looseObject({
  ...ResponseEnvelope.shape,
  /** The request's `msgid`, or the one the platform generated. */
  msgid: z.string(),
});
export type SendMsgResponse = z.infer<typeof SendMsgResponse>;

/** Fields `send_msg_on_event` takes besides the content. */
const SendMsgOnEventHeaderShape = {
  /**
   * The one-shot event code: `welcome_code` (enter_session, 20 s), or `msg_code` (service_state/trans
   * or session_status_change; 48 h for queue/take-over notices, 20 s for closing messages). Must
   * not be empty (the platform answers 40063 参数为空).
   */
  code: z.string().min(1, { message: 'code must not be empty' }),
  /** As in `send_msg`: at most 32 bytes of `[0-9a-zA-Z_-]`. */
  msgid: token('msgid', 32).optional(),
};

/**
 * `POST /cgi-bin/kf/send_msg_on_event` (发送欢迎语等事件响应消息): `code`, optional `msgid`, plus
 * text or msgmenu content. Strict; any other `msgtype` fails with `params.errcode` 40008.
 */
export const SendMsgOnEventRequest = gatedUnion(
  'msgtype',
  Object.values(KfSendMsgOnEventType),
  INVALID_MSGTYPE,
  z.discriminatedUnion('msgtype', [
    z.strictObject({ ...SendMsgOnEventHeaderShape, ...SendMsgTextContent.shape }),
    z.strictObject({ ...SendMsgOnEventHeaderShape, ...SendMsgMenuContent.shape }),
  ]),
);
export type SendMsgOnEventRequest = z.infer<typeof SendMsgOnEventRequest>;

/** Response of `send_msg_on_event`. */
export const SendMsgOnEventResponse = looseObject({
  ...ResponseEnvelope.shape,
  /** The request's `msgid`, or the one the platform generated. */
  msgid: z.string(),
});
export type SendMsgOnEventResponse = z.infer<typeof SendMsgOnEventResponse>;
