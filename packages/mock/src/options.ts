import { KfErrorCode } from '@kf/types/errors';
import type { KfMockCallbackConfig, KfMockCallbackListener } from './callbacks.js';
import type { KfMockClock } from './clock.js';
import { createManualClock } from './clock.js';
import { KfMockError } from './errors.js';
import { integerOption } from './internal/integer-option.js';

/** Where the mock reports its own failures (a bug in a handler); the platform errors go on the wire. */
export interface KfMockLogger {
  /** Something went wrong inside the mock; the caller got `errcode` -1. */
  error(message: string, details?: Record<string, unknown>): void;
}

/**
 * Choices for behaviours the official documentation leaves open. Each default is the
 * most plausible reading; the README explains why.
 */
export interface KfMockBehaviour {
  /**
   * Whether `service_state/trans` allows the transitions the docs leave open
   * (`KF_SERVICE_STATE_UNVERIFIED_TRANSITIONS`): ending a session that is not with a servicer
   * (0, 1 or 2 → 4; the docs only describe 3 → 4) and an explicit 0 → 1 (documented only as the
   * implicit effect of `send_msg`). Default `true`.
   */
  allowUnverifiedTransitions: boolean;
  /**
   * The errcode of `service_state/trans` on an ended session (state 4): 95013 (会话已经结束), as
   * community reports say, or 95016 (不允许这种状态转移). Default 95013.
   */
  endedSessionTransErrcode: 95013 | 95016;
  /**
   * The errcode of `send_msg` outside the 48-hour window (or when the customer never wrote):
   * 95002 (发送客服消息时间限制), 95018 (state does not allow sending) or 95031 (客户48小时内未发起过咨询).
   * Default 95002.
   */
  sendWindowErrcode: 95002 | 95018 | 95031;
  /**
   * The errcode when a caller-chosen `msgid` was already used in the same kf account (the docs say
   * the call fails but not with which code). Default 40058 (不合法的参数).
   */
  duplicateMsgidErrcode: number;
  /**
   * Whether `sync_msg` answers an empty page with `has_more: 1` before each page that has messages,
   * as the docs warn it may. The page's `next_cursor` must be passed back to get the messages.
   * Default `false`.
   */
  syncMsgEmptyPageBeforeData: boolean;
  /**
   * The "strict" rate limit of `sync_msg` calls without the callback `token`, per kf account: at most
   * `maxCalls` in any `windowSeconds` (45009 beyond). Default 10 calls per 60 seconds.
   */
  syncMsgWithoutToken: { readonly maxCalls: number; readonly windowSeconds: number };
  /**
   * How `send_msg` to a new customer beyond the corp's customer cap (`KF_CUSTOMER_CAPS`) fails:
   * `'sync'`, the call answers 95003 (发送客服消息可接待客户咨询数限制); `'async'`, the call succeeds
   * and a `msg_send_fail` event follows in `sync_msg` (fail_type 7 未绑定视频号, 8 主体未验证, 9 both).
   * The docs name both without saying when each happens. Default `'sync'`.
   */
  customerCapFailure: 'sync' | 'async';
  /**
   * The errcode when a call names a member outside the calling app's visible range (可见范围):
   * `service_state/trans` to such a servicer, and the per-item results of `servicer/add` / `del`.
   * The docs list both 60011 (指定的成员/部门/标签参数无权限) and 92000 (成员不在应用可见范围之内)
   * without saying which a kf call answers; public reports show 60011 for members outside an app's
   * range on other WeCom APIs. Default 60011. (A department outside the range is always 60011.)
   */
  visibleRangeErrcode: 60011 | 92000;
}

/** Options of `createKfMock`. Every field is optional. */
export interface KfMockOptions {
  /**
   * Origin the handlers intercept. Default `https://qyapi.weixin.qq.com`. Spelt as the client's
   * `baseURL`, so `mock.credentials` and these options read alike.
   */
  baseURL?: string;
  /** @deprecated Use `baseURL` (the client's spelling); `baseUrl` is still read until the next minor release. */
  baseUrl?: string;
  /** The corp's id (企业ID) `gettoken` accepts. Default `ww0000000000mock`. */
  corpId?: string;
  /** The app secret (corpsecret) `gettoken` accepts, the client's `secret`. Default `kf-mock-secret`. */
  secret?: string;
  /** @deprecated Use `secret` (the client's name); `corpSecret` is still read until the next minor release. */
  corpSecret?: string;
  /** Seed of the id and token generator: the same seed gives the same ids. Default `'kf-mock'`. */
  seed?: number | string;
  /**
   * Start of the mock clock when no `clock` is given. Default: the current time, rounded down to
   * a whole second, so a callback handler on the real clock accepts the mock's timestamps. Pass a
   * fixed start (e.g. `Date.UTC(2024, 0, 1)`) when a test needs the same times on every run.
   */
  startTime?: number | Date;
  /** A clock to use instead of the mock's own manual clock (e.g. one shared with other fakes). */
  clock?: KfMockClock;
  /** Receives the mock's internal failures. Default: ignore them (the caller still gets -1). */
  logger?: KfMockLogger;
  /**
   * How a real-time latency fault waits. Default `setTimeout`. Inject a fake to test timeouts
   * without waiting.
   */
  sleep?: (ms: number) => Promise<void>;
  /** Lifetime of an access token in seconds (`expires_in`). Default 7200. */
  tokenTtlSeconds?: number;
  /**
   * Whether the corp is verified (已验证主体). An unverified corp may create at most 10 kf accounts
   * (95027). Default `true`.
   */
  corpVerified?: boolean;
  /** Most kf accounts a verified corp may hold (95005 beyond). Default 5000. */
  maxAccounts?: number;
  /**
   * How many answered API calls `world.calls()` keeps: the latest ones, older ones are dropped
   * (a ring buffer, so a long-running server stays bounded). Default 10 000.
   */
  maxCallRecords?: number;
  /** Choices for undocumented behaviours; see {@link KfMockBehaviour}. */
  behaviour?: Partial<KfMockBehaviour>;
  /**
   * Refuse every request shape the strict `@kf/types` schemas refuse: an unknown field, `""` or
   * `null` for an optional field, `limit: 0`, a GET's query on a POST endpoint (40058/40063 and
   * the schema's codes). Default `false`: the mock reads requests as the platform does, so SDKs
   * that send such shapes to the real API work, and records each leniency as a warning on the call
   * (`world.calls()`). Turn it on to make your own client's sloppy requests fail your tests.
   */
  strictRequests?: boolean;
  /**
   * Push `kf_msg_or_event` callbacks to this URL, signed and encrypted (also settable later with
   * `mock.callbacks.configure`). Default: none.
   */
  callback?: KfMockCallbackConfig;
  /** Receives every `kf_msg_or_event` notification in-process (more with `mock.callbacks.onCallback`). */
  onCallback?: KfMockCallbackListener;
  /**
   * How the mock sends its own requests to the app (callback POSTs, the verification GET).
   * Default: `fetch`, marked with MSW's `bypass()` so a `setupServer` in the same process lets it through.
   */
  fetch?: (request: Request) => Promise<Response>;
}

/** {@link KfMockOptions} with every default applied. */
export interface ResolvedOptions {
  readonly baseURL: string;
  readonly corpId: string;
  readonly secret: string;
  readonly seed: number | string;
  readonly clock: KfMockClock;
  readonly logger: KfMockLogger;
  readonly sleep: (ms: number) => Promise<void>;
  readonly tokenTtlSeconds: number;
  readonly corpVerified: boolean;
  readonly maxAccounts: number;
  readonly maxCallRecords: number;
  readonly behaviour: KfMockBehaviour;
  readonly strictRequests: boolean;
}

/** The defaults of {@link KfMockBehaviour}. */
export const DEFAULT_BEHAVIOUR: KfMockBehaviour = Object.freeze({
  allowUnverifiedTransitions: true,
  endedSessionTransErrcode: KfErrorCode.SessionEnded,
  sendWindowErrcode: KfErrorCode.SendWindowExpired,
  duplicateMsgidErrcode: KfErrorCode.InvalidRequestParameter,
  syncMsgEmptyPageBeforeData: false,
  syncMsgWithoutToken: Object.freeze({ maxCalls: 10, windowSeconds: 60 }),
  customerCapFailure: 'sync',
  visibleRangeErrcode: 60011,
});

/** Default of {@link KfMockOptions.maxCallRecords}. */
const DEFAULT_MAX_CALL_RECORDS = 10_000;

const noop = (): void => {};

const positiveInteger = (name: string, value: number): number =>
  integerOption(name, value, 1, (message) => new KfMockError(message));

/** Applies the defaults and rejects options that cannot work, with a message naming the option. */
export function resolveOptions(options: KfMockOptions = {}): ResolvedOptions {
  // The deprecated spellings are read when the new ones are absent; messages name what was given.
  const urlOption = options.baseURL === undefined && options.baseUrl !== undefined ? 'baseUrl' : 'baseURL';
  const baseURL = (options.baseURL ?? options.baseUrl ?? 'https://qyapi.weixin.qq.com').replace(/\/+$/, '');
  if (!URL.canParse(baseURL)) throw new KfMockError(`${urlOption} is not a URL: ${baseURL}`);
  const corpId = options.corpId ?? 'ww0000000000mock';
  const secretOption =
    options.secret === undefined && options.corpSecret !== undefined ? 'corpSecret' : 'secret';
  const secret = options.secret ?? options.corpSecret ?? 'kf-mock-secret';
  if (corpId === '' || secret === '') throw new KfMockError(`corpId and ${secretOption} must not be empty`);
  const behaviour: KfMockBehaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
  positiveInteger('behaviour.syncMsgWithoutToken.maxCalls', behaviour.syncMsgWithoutToken.maxCalls);
  positiveInteger('behaviour.syncMsgWithoutToken.windowSeconds', behaviour.syncMsgWithoutToken.windowSeconds);
  return {
    baseURL,
    corpId,
    secret,
    seed: options.seed ?? 'kf-mock',
    clock: options.clock ?? createManualClock(options.startTime),
    logger: options.logger ?? { error: noop },
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    tokenTtlSeconds: positiveInteger('tokenTtlSeconds', options.tokenTtlSeconds ?? 7200),
    corpVerified: options.corpVerified ?? true,
    maxAccounts: positiveInteger('maxAccounts', options.maxAccounts ?? 5000),
    maxCallRecords: positiveInteger('maxCallRecords', options.maxCallRecords ?? DEFAULT_MAX_CALL_RECORDS),
    behaviour,
    strictRequests: options.strictRequests ?? false,
  };
}
