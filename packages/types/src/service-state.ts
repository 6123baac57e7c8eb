import * as z from 'zod';
import { ResponseEnvelope } from './internal/envelope.js';
import { bytes } from './internal/limits.js';
import { looseObject } from './internal/loose.js';

/** 客服账号ID; 95000 (不合法的open_kfid) is the platform's code for a malformed one. */
const openKfid = bytes('open_kfid', 64, { min: 1, errcode: 95000 });

/**
 * Session states (会话状态) of a customer with a kf account.
 *
 * - 0 未处理: new session, the customer has sent a message. Reply via the API, queue it, or assign it.
 * - 1 由智能助手接待: handled by the bot or the API; may still be queued or assigned.
 * - 2 待接入池排队中: waiting in the pool; may be assigned to a servicer.
 * - 3 由人工接待: a servicer (接待人员) has it; may be transferred or ended.
 * - 4 已结束/未开始: ended, or entered but nothing sent yet. The API cannot change it; a customer
 *   message moves it to 0, a servicer sending from the WeCom client moves it to 3.
 */
export const KfServiceState = {
  /** 0 未处理. */
  Untreated: 0,
  /** 1 由智能助手接待. */
  RobotReception: 1,
  /** 2 待接入池排队中. */
  InQueue: 2,
  /** 3 由人工接待. */
  ManualReception: 3,
  /** 4 已结束/未开始. */
  Finished: 4,
} as const;
export type KfServiceState = (typeof KfServiceState)[keyof typeof KfServiceState];

/**
 * Schema of a {@link KfServiceState}. It carries a `Schema` suffix, unlike the other schemas,
 * because the name `KfServiceState` is already taken by the const object of the states, and a
 * value can have only one binding.
 */
export const KfServiceStateSchema = z.enum(KfServiceState, {
  error: 'service_state must be one of 0, 1, 2, 3, 4',
});

/**
 * Transitions `service_state/trans` is documented to accept, from each state to the targets it may
 * set (94669/94698 state table): 0 → 2, 3; 1 → 2, 3; 2 → 3; 3 → 3 (transfer to another servicer)
 * and 3 → 4 (end). Nothing leaves 4 through the API. Other changes answer 95016 (不允许这种状态转移);
 * community reports say a `trans` on an ended session answers 95013 (会话已经结束). 0 → 1 is in
 * {@link KF_SERVICE_STATE_UNVERIFIED_TRANSITIONS}: the docs only describe it as the implicit effect
 * of a `send_msg` on a new session, not as a `trans` target.
 */
export const KF_SERVICE_STATE_TRANSITIONS = {
  0: [2, 3],
  1: [2, 3],
  2: [3],
  3: [3, 4],
  4: [],
} as const satisfies Record<KfServiceState, readonly KfServiceState[]>;

/**
 * Transitions the docs neither allow nor forbid through `service_state/trans`: an explicit 0 → 1
 * (the docs only say that a `send_msg` on a new session moves it to 1), and ending a session (→ 4)
 * that is not with a servicer (from 0, 1 or 2). Kept apart from {@link KF_SERVICE_STATE_TRANSITIONS}
 * so a mock can decide whether to accept them; {@link canTransition} accepts them unless told
 * otherwise.
 */
export const KF_SERVICE_STATE_UNVERIFIED_TRANSITIONS = {
  0: [1, 4],
  1: [4],
  2: [4],
  3: [],
  4: [],
} as const satisfies Record<KfServiceState, readonly KfServiceState[]>;

/** Options of {@link canTransition}. */
export interface CanTransitionOptions {
  /**
   * Whether to accept {@link KF_SERVICE_STATE_UNVERIFIED_TRANSITIONS} (an explicit 0 → 1, and
   * 0/1/2 → 4). Default `true`: when the docs are silent we would rather let the platform say no
   * than refuse what it may allow.
   */
  allowUnverified?: boolean;
}

/**
 * Whether `service_state/trans` may move a session from `from` to `to`. The platform answers
 * 95016 otherwise.
 */
export function canTransition(
  from: KfServiceState,
  to: KfServiceState,
  { allowUnverified = true }: CanTransitionOptions = {},
): boolean {
  const documented: readonly KfServiceState[] = KF_SERVICE_STATE_TRANSITIONS[from];
  if (documented.includes(to)) return true;
  const unverified: readonly KfServiceState[] = KF_SERVICE_STATE_UNVERIFIED_TRANSITIONS[from];
  return allowUnverified && unverified.includes(to);
}

/** `POST /cgi-bin/kf/service_state/get` (获取会话状态). */
export const ServiceStateGetRequest = z.strictObject({
  /** 客服账号ID. */
  open_kfid: openKfid,
  /** 微信客户的external_userid. */
  external_userid: z.string().min(1),
});
export type ServiceStateGetRequest = z.infer<typeof ServiceStateGetRequest>;

/**
 * A `service_state` as the platform reports it: any integer, typed `KfServiceState | (number & {})`
 * so editors still offer the known states. A state the platform adds later must not fail the whole
 * response, so only requests use the closed {@link KfServiceStateSchema}.
 */
const ReportedServiceState = z.custom<KfServiceState | (number & {})>((value) => Number.isInteger(value), {
  message: 'service_state must be an integer',
});

/** Success body of `service_state/get`. */
export const ServiceStateGetResponse = looseObject({
  ...ResponseEnvelope.shape,
  /**
   * 当前的会话状态, see {@link KfServiceState}. Open: an unknown value is kept, so narrow it (for
   * example with {@link KfServiceStateSchema}) before passing it to {@link canTransition}.
   */
  service_state: ReportedServiceState,
  /**
   * 接待人员的userid (third-party apps: `open_userid`). Only meaningful when `service_state` is 3,
   * so it may be absent (or empty) otherwise.
   */
  servicer_userid: z.string().optional(),
});
export type ServiceStateGetResponse = z.infer<typeof ServiceStateGetResponse>;

/**
 * `POST /cgi-bin/kf/service_state/trans` (变更会话状态). Which targets are allowed depends on the
 * current state: see {@link canTransition}. Moving to 3 needs `servicer_userid`, a servicer of
 * this account who is receiving (95019 when stopped or suspended) and has activated WeCom (95014).
 */
export const ServiceStateTransRequest = z
  .strictObject({
    /** 客服账号ID. */
    open_kfid: openKfid,
    /** 微信客户的external_userid. */
    external_userid: z.string().min(1),
    /** 变更的目标状态, see {@link KfServiceState}. */
    service_state: KfServiceStateSchema,
    /** 接待人员的userid (third-party apps: `open_userid`). Required when `service_state` is 3. */
    servicer_userid: z.string().min(1).optional(),
  })
  .refine(
    (body) => body.service_state !== KfServiceState.ManualReception || body.servicer_userid !== undefined,
    {
      message: 'servicer_userid is required when service_state is 3 (由人工接待)',
      path: ['servicer_userid'],
    },
  );
export type ServiceStateTransRequest = z.infer<typeof ServiceStateTransRequest>;

/** Success body of `service_state/trans`. */
export const ServiceStateTransResponse = looseObject({
  ...ResponseEnvelope.shape,
  /**
   * Code for `send_msg_on_event`, returned only when the session changes for the first time to 2 or
   * 3 (a 回复语 code) or to 4 (a 结束语 code).
   */
  msg_code: z.string().optional(),
});
export type ServiceStateTransResponse = z.infer<typeof ServiceStateTransResponse>;
