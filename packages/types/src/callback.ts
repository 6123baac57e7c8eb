import * as z from 'zod';
import { isRecord } from './internal/is-record.js';
import { unixSeconds } from './internal/limits.js';
import { looseObject } from './internal/loose.js';

/*
 * The callback side (回调). Inputs are what `@kf/crypto`'s XML parser produces: a flat record of
 * element name → text, with repeated elements as string[]. Every value is a string there, so numbers
 * are coerced here; numbers are accepted too so that parsing a parsed value gives the same value.
 * Loose objects: elements the platform adds are kept.
 */

/**
 * The `Event` values of kf callbacks known to this version. Others parse into
 * {@link KfUnknownCallbackEvent}.
 */
export const KfCallbackEventName = {
  /** 新消息或事件: new messages or events are ready to pull with `sync_msg`. */
  KfMsgOrEvent: 'kf_msg_or_event',
  /** 客服账号授权变更: kf accounts were authorized to or removed from a third-party / component app. */
  KfAccountAuthChange: 'kf_account_auth_change',
} as const;
export type KfCallbackEventName = (typeof KfCallbackEventName)[keyof typeof KfCallbackEventName];

/** Query of the URL-verification GET (验证URL有效性): answer with the decrypted `echostr`. */
export const KfCallbackVerifyQuery = looseObject({
  /** SHA1 signature over (Token, timestamp, nonce, echostr). */
  msg_signature: z.string(),
  /** Unix time as sent; kept a string because the signature covers the exact text. */
  timestamp: z.string(),
  /** Random string. */
  nonce: z.string(),
  /** The encrypted challenge (URL-decoded); decrypt it and reply with the plaintext within 1 second. */
  echostr: z.string(),
});
export type KfCallbackVerifyQuery = z.infer<typeof KfCallbackVerifyQuery>;

/** Query of a data callback POST (接收数据). */
export const KfCallbackQuery = looseObject({
  /** SHA1 signature over (Token, timestamp, nonce, Encrypt of the body). */
  msg_signature: z.string(),
  /** Unix time as sent; kept a string because the signature covers the exact text. */
  timestamp: z.string(),
  /** Random string. */
  nonce: z.string(),
});
export type KfCallbackQuery = z.infer<typeof KfCallbackQuery>;

/** The XML body of a data callback POST, before decryption. */
export const KfCallbackEnvelope = looseObject({
  /** The corpid (the suite id for third-party suite callbacks). */
  ToUserName: z.string().optional(),
  /** The receiving app's id; may be empty or absent. */
  AgentID: z.string().optional(),
  /** The encrypted message (Base64). */
  Encrypt: z.string(),
});
export type KfCallbackEnvelope = z.infer<typeof KfCallbackEnvelope>;

/** `CreateTime`: digits from the XML, or an already-coerced number. */
const CreateTime = z.union([
  z
    .string()
    .regex(/^\d+$/, { message: 'CreateTime must be a unix time in seconds' })
    .transform((value) => Number(value)),
  unixSeconds,
]);

/**
 * An element that may appear 0, 1 or more times, as string[]: absent → [], one → [value]. Empty
 * elements carry no id and are dropped.
 */
const RepeatedElement = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) =>
    (value === undefined ? [] : typeof value === 'string' ? [value] : value).filter(Boolean),
  );

/**
 * 新消息或事件 (decrypted): there is something to pull. The callback carries no content; call
 * `sync_msg` with `Token` and `OpenKfId`.
 */
export const KfMsgOrEventCallback = looseObject({
  /** The corpid. */
  ToUserName: z.string(),
  /** When the callback was created (unix seconds), coerced from the XML text. */
  CreateTime,
  /** Always `event`. */
  MsgType: z.literal('event'),
  Event: z.literal(KfCallbackEventName.KfMsgOrEvent),
  /** Pass to `sync_msg` as `token` (valid 10 minutes) to avoid its strict rate limit. */
  Token: z.string(),
  /** The kf account with new messages: pass to `sync_msg` as `open_kfid`. */
  OpenKfId: z.string(),
});
export type KfMsgOrEventCallback = z.infer<typeof KfMsgOrEventCallback>;

/** 客服账号授权变更 (decrypted; third-party and component apps). */
export const KfAccountAuthChangeCallback = looseObject({
  /** The receiving corp / suite. */
  ToUserName: z.string(),
  /** `sys` in the known example. */
  FromUserName: z.string().optional(),
  /** When the callback was created (unix seconds), coerced from the XML text. */
  CreateTime,
  /** Always `event`. */
  MsgType: z.literal('event'),
  Event: z.literal(KfCallbackEventName.KfAccountAuthChange),
  /** Accounts newly authorized to the app, one element each; normalised to string[] ([] when absent). */
  AuthAddOpenKfId: RepeatedElement,
  /** Accounts whose authorization was removed; normalised to string[] ([] when absent). */
  AuthDelOpenKfId: RepeatedElement,
});
export type KfAccountAuthChangeCallback = z.infer<typeof KfAccountAuthChangeCallback>;

/**
 * A decrypted callback this version does not know (another `Event`, or none: the same URL may
 * receive other WeCom callbacks). `raw` is the parsed XML record as received.
 */
export const KfUnknownCallbackEvent = looseObject({
  Event: z.literal('unknown'),
  /** The decrypted callback as received, including its real `Event`. */
  raw: z.record(z.string(), z.unknown()),
});
export type KfUnknownCallbackEvent = z.infer<typeof KfUnknownCallbackEvent>;

const knownCallbackEvents: ReadonlySet<string> = new Set(Object.values(KfCallbackEventName));

/**
 * Routes a record whose `Event` is not a known kf callback to the unknown variant. Unlike messages,
 * a missing `Event` is not an error here: a plain message callback has none. An already-built
 * unknown variant passes through, so parsing a parsed value gives the same value.
 */
function routeUnknownCallback(input: unknown): unknown {
  if (!isRecord(input)) return input;
  const event = input.Event;
  if (typeof event === 'string' && knownCallbackEvents.has(event)) return input;
  if (event === 'unknown' && 'raw' in input) return input;
  return { Event: 'unknown', raw: input };
}

/**
 * A decrypted kf callback, discriminated on `Event`: {@link KfMsgOrEventCallback},
 * {@link KfAccountAuthChangeCallback}, or {@link KfUnknownCallbackEvent} for anything else. A known
 * `Event` with malformed fields fails with that callback's issues.
 */
export const KfCallbackEvent = z.preprocess(
  routeUnknownCallback,
  z.discriminatedUnion('Event', [KfMsgOrEventCallback, KfAccountAuthChangeCallback, KfUnknownCallbackEvent]),
);
export type KfCallbackEvent = z.infer<typeof KfCallbackEvent>;
