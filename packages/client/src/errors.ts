/**
 * Every error `@kf/client` throws. All extend `KfError` from `@kf/types`, so one `isKfError(e)`
 * check (or `instanceof KfError`) catches them; the subclasses let callers tell failures apart
 * without reading error codes.
 *
 * Each class takes one init object (`new KfTimeoutError({ endpoint, timeout })`), and none has its
 * own `toJSON`: the root's serialises the declared fields and never `cause`, so every field here
 * is already redacted. To build the right API error in a test, use `createKfApiError`.
 */
import { KfError, type KfErrorCategory } from '@kf/types/errors';
import {
  causeChainText,
  errmsgSummary,
  formatIssues,
  type KfErrorCause,
  type KfValidationIssue,
  parseErrmsgHint,
  plainCause,
} from './internal/error-text.js';

/** The error root and its brand check, re-exported so one import serves every kf error. */
export { isKfError, KfError } from '@kf/types/errors';
export { formatIssues, type KfErrorCause, type KfValidationIssue, parseErrmsgHint };

/** What an API error knows about the failed call and its code. */
export interface KfApiErrorInit {
  /** The platform's `errcode` (never 0). */
  readonly errcode: number;
  /** The platform's `errmsg`, with any credential removed. */
  readonly errmsg: string;
  /** The client method (`'sendMsg'`, `'account.add'`) or the path of a generic request. */
  readonly endpoint: string;
  /** The request URL with `access_token` and `corpsecret` redacted. */
  readonly url?: string | undefined;
  /** HTTP status of the response (the platform answers errors with 200). */
  readonly status?: number | undefined;
  /** The error-code table's category of the code; `undefined` for an unlisted code. */
  readonly category?: KfErrorCategory | undefined;
  /** What the code means, from the table; default the `errmsg` without its tails. */
  readonly meaning?: string | undefined;
  /** Whether the same call can succeed later; default `false`. */
  readonly retryable?: boolean | undefined;
  /** What to do about it, from the table. */
  readonly remediation?: string | undefined;
}

/**
 * A call the platform answered with a non-zero `errcode`. The subclasses name the kind of failure;
 * a code with no more specific class (for example a code the platform adds later) is a plain
 * `KfApiError`.
 *
 * `meaning`, `retryable`, `remediation` and `category` come from the error-code table of
 * `@kf/types` (`describeErrorCode`); for a code the table does not list they fall back to the
 * platform's `errmsg` (without its hint and URL tail), `false` and `undefined`.
 * `createKfApiError` picks the class and fills them from the table.
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
  /**
   * What the code means (English), or for an unlisted code the `errmsg` without its `hint`, IP and
   * URL tail.
   */
  readonly meaning: string;
  /** Whether the same call can succeed later without changing it (after a wait or a token refresh). */
  readonly retryable: boolean;
  /** What to do about it, from the error-code table. */
  readonly remediation: string | undefined;

  constructor(init: KfApiErrorInit) {
    const meaning = init.meaning ?? errmsgSummary(init.errmsg);
    // An unlisted code has no meaning of its own: the errmsg is said once, not twice.
    const detail =
      init.meaning === undefined || init.meaning === init.errmsg
        ? init.errmsg
        : `${meaning} (errmsg: ${init.errmsg})`;
    super(`${init.endpoint} failed with errcode ${init.errcode}: ${detail}`);
    this.errcode = init.errcode;
    this.errmsg = init.errmsg;
    this.hint = parseErrmsgHint(init.errmsg);
    this.endpoint = init.endpoint;
    this.url = init.url;
    this.status = init.status;
    this.category = init.category;
    this.meaning = meaning;
    this.retryable = init.retryable ?? false;
    this.remediation = init.remediation;
  }
}

/**
 * The access token was refused: 40014 (invalid) or 42001 (expired) after the client already
 * refreshed it and replayed the call once, or 41001 (missing token), 40082 / 42009 (suite tokens).
 */
export class KfAuthenticationError extends KfApiError {}

/** Which configured credential the platform rejected. */
export type KfCredential = 'secret' | 'corpId' | 'callerIp' | 'kfMode';

/** What a configuration error knows: an API error's fields and the rejected credential. */
export interface KfConfigurationErrorInit extends KfApiErrorInit {
  /** The credential the code points at; `undefined` when the code does not say. */
  readonly credential?: KfCredential | undefined;
}

const CREDENTIAL_LABEL: Record<KfCredential, string> = {
  secret: 'secret (corpsecret)',
  corpId: 'corpId (corpid)',
  callerIp: "caller IP (not in the app's trusted IP list)",
  kfMode: 'secret, which belongs to the other 微信客服 mode (独立版 / 联合版)',
};

/**
 * The deployment's credentials or environment are wrong: 40001 / 40091 / 41004 (the secret),
 * 40013 / 41002 (the corp id), 60020 (the caller's IP is not trusted), 95011 / 95012 (kf mode vs.
 * secret). Never retried: repeated wrong secrets get the caller's IP blocked for an hour. The
 * message names the credential, never its value.
 */
export class KfConfigurationError extends KfApiError {
  /** The credential to fix. */
  readonly credential: KfCredential | undefined;

  constructor(init: KfConfigurationErrorInit) {
    super(init);
    const what =
      init.credential === undefined
        ? 'the client configuration'
        : `the configured ${CREDENTIAL_LABEL[init.credential]}`;
    this.message = `${init.endpoint} failed with errcode ${init.errcode}: ${what} was rejected (${init.meaning ?? init.errmsg})`;
    this.credential = init.credential;
  }
}

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

/** The operations of a `TokenStore`. */
export type KfTokenStoreOperation = 'get' | 'set' | 'delete' | 'lock';

/**
 * A `TokenStore` method threw or rejected (a shared store is down). `cause` is a plain, redacted
 * copy of the store's error chain ({@link KfErrorCause}), never the store's error object, whose
 * own properties may hold the stored token (an ioredis `ReplyError`'s `command.args`). The client
 * does not fall back to fetching a token per call, which would hit gettoken's rate limit.
 */
export class KfTokenStoreError extends KfError {
  /** The failing method. */
  readonly operation: KfTokenStoreOperation;
  declare readonly cause: KfErrorCause;

  /** `secrets`: values to remove from the copied messages (the client passes its recent tokens). */
  constructor(init: {
    readonly operation: KfTokenStoreOperation;
    readonly cause: unknown;
    readonly secrets?: Iterable<string>;
  }) {
    const plain = plainCause(init.cause, init.secrets);
    super(`the token store failed on ${init.operation}: ${causeChainText(plain)}`, { cause: plain });
    this.operation = init.operation;
  }
}

/**
 * The request did not reach the platform or its response was lost (DNS, refused, reset, TLS), or
 * something other than the platform answered: an HTTP 5xx page, or any non-2xx answer without an
 * integer `errcode`. `cause`, when set, is a plain redacted copy of the transport's error chain
 * ({@link KfErrorCause}), never the transport's error object.
 */
export class KfConnectionError extends KfError {
  /** The client method or path. */
  readonly endpoint: string;
  /** The request URL, credentials redacted. */
  readonly url: string | undefined;

  constructor(init: {
    readonly message: string;
    readonly endpoint: string;
    readonly url?: string | undefined;
    readonly cause?: KfErrorCause | undefined;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.endpoint = init.endpoint;
    this.url = init.url;
  }
}

/** No response within the `timeout` (per attempt). */
export class KfTimeoutError extends KfConnectionError {
  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;

  constructor(init: {
    readonly endpoint: string;
    readonly url?: string | undefined;
    readonly timeout: number;
  }) {
    super({ message: `${init.endpoint} timed out after ${init.timeout} ms`, ...init });
    this.timeout = init.timeout;
  }
}

/** The caller's `AbortSignal` fired. Never retried. `cause` is the signal's `reason`. */
export class KfAbortError extends KfError {
  /** The client method or path. */
  readonly endpoint: string;

  constructor(init: { readonly endpoint: string; readonly cause?: unknown }) {
    super(`${init.endpoint} was aborted`, 'cause' in init ? { cause: init.cause } : undefined);
    this.endpoint = init.endpoint;
  }
}

/**
 * A success response did not match the `@kf/types` schema (only thrown in `validateResponses:
 * 'throw'` mode, or where the client cannot go on without the field, such as `next_cursor` while
 * paging, `access_token` from gettoken or the `msgid` of a send). Also thrown when the body is not
 * JSON at all, when a 2xx envelope has no integer `errcode` (except in mode `'off'`; always for
 * sends and gettoken), and when paging stalls on one cursor.
 */
export class KfResponseValidationError extends KfError {
  /** The client method or path. */
  readonly endpoint: string;
  /** What did not match. */
  readonly issues: readonly KfValidationIssue[];

  constructor(init: {
    readonly endpoint: string;
    readonly issues: readonly KfValidationIssue[];
    readonly message?: string;
  }) {
    super(
      init.message ??
        `${init.endpoint} returned a response that does not match its schema: ${formatIssues(init.issues)}`,
    );
    this.endpoint = init.endpoint;
    this.issues = init.issues;
  }
}

/**
 * A response was larger than the client accepts: more than `maxResponseBytes` of JSON (default
 * 8 MiB), or more than a `media/get` answer can be (`MEDIA_GET_MAX_RANGE_BYTES`, 20 MB, or the
 * asked range). Counted after decompression, while the body arrives: the rest is never read.
 * Never retried (the same call would get the same answer).
 */
export class KfResponseTooLargeError extends KfError {
  /** The client method or path. */
  readonly endpoint: string;
  /** The request URL, credentials redacted. */
  readonly url: string | undefined;
  /** The bound that was exceeded, in bytes. */
  readonly limit: number;

  constructor(init: {
    readonly endpoint: string;
    readonly url?: string | undefined;
    readonly limit: number;
  }) {
    super(`${init.endpoint}: the response is larger than ${init.limit} bytes; the rest was not read`);
    this.endpoint = init.endpoint;
    this.url = init.url;
    this.limit = init.limit;
  }
}

/**
 * The server answered an API call with an HTTP redirect (3xx). The platform never redirects API
 * calls, so the client never follows one: following it would send the access token (and a POST
 * body, for 307/308) to wherever `Location` points. The `Location` itself is not kept. Never
 * retried.
 */
export class KfRedirectError extends KfError {
  /** The client method or path. */
  readonly endpoint: string;
  /** The request URL, credentials redacted. */
  readonly url: string | undefined;
  /** The HTTP status (301, 302, 303, 307, 308), or 0 where the runtime hides it (browsers). */
  readonly status: number;

  constructor(init: {
    readonly endpoint: string;
    readonly url?: string | undefined;
    readonly status: number;
  }) {
    super(
      `${init.endpoint}: the server answered with a redirect (HTTP ${init.status}); API calls are never redirected, not followed`,
    );
    this.endpoint = init.endpoint;
    this.url = init.url;
    this.status = init.status;
  }
}

/** What an options or argument error knows: the issues and what was checked. */
export interface KfInvalidOptionsErrorInit {
  /** The offending fields and why (never their values). */
  readonly issues: readonly KfValidationIssue[];
  /** What was checked, for the message (`'KfClient options'`, `'call options'`, `'kf.request arguments'`). */
  readonly subject?: string;
  /** The error that showed the problem, when there is one (a plain redacted copy, never serialised). */
  readonly cause?: unknown;
}

/**
 * An option is unknown or invalid: of `new KfClient(...)`, a per-call `options` argument, a
 * `KfConsumer` or `createCallbackHandler`. Nothing was sent, and it is never retried.
 *
 * Deprecated use: until the next minor release {@link KfInvalidArgumentError} (a wrong argument),
 * {@link KfRangeNotSatisfiableError} and {@link KfRequestBuildError} (`fetch` refused the request)
 * extend this class, because they were thrown as `KfInvalidOptionsError` before, so an
 * `instanceof KfInvalidOptionsError` check keeps catching them. Check the specific class instead;
 * afterwards they extend `KfError` directly.
 */
export class KfInvalidOptionsError extends KfError {
  /** The offending options and why (option values are never included). */
  readonly issues: readonly KfValidationIssue[];

  constructor(init: KfInvalidOptionsErrorInit) {
    super(
      `invalid ${init.subject ?? 'KfClient options'}: ${formatIssues(init.issues)}`,
      'cause' in init ? { cause: init.cause } : undefined,
    );
    this.issues = init.issues;
  }
}

/**
 * A client-side argument is invalid: `kf.request`'s path or a GET with a body,
 * `account.listAll`'s arguments, `media.upload`'s file, `KfConsumer.notify('')`. Nothing was sent,
 * and it is never retried.
 */
export class KfInvalidArgumentError extends KfInvalidOptionsError {
  constructor(init: KfInvalidOptionsErrorInit & { readonly subject: string }) {
    super(init);
  }
}

/**
 * `fetch` refused to build the request (a synchronous `TypeError`: a bad header, method or URL)
 * before any I/O. Nothing was sent, and a retry would fail the same way. `cause` is a plain
 * redacted copy of the `TypeError` ({@link KfErrorCause}).
 */
export class KfRequestBuildError extends KfInvalidOptionsError {
  /** The client method or path. */
  readonly endpoint: string;
  declare readonly cause: KfErrorCause;

  constructor(init: { readonly endpoint: string; readonly cause: KfErrorCause }) {
    super({
      issues: [{ path: [], message: `fetch refused to build the request: ${causeChainText(init.cause)}` }],
      subject: `${init.endpoint} request`,
      cause: init.cause,
    });
    this.endpoint = init.endpoint;
  }
}

/**
 * `kf.media.get` / `getStream` asked for a `range` the file does not have (HTTP 416 Range Not
 * Satisfiable), for example a `start` at or past the end of the file. `total` is the file's size
 * when the platform said it (`Content-Range: bytes *\/1234`): ask again within `0 … total − 1`.
 * The range argument was wrong; nothing was downloaded.
 */
export class KfRangeNotSatisfiableError extends KfInvalidArgumentError {
  /** The range that was asked for (`end` inclusive, `undefined` for "to the end"). */
  readonly range: { readonly start: number; readonly end: number | undefined };
  /** The file's size in bytes from `Content-Range`, or `undefined` when not given. */
  readonly total: number | undefined;

  constructor(init: {
    readonly range: { readonly start: number; readonly end?: number | undefined };
    readonly total?: number | undefined;
  }) {
    const { range, total } = init;
    const asked = `bytes=${range.start}-${range.end ?? ''}`;
    super({
      issues: [
        {
          path: ['range'],
          message:
            total === undefined
              ? `${asked} is not satisfiable (HTTP 416)`
              : `${asked} is not satisfiable: the file has ${total} bytes (HTTP 416)`,
        },
      ],
      subject: 'media.get range',
    });
    this.range = { start: range.start, end: range.end };
    this.total = total;
  }
}

/**
 * A media file broke a documented `media/upload` rule (size or format, `MEDIA_UPLOAD_LIMITS`) and
 * was not sent.
 */
export class KfMediaCheckError extends KfError {
  /** Which rule. */
  readonly rule: 'size' | 'format';

  constructor(init: { readonly message: string; readonly rule: 'size' | 'format' }) {
    super(init.message);
    this.rule = init.rule;
  }
}

/**
 * `sendMsg` / `sendMsgOnEvent` were retried after an attempt whose outcome is unknown (network
 * error, timeout or −1), and the retry was refused by the platform. The first attempt may have
 * delivered the message: the platform refuses a reused `msgid`, but the code it uses for that is
 * undocumented, so the client cannot tell "already delivered" from any other refusal. Do not send
 * again blindly; check for a `msg_send_fail` event with this `msgid` if delivery matters.
 * `retryError` (also the `cause`) is the retry's API error; `firstFailure` the ambiguous one.
 */
export class KfSendOutcomeUnknownError extends KfError {
  /** The `msgid` both attempts used. */
  readonly msgid: string;
  /** `'sendMsg'` or `'sendMsgOnEvent'`. */
  readonly endpoint: string;
  /** The error of the attempt whose response was lost. */
  readonly firstFailure: KfError;
  /** The platform's refusal of the retry. */
  readonly retryError: KfApiError;

  constructor(init: {
    readonly endpoint: string;
    readonly msgid: string;
    readonly firstFailure: KfError;
    readonly retryError: KfApiError;
  }) {
    super(
      `${init.endpoint}: delivery of msgid ${init.msgid} is unknown: an attempt failed without an answer (${init.firstFailure.name}) and its retry was refused with errcode ${init.retryError.errcode}, which may mean the first attempt was delivered`,
      { cause: init.retryError },
    );
    this.msgid = init.msgid;
    this.endpoint = init.endpoint;
    this.firstFailure = init.firstFailure;
    this.retryError = init.retryError;
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
  | 'overload'
  | 'handler';

/**
 * A callback request was refused (`status` is what the handler answered), or the event handler
 * failed after the request was answered (`reason: 'handler'`). `cause` is the `KfCryptoError`
 * (with its WXBizMsgCrypt code) or the handler's own error, never serialised. Never holds the
 * callback Token, the EncodingAESKey or any decrypted content.
 */
export class KfCallbackError extends KfError {
  /** What was wrong. */
  readonly reason: KfCallbackFailure;
  /** The HTTP status answered (0 for `'handler'`, which fails after the answer). */
  readonly status: number;

  constructor(init: {
    readonly reason: KfCallbackFailure;
    readonly status: number;
    readonly message: string;
    readonly cause?: unknown;
  }) {
    super(init.message, 'cause' in init ? { cause: init.cause } : undefined);
    this.reason = init.reason;
    this.status = init.status;
  }
}

/** Why the consumer reports an error. */
export type KfConsumerFailure =
  | 'handler'
  | 'dead_letter'
  | 'cursor_store'
  | 'dedup_store'
  | 'lease_store'
  | 'lease_lost'
  | 'pull';

/**
 * A failure inside `KfConsumer` that is not an API or network error of `sync_msg` (those reach
 * `onError` as they are): the message handler gave up after its attempts (`'handler'`, passed to
 * `onDeadLetter`), `onDeadLetter` itself failed (`'dead_letter'`), a store failed (`'cursor_store'`,
 * `'dedup_store'`, `'lease_store'`), the account's lease passed to another replica during the pull
 * (`'lease_lost'`: its cursor write was refused), or something unexpected broke a pull (`'pull'`).
 * `cause` is the underlying error, never serialised. Never holds message content or a token.
 */
export class KfConsumerError extends KfError {
  /** What failed. */
  readonly reason: KfConsumerFailure;
  /** The account being pulled. */
  readonly open_kfid: string;
  /** The message concerned, when there is one and it has an id. */
  readonly msgid: string | undefined;
  /** How many times the handler was called for the message (0 when not about a handler). */
  readonly attempts: number;

  constructor(init: {
    readonly reason: KfConsumerFailure;
    readonly message: string;
    readonly open_kfid: string;
    readonly msgid?: string | undefined;
    readonly attempts?: number;
    readonly cause?: unknown;
  }) {
    super(init.message, 'cause' in init ? { cause: init.cause } : undefined);
    this.reason = init.reason;
    this.open_kfid = init.open_kfid;
    this.msgid = init.msgid;
    this.attempts = init.attempts ?? 0;
  }
}
