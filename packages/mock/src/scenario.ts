import type {
  KfEndpointName,
  KfEnterSessionEvent,
  KfMsgContent,
  KfWechatChannels,
  MediaType,
} from '@kf/types';
import type { KfMockCallbackConfig } from './callbacks.js';

/**
 * A message a customer sends from WeChat (or a servicer from the WeCom client): `msgtype` plus the
 * payload under the key of the same name, as `sync_msg` will serve it, e.g.
 * `{ msgtype: 'text', text: { content: 'hi' } }` or `{ msgtype: 'image', image: { media_id } }`.
 * Any received-message type of `@kf/types` (`KfMsgType`, except `event`), with its known fields
 * only: a misspelt `msgtype` or payload field is a compile error here, as the mock would refuse
 * the message at run time (it serves only what `KfMsg` reads as a known type).
 */
export type KfMockMessageContent = Exclude<KfMsgContent, { readonly msgtype: 'event' | 'unknown' }>;

/** Who the scenario step is about: a customer of a kf account. */
export interface KfMockConversation {
  /** The kf account (客服账号ID). */
  readonly open_kfid: string;
  /** The customer (external_userid). */
  readonly external_userid: string;
}

/** How a customer enters a session: through a contact link, or directly (e.g. from 视频号). */
export type KfMockEnterSession =
  | {
      readonly external_userid: string;
      /** A URL from `add_contact_way`, optionally with `&scene_param=...` appended (urlencoded). */
      readonly url: string;
    }
  | {
      readonly external_userid: string;
      readonly open_kfid: string;
      /** The `scene` of the link. */
      readonly scene?: string;
      /** The `scene_param` appended to the link (raw, ≤128 bytes). */
      readonly scene_param?: string;
      /** When entering from 视频号 (WeChat Channels). */
      readonly wechat_channels?: KfWechatChannels;
    };

/** What entering produced: the `enter_session` event and the welcome code when one was issued. */
export interface KfMockEnterResult {
  /** The msgid of the event message in `sync_msg`. */
  readonly msgid: string;
  /** The `enter_session` event as `sync_msg` serves it. */
  readonly event: KfEnterSessionEvent;
  /** The `welcome_code`, when the welcome rules allowed one (20 seconds, single use). */
  readonly welcome_code?: string;
}

/**
 * An app's visible range (可见范围), as set in the admin console: the members it may name in kf
 * calls, listed directly (`userids`) or through their departments (`department_ids`). An app
 * without one sees the whole corp.
 */
export interface KfMockVisibleRange {
  readonly userids?: readonly string[];
  readonly department_ids?: readonly number[];
}

/** A servicer's receiving state as set in the WeCom client. */
export type KfMockServicerStatus = 'receiving' | 'stopped' | 'suspended';

/** A customer's answer to the satisfaction survey: 满意, 一般, 不满意. */
export type KfMockSurveyAnswer = 'satisfied' | 'middling' | 'dissatisfied';

/** Options of a fault: how many calls it affects. */
export interface KfMockFaultOptions {
  /** How many of the next calls are affected. Default 1. */
  readonly times?: number;
}

/**
 * Drives the world the way people and the platform would: customers write, servicers act in the
 * WeCom client, time passes, things fail. Steps that break the platform's own rules (a servicer
 * taking a session that is not queued, an unknown account) throw `KfMockError`.
 */
export interface KfMockScenario {
  /** Creates a kf account as if made in the admin console; returns its `open_kfid`. */
  createAccount(input?: { readonly name?: string }): string;
  /** Adds a corp member who can become a servicer. `activated` (default true): WeCom activated. */
  createMember(input: {
    readonly userid: string;
    readonly departments?: readonly number[];
    readonly activated?: boolean;
  }): void;
  /** Adds a department of the corp. */
  createDepartment(department_id: number): void;
  /** Makes a member (created if unknown) a servicer of the account. */
  addServicer(open_kfid: string, userid: string): void;
  /** Creates a WeChat customer; returns its `external_userid`. */
  createCustomer(input?: {
    readonly nickname?: string;
    readonly avatar?: string;
    readonly gender?: number;
    readonly unionid?: string;
  }): string;
  /** Stores a temporary media file as `media/upload` would; returns its `media_id`. */
  createMedia(input: {
    readonly type: MediaType;
    readonly bytes?: Uint8Array | string;
    readonly filename?: string;
    readonly contentType?: string;
  }): string;

  /**
   * Configures 「升级服务」: the members (by userid or department) and group chats that
   * `customer/upgrade_service` may recommend. Replaces the previous configuration.
   */
  configureUpgradeService(input: {
    readonly userid_list?: readonly string[];
    readonly department_id_list?: readonly number[];
    readonly chat_id_list?: readonly string[];
  }): void;
  /**
   * Adds a self-built app (自建应用) with its own secret, for the permission model: `gettoken` with
   * `secret` gives a token acting as the app. `kfApi` (default true): the app is in 「微信客服 -
   * 可调用接口的应用」 (48002 otherwise); `apiSwitch` (default true): its API switch is on (95017
   * otherwise). It manages no account until it creates one (`account/add`) or is assigned one
   * ({@link KfMockScenario.setAccountManaged}). The default app (`secret`) manages every account.
   */
  createApp(input: {
    readonly name: string;
    readonly secret: string;
    readonly kfApi?: boolean;
    readonly apiSwitch?: boolean;
    /** The app's visible range; default: the whole corp. */
    readonly visibleRange?: KfMockVisibleRange;
  }): void;
  /**
   * Sets an app's visible range (可见范围), or gives it the whole corp again with `null`; any app,
   * the default one included. A call naming a member outside the caller's range answers 60011
   * (`behaviour.visibleRangeErrcode`): `service_state/trans` to such a servicer, and per item in
   * `servicer/add` / `servicer/del` (a department outside it: 60011); `servicer/list` leaves them out.
   */
  setAppVisibleRange(name: string, range: KfMockVisibleRange | null): void;
  /**
   * Adds a third-party or 代开发 app (第三方应用 / 代开发自建应用) the corp installed: `gettoken` with
   * the corp id and `secret` gives its token (as for a 代开发 app). It manages the accounts
   * authorized to it ({@link KfMockScenario.authorizeAccounts}), may call `idconvert/open_kfid`,
   * and gets 48002 from the knowledge base. `callback`: its own callback URL, Token and
   * EncodingAESKey, which receive `kf_account_auth_change`.
   */
  createThirdPartyApp(input: {
    readonly name: string;
    readonly secret: string;
    readonly callback?: KfMockCallbackConfig;
    readonly visibleRange?: KfMockVisibleRange;
  }): void;
  /**
   * The admin authorizes kf accounts to a third-party app (`add`) or takes them away (`del`). When
   * something changed, the app gets one `kf_account_auth_change` callback with an
   * `AuthAddOpenKfId` / `AuthDelOpenKfId` element per account, encrypted with its own keys
   * (`mock.callbacks.appDeliveries()`). Accounts already in the asked state are left out of it.
   */
  authorizeAccounts(input: {
    readonly app: string;
    readonly add?: readonly string[];
    readonly del?: readonly string[];
  }): void;
  /** Changes an app's access: `kfApi` (48002 when false), `apiSwitch` (95017 when false). */
  setAppAccess(name: string, access: { readonly kfApi?: boolean; readonly apiSwitch?: boolean }): void;
  /**
   * The admin assigns (`managed: true`) or takes away an account from an app (「可管理的客服账号」):
   * management calls by the app on an account it does not manage answer 48007, and `account/list`
   * tells it `manage_privilege: false`.
   */
  setAccountManaged(input: {
    readonly app: string;
    readonly open_kfid: string;
    readonly managed: boolean;
  }): void;
  /**
   * Sets whether the corp is verified (主体已验证; starts as `options.corpVerified`). With the 视频号
   * binding it decides how many customers `send_msg` may serve (`KF_CUSTOMER_CAPS`: 100 unverified,
   * 10,000 verified without 视频号, unlimited with one; 95003 beyond) and, unverified, the 10-account cap.
   */
  setCorpVerified(verified: boolean): void;
  /** Sets whether the corp has a bound 视频号 (`get_corp_qualification`). Default false. */
  setWechatChannelsBinding(bound: boolean): void;

  /**
   * The customer opens the chat. Produces `enter_session` (with `welcome_code` when no welcome was
   * sent and the customer did not write in the last 48 hours). Returns `undefined`, and produces
   * nothing, when the platform's parameter check fails: `scene_param` without a scene or over 128 bytes.
   */
  enterSession(input: KfMockEnterSession): KfMockEnterResult | undefined;
  /** The customer sends a message; an ended session starts again in state 0. Returns its msgid. */
  customerSends(input: KfMockConversation & { readonly message: KfMockMessageContent }): string;
  /** The customer recalls one of their messages (`user_recall_msg`). */
  customerRecalls(input: KfMockConversation & { readonly msgid: string }): void;

  /** A servicer takes a queued session (2 → 3, change_type 1); returns the event's `msg_code`. */
  servicerTakesFromPool(input: KfMockConversation & { readonly servicer_userid: string }): string;
  /** The session's servicer transfers it to another servicer (change_type 2). */
  servicerTransfers(input: KfMockConversation & { readonly servicer_userid: string }): void;
  /** The session's servicer ends it (3 → 4, change_type 3); returns the event's `msg_code`. */
  servicerEnds(input: KfMockConversation): string;
  /**
   * A servicer writes from the WeCom client (origin 5). In an ended session, or one with another
   * servicer, this takes the session over (→ 3, change_type 4). Returns the msgid.
   */
  servicerReplies(
    input: KfMockConversation & { readonly servicer_userid: string; readonly message: KfMockMessageContent },
  ): string;
  /** A servicer recalls one of their messages (`servicer_recall_msg`). */
  servicerRecalls(
    input: KfMockConversation & { readonly servicer_userid: string; readonly msgid: string },
  ): void;
  /** A servicer changes their receiving state (`servicer_status_change` on each of their accounts). */
  setServicerStatus(userid: string, status: KfMockServicerStatus): void;
  /**
   * The platform sends the customer the satisfaction survey (满意度评价) of a session, rating
   * `servicer_userid` (default: the session's servicer, or the last one of an ended session). Counts
   * in `satisfaction_investgate_cnt` of `get_servicer_statistic`.
   */
  satisfactionSurveySent(input: KfMockConversation & { readonly servicer_userid?: string }): void;
  /**
   * The customer answers their oldest unanswered survey: `satisfaction_participation_rate`,
   * `satisfied_rate`, `middling_rate` and `dissatisfied_rate` of `get_servicer_statistic` follow.
   */
  customerAnswersSurvey(input: KfMockConversation & { readonly answer: KfMockSurveyAnswer }): void;
  /** A servicer switches rejecting the customer's messages on or off (`reject_customer_msg_switch_change`). */
  servicerRejectsCustomer(
    input: KfMockConversation & { readonly servicer_userid: string; readonly reject: boolean },
  ): void;

  /** The next calls to `endpoint` (`'*'`: any) fail with `errcode`. */
  failNext(endpoint: KfEndpointName | '*', errcode: number, options?: KfMockFaultOptions): void;
  /** The next calls fail with -1 (系统繁忙), e.g. a burst to exercise retries. */
  systemBusy(endpoint: KfEndpointName | '*', options?: KfMockFaultOptions): void;
  /** The next calls fail with 45009 (接口调用超过限制). */
  rateLimit(endpoint: KfEndpointName | '*', options?: KfMockFaultOptions): void;
  /**
   * The next calls get no response: the connection is dropped before the call is handled (a
   * network error for `fetch`; nothing changes in the world).
   */
  dropNext(endpoint: KfEndpointName | '*', options?: KfMockFaultOptions): void;
  /**
   * The next calls are handled as usual (a `send_msg` is sent, an account created) and then their
   * answer is lost: a network error for `fetch`, a destroyed socket on the standalone server. This
   * is "processed, outcome unknown", for testing msgid idempotency and retries of unsafe calls;
   * `world.calls()` marks these calls `lost: true`.
   */
  loseResponseNext(endpoint: KfEndpointName | '*', options?: KfMockFaultOptions): void;
  /**
   * The next calls take `ms` milliseconds: the mock clock advances by `ms` before the call is
   * handled, and with `realTime` the response also waits `ms` (through the `sleep` option).
   */
  delayNext(
    endpoint: KfEndpointName | '*',
    ms: number,
    options?: KfMockFaultOptions & { readonly realTime?: boolean },
  ): void;
  /**
   * The next calls wait in flight until {@link releaseHeld} lets them go (or `maxMs` of real time
   * pass, default 20 000, at most 600 000, so nothing hangs), then are handled as usual, with
   * the world as it is by then: e.g. hold a `send_msg`, advance the clock past the 48 h window,
   * release it: the token it carried expired in flight too (40014), and the client's replay with a
   * fresh token is refused with 95002, as a send in flight when the window closes is.
   * `world.held()` lists the waiting calls; a reset, or the client going away, releases them.
   */
  holdNext(endpoint: KfEndpointName | '*', options?: KfMockFaultOptions & { readonly maxMs?: number }): void;
  /**
   * Lets the held call `id` (see `world.held()`) go on, or every held call without `id`; returns
   * how many were released (0 when it had already gone on).
   */
  releaseHeld(id?: number): number;
  /** Invalidates every access token handed out so far (40014 until a new `gettoken`). */
  revokeTokens(): void;
  /** Removes every pending fault. */
  clearFaults(): void;
}
