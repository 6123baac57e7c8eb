/**
 * Every error `@kf/client` throws. All extend `KfError` from `@kf/types`, so one `isKfError(e)`
 * check (or `instanceof KfError`) catches them; the subclasses let callers tell failures apart
 * without reading error codes.
 */
import { KfError, type KfErrorCategory } from '@kf/types/errors';

/** The error root and its brand check, re-exported so one import serves every kf error. */
export { isKfError, KfError } from '@kf/types/errors';

/** What an API error knows about the failed call and its code. */
export interface KfApiErrorInit {
  /** The platform's `errcode` (never 0). */
  readonly errcode: number;
  /** The platform's `errmsg`, with any credential removed. */
  readonly errmsg: string;
  /** The client method (`'sendMsg'`, `'account.add'`) or the path of a generic request. */
  readonly endpoint: string;
  /** The request URL with `access_token` and `corpsecret` redacted. */
  readonly url?: string;
  /** HTTP status of the response (the platform answers errors with 200). */
  readonly status?: number;
}

/** The `hint` id the platform puts in `errmsg` (`"..., hint: [1642399392_16_ab35], ..."`). */
export function parseErrmsgHint(errmsg: string): string | undefined {
  const match = /hint:\s*\[([^\]\s]+)\]/.exec(errmsg);
  return match?.[1];
}

/**
 * A call the platform answered with a non-zero `errcode`. The subclasses name the kind of failure;
 * a code with no more specific class (for example a code the platform adds later) is a plain
 * `KfApiError`.
 *
 * `meaning`, `retryable`, `remediation` and `category` come from the error-code table of
 * `@kf/types` (`describeErrorCode`); for a code the table does not list they fall back to the
 * platform's `errmsg`, `false` and `undefined`.
 */
export class KfApiError extends KfError {
  /** The platform's `errcode`. */
  readonly errcode: number;
  /** The platform's `errmsg` (credentials removed). */
  readonly errmsg: string;
  /** The `hint` id from `errmsg`, which WeCom support asks for; `undefined` when absent. */
  readonly hint: string | undefined;
  /** The client method or path that failed. */
  readonly endpoint: string;
  /** The request URL, credentials redacted. */
  readonly url: string | undefined;
  /** HTTP status of the response. */
  readonly status: number | undefined;
  /** The table's category of the code, `undefined` for an unlisted code. */
  readonly category: KfErrorCategory | undefined;
  /** What the code means (English), or the `errmsg` for an unlisted code. */
  readonly meaning: string;
  /** Whether the same call can succeed later without changing it (after a wait or a token refresh). */
  readonly retryable: boolean;
  /** What to do about it, from the error-code table. */
  readonly remediation: string | undefined;

  constructor(
    init: KfApiErrorInit,
    info: {
      category?: KfErrorCategory | undefined;
      meaning?: string | undefined;
      retryable?: boolean | undefined;
      remediation?: string | undefined;
    } = {},
    message?: string,
  ) {
    const meaning = info.meaning ?? init.errmsg;
    super(
      message ?? `${init.endpoint} failed with errcode ${init.errcode}: ${meaning} (errmsg: ${init.errmsg})`,
    );
    this.errcode = init.errcode;
    this.errmsg = init.errmsg;
    this.hint = parseErrmsgHint(init.errmsg);
    this.endpoint = init.endpoint;
    this.url = init.url;
    this.status = init.status;
    this.category = info.category;
    this.meaning = meaning;
    this.retryable = info.retryable ?? false;
    this.remediation = info.remediation;
  }

  /** A serialisable view (for logs and error trackers); it never holds a credential. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      errcode: this.errcode,
      errmsg: this.errmsg,
      hint: this.hint,
      endpoint: this.endpoint,
      url: this.url,
      status: this.status,
      category: this.category,
      meaning: this.meaning,
      retryable: this.retryable,
      remediation: this.remediation,
    };
  }
}

/**
 * The access token was refused: 40014 (invalid) or 42001 (expired) after the client already
 * refreshed it and replayed the call once, or 41001 (missing token), 40082 / 42009 (suite tokens).
 */
export class KfAuthenticationError extends KfApiError {}

/** Which configured credential the platform rejected. */
export type KfCredential = 'secret' | 'corpId' | 'callerIp' | 'kfMode';

/**
 * The deployment's credentials or environment are wrong: 40001 / 40091 / 41004 (the secret),
 * 40013 / 41002 (the corp id), 60020 (the caller's IP is not trusted), 95011 / 95012 (kf mode vs.
 * secret). Never retried: repeated wrong secrets get the caller's IP blocked for an hour. The
 * message names the credential, never its value.
 */
export class KfConfigurationError extends KfApiError {
  /** The credential to fix. */
  readonly credential: KfCredential | undefined;

  constructor(
    init: KfApiErrorInit,
    info: ConstructorParameters<typeof KfApiError>[1],
    credential: KfCredential | undefined,
  ) {
    const what =
      credential === undefined
        ? 'the client configuration'
        : `the configured ${CREDENTIAL_LABEL[credential]}`;
    super(
      init,
      info,
      `${init.endpoint} failed with errcode ${init.errcode}: ${what} was rejected (${info?.meaning ?? init.errmsg})`,
    );
    this.credential = credential;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), credential: this.credential };
  }
}

const CREDENTIAL_LABEL: Record<KfCredential, string> = {
  secret: 'secret (corpsecret)',
  corpId: 'corpId (corpid)',
  callerIp: "caller IP (not in the app's trusted IP list)",
  kfMode: 'secret, which belongs to the other 微信客服 mode (独立版 / 联合版)',
};

/**
 * 45009 (frequency limit) or 45033 (concurrency limit). `retryable` is true, but the client does
 * not retry it by itself: a 45009 block lasts the whole limit window (a minute to a day), so
 * retrying within seconds only prolongs it. Back off (for example pause the queue) and try later.
 */
export class KfRateLimitError extends KfApiError {}

/** −1 (系统繁忙): the platform is temporarily unavailable; retried with backoff where safe. */
export class KfPlatformBusyError extends KfApiError {}

/** The request was malformed or named something invalid (categories `invalid_request`, `media`). */
export class KfInvalidRequestError extends KfApiError {}

/**
 * A 微信客服 business rule refused the call (category `kf_rule`, and any unlisted 95xxx code): send
 * quota (95001), 48-hour window (95002), session state (95018), state transition (95016), ...
 */
export class KfBusinessRuleError extends KfApiError {}

/** The app, the corp or the kf account lacks a right (category `permission`, e.g. 48002, 60011). */
export class KfPermissionError extends KfApiError {}

/**
 * A `TokenStore` method threw or rejected (a shared store is down). The store's error is the
 * `cause`; the client does not fall back to fetching a token per call, which would hit gettoken's
 * rate limit.
 */
export class KfTokenStoreError extends KfError {
  /** The failing method. */
  readonly operation: 'get' | 'set' | 'delete';

  constructor(operation: 'get' | 'set' | 'delete', cause: unknown) {
    super(`the token store failed on ${operation}`, { cause });
    this.operation = operation;
  }
}

/** The request did not reach the platform or its response was lost (DNS, refused, reset, TLS). */
export class KfConnectionError extends KfError {
  /** The client method or path. */
  readonly endpoint: string;
  /** The request URL, credentials redacted. */
  readonly url: string | undefined;

  constructor(message: string, endpoint: string, url: string | undefined, options?: ErrorOptions) {
    super(message, options);
    this.endpoint = endpoint;
    this.url = url;
  }

  /** A serialisable view; it never holds a credential. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, endpoint: this.endpoint, url: this.url };
  }
}

/** No response within the `timeout` (per attempt). */
export class KfTimeoutError extends KfConnectionError {
  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;

  constructor(endpoint: string, url: string | undefined, timeout: number) {
    super(`${endpoint} timed out after ${timeout} ms`, endpoint, url);
    this.timeout = timeout;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeout: this.timeout };
  }
}

/** The caller's `AbortSignal` fired. Never retried. */
export class KfAbortError extends KfError {
  /** The client method or path. */
  readonly endpoint: string;

  constructor(endpoint: string, options?: ErrorOptions) {
    super(`${endpoint} was aborted`, options);
    this.endpoint = endpoint;
  }

  /** A serialisable view. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, endpoint: this.endpoint };
  }
}

/** One problem found in a response, as zod reports it. */
export interface KfValidationIssue {
  /** Where in the body (`['msg_list', 0, 'msgid']`). */
  readonly path: readonly PropertyKey[];
  /** What is wrong. */
  readonly message: string;
}

/**
 * A success response did not match the `@kf/types` schema (only thrown in `validateResponses:
 * 'throw'` mode, or where the client cannot go on without the field, such as `next_cursor` while
 * paging or `access_token` from gettoken). Also thrown when the body is not JSON at all.
 */
export class KfResponseValidationError extends KfError {
  /** The client method or path. */
  readonly endpoint: string;
  /** What did not match. */
  readonly issues: readonly KfValidationIssue[];

  constructor(endpoint: string, issues: readonly KfValidationIssue[], message?: string) {
    super(
      message ?? `${endpoint} returned a response that does not match its schema: ${formatIssues(issues)}`,
    );
    this.endpoint = endpoint;
    this.issues = issues;
  }

  /** A serialisable view. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, endpoint: this.endpoint, issues: this.issues };
  }
}

/** Issues as one line: `msg_list.0.msgid: expected string`. */
export function formatIssues(issues: readonly KfValidationIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ')
    .concat(issues.length > 5 ? `; and ${issues.length - 5} more` : '');
}

/**
 * `new KfClient(...)`, a per-call option or a client-side argument (such as `kf.request`'s path or
 * `media.upload`'s file) is unknown or invalid. Nothing was sent.
 */
export class KfInvalidOptionsError extends KfError {
  /** The offending options and why. */
  readonly issues: readonly KfValidationIssue[];

  constructor(issues: readonly KfValidationIssue[], subject = 'KfClient options') {
    super(`invalid ${subject}: ${formatIssues(issues)}`);
    this.issues = issues;
  }

  /** A serialisable view (option values are never included). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, issues: this.issues };
  }
}

/**
 * A media file broke a documented `media/upload` rule (size or format, `MEDIA_UPLOAD_LIMITS`) and
 * was not sent.
 */
export class KfMediaCheckError extends KfError {
  /** Which rule. */
  readonly rule: 'size' | 'format';

  constructor(message: string, rule: 'size' | 'format') {
    super(message);
    this.rule = rule;
  }

  /** A serialisable view. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, rule: this.rule };
  }
}

/**
 * `sendMsg` / `sendMsgOnEvent` were retried after an attempt whose outcome is unknown (network
 * error, timeout or −1), and the retry was refused by the platform. The first attempt may have
 * delivered the message: the platform refuses a reused `msgid`, but the code it uses for that is
 * undocumented, so the client cannot tell "already delivered" from any other refusal. Do not send
 * again blindly; check for a `msg_send_fail` event with this `msgid` if delivery matters.
 * `cause` is the retry's API error; `firstFailure` the ambiguous one.
 */
export class KfSendOutcomeUnknownError extends KfError {
  /** The `msgid` both attempts used. */
  readonly msgid: string;
  /** `'sendMsg'` or `'sendMsgOnEvent'`. */
  readonly endpoint: string;
  /** The error of the attempt whose response was lost. */
  readonly firstFailure: KfError;

  constructor(endpoint: string, msgid: string, firstFailure: KfError, retryError: KfApiError) {
    super(
      `${endpoint}: delivery of msgid ${msgid} is unknown: an attempt failed without an answer (${firstFailure.name}) and its retry was refused with errcode ${retryError.errcode}, which may mean the first attempt was delivered`,
      { cause: retryError },
    );
    this.msgid = msgid;
    this.endpoint = endpoint;
    this.firstFailure = firstFailure;
  }

  /** A serialisable view. */
  toJSON(): Record<string, unknown> {
    const cause = this.cause instanceof KfApiError ? this.cause.toJSON() : undefined;
    return { name: this.name, message: this.message, endpoint: this.endpoint, msgid: this.msgid, cause };
  }
}

/** Why a callback request was refused. */
export type KfCallbackFailure =
  | 'method'
  | 'query'
  | 'signature'
  | 'timestamp'
  | 'receive_id'
  | 'body'
  | 'decrypt'
  | 'event'
  | 'handler';

/**
 * A callback request was refused (`status` is what the handler answered), or the event handler
 * failed after the request was answered (`reason: 'handler'`). `cause` is the `KfCryptoError`
 * (with its WXBizMsgCrypt code) or the handler's own error. Never holds the callback Token, the
 * EncodingAESKey or any decrypted content.
 */
export class KfCallbackError extends KfError {
  /** What was wrong. */
  readonly reason: KfCallbackFailure;
  /** The HTTP status answered (0 for `'handler'`, which fails after the answer). */
  readonly status: number;

  constructor(reason: KfCallbackFailure, status: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
    this.status = status;
  }

  /** A serialisable view (never the cause, which may be the application's own error). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, reason: this.reason, status: this.status };
  }
}
