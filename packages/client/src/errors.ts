/**
 * Every error `@kf/client` throws. All extend `KfError` from `@kf/types`, so one `isKfError(e)`
 * check (or `instanceof KfError`) catches them; the subclasses let callers tell failures apart
 * without reading error codes.
 */
import { KfError, type KfErrorCategory } from '@kf/types/errors';
import { redactText } from './internal/redact.js';

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

/**
 * The `hint` id the platform puts in `errmsg`. Every shape seen is read: all digits
 * (`"..., hint: [1684744322063820193656488], from ip: ..."`, what public reports show today),
 * `1642399392_16_ab35` (older reports), other letters, digits, `-` and `_`, with or without spaces
 * around it inside the brackets and after `hint:`, in any letter case.
 */
export function parseErrmsgHint(errmsg: string): string | undefined {
  const match = /hint:\s*\[\s*([^\]\s]+)\s*\]/i.exec(errmsg);
  return match?.[1];
}

/**
 * The part of an `errmsg` that says what went wrong, without the `hint`, `from ip` and
 * `more info at <url>` tails the platform appends (`"invalid media_id, hint: [...], from ip: ..."`
 * → `"invalid media_id"`). The whole text when it has no such tail.
 */
export function errmsgSummary(errmsg: string): string {
  const cut = /,?\s*(?:hint:\s*\[|from ip:|more info at\s)/i.exec(errmsg);
  const summary = (cut === null ? errmsg : errmsg.slice(0, cut.index)).trim();
  return summary === '' ? errmsg : summary;
}

/**
 * What an error keeps of a foreign error (thrown by `fetch`, a `TokenStore`, ...) as its `cause`:
 * the name and the redacted message of each link of the `cause` chain, nothing else. The foreign
 * object itself is never kept, because its own properties may hold a credential (an axios-style
 * `request.url` with `access_token=`, an ioredis `command.args` with the stored token) that no
 * message redaction would see.
 */
export interface KfErrorCause {
  /** The foreign error's `name` (`'TypeError'`), or `'Error'` for a thrown non-error. */
  readonly name: string;
  /** Its message, with credential query parameters and known secrets replaced. */
  readonly message: string;
  /** The next link of the chain, if any (at most {@link MAX_CAUSE_DEPTH} links are kept). */
  readonly cause?: KfErrorCause;
}

/** How many links of a foreign `cause` chain are kept; a cycle or a very deep chain stops here. */
export const MAX_CAUSE_DEPTH = 5;

/**
 * @internal The plain, redacted copy of `error` and its `cause` chain ({@link KfErrorCause}).
 * `secrets` are values to remove besides credential query parameters (the secret, recent tokens).
 */
export function plainCause(error: unknown, secrets: Iterable<string> = []): KfErrorCause {
  const known = [...secrets];
  const link = (value: unknown, depth: number): KfErrorCause => {
    const record =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
    const rawName = record?.name;
    const rawMessage = record === undefined ? String(value) : record.message;
    const name = typeof rawName === 'string' && rawName !== '' ? rawName : 'Error';
    const message = redactText(typeof rawMessage === 'string' ? rawMessage : String(rawMessage ?? ''), known);
    const next = record?.cause;
    if (next === undefined || next === null || depth + 1 >= MAX_CAUSE_DEPTH) return { name, message };
    return { name, message, cause: link(next, depth + 1) };
  };
  return link(error, 0);
}

/** @internal The messages of a {@link KfErrorCause} chain, joined with `: ` (for an error message). */
export function causeChainText(cause: KfErrorCause): string {
  const parts: string[] = [];
  for (let link: KfErrorCause | undefined = cause; link !== undefined; link = link.cause) {
    if (link.message !== '' && !parts.includes(link.message)) parts.push(link.message);
  }
  return parts.join(': ');
}

/**
 * A call the platform answered with a non-zero `errcode`. The subclasses name the kind of failure;
 * a code with no more specific class (for example a code the platform adds later) is a plain
 * `KfApiError`.
 *
 * `meaning`, `retryable`, `remediation` and `category` come from the error-code table of
 * `@kf/types` (`describeErrorCode`); for a code the table does not list they fall back to the
 * platform's `errmsg` (without its hint and URL tail), `false` and `undefined`.
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
   * URL tail ({@link errmsgSummary}).
   */
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
    const meaning = info.meaning ?? errmsgSummary(init.errmsg);
    // An unlisted code has no meaning of its own: the errmsg is said once, not twice.
    const detail = info.meaning === undefined ? init.errmsg : `${meaning} (errmsg: ${init.errmsg})`;
    super(message ?? `${init.endpoint} failed with errcode ${init.errcode}: ${detail}`);
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
  override toJSON(): Record<string, unknown> {
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
 * A `TokenStore` method threw or rejected (a shared store is down). `cause` is a plain, redacted
 * copy of the store's error chain ({@link KfErrorCause}), never the store's error object, whose
 * own properties may hold the stored token (an ioredis `ReplyError`'s `command.args`). The client
 * does not fall back to fetching a token per call, which would hit gettoken's rate limit.
 */
export class KfTokenStoreError extends KfError {
  /** The failing method. */
  readonly operation: 'get' | 'set' | 'delete' | 'lock';
  declare readonly cause: KfErrorCause;

  /** `secrets`: values to remove from the copied messages (the client passes its recent tokens). */
  constructor(operation: 'get' | 'set' | 'delete' | 'lock', cause: unknown, secrets: Iterable<string> = []) {
    const plain = plainCause(cause, secrets);
    super(`the token store failed on ${operation}: ${causeChainText(plain)}`, { cause: plain });
    this.operation = operation;
  }

  /** A serialisable view; it never holds a credential. */
  override toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, operation: this.operation, cause: this.cause };
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

  constructor(message: string, endpoint: string, url: string | undefined, options?: ErrorOptions) {
    super(message, options);
    this.endpoint = endpoint;
    this.url = url;
  }

  /** A serialisable view; it never holds a credential. */
  override toJSON(): Record<string, unknown> {
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
  override toJSON(): Record<string, unknown> {
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
 * paging, `access_token` from gettoken or the `msgid` of a send). Also thrown when the body is not
 * JSON at all, when a 2xx envelope has no integer `errcode` (except in mode `'off'`; always for
 * sends and gettoken), and when paging stalls on one cursor.
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
  override toJSON(): Record<string, unknown> {
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

  constructor(endpoint: string, url: string | undefined, limit: number) {
    super(`${endpoint}: the response is larger than ${limit} bytes; the rest was not read`);
    this.endpoint = endpoint;
    this.url = url;
    this.limit = limit;
  }

  /** A serialisable view. */
  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      endpoint: this.endpoint,
      url: this.url,
      limit: this.limit,
    };
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

  constructor(endpoint: string, url: string | undefined, status: number) {
    super(
      `${endpoint}: the server answered with a redirect (HTTP ${status}); API calls are never redirected, not followed`,
    );
    this.endpoint = endpoint;
    this.url = url;
    this.status = status;
  }

  /** A serialisable view. */
  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      endpoint: this.endpoint,
      url: this.url,
      status: this.status,
    };
  }
}

/**
 * `new KfClient(...)`, a per-call option or a client-side argument (such as `kf.request`'s path,
 * a GET with a body, or `media.upload`'s file) is unknown or invalid, or `fetch` refused to build
 * the request (a synchronous `TypeError`). Nothing was sent, and it is never retried.
 */
export class KfInvalidOptionsError extends KfError {
  /** The offending options and why. */
  readonly issues: readonly KfValidationIssue[];

  constructor(issues: readonly KfValidationIssue[], subject = 'KfClient options') {
    super(`invalid ${subject}: ${formatIssues(issues)}`);
    this.issues = issues;
  }

  /** A serialisable view (option values are never included). */
  override toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, issues: this.issues };
  }
}

/**
 * `kf.media.get` / `getStream` asked for a `range` the file does not have (HTTP 416 Range Not
 * Satisfiable), for example a `start` at or past the end of the file. `total` is the file's size
 * when the platform said it (`Content-Range: bytes *\/1234`): ask again within `0 … total − 1`.
 * A subclass of {@link KfInvalidOptionsError}: the range argument was wrong, nothing was downloaded.
 */
export class KfRangeNotSatisfiableError extends KfInvalidOptionsError {
  /** The range that was asked for (`end` inclusive, `undefined` for "to the end"). */
  readonly range: { readonly start: number; readonly end: number | undefined };
  /** The file's size in bytes from `Content-Range`, or `undefined` when not given. */
  readonly total: number | undefined;

  constructor(
    range: { readonly start: number; readonly end?: number | undefined },
    total: number | undefined,
  ) {
    const asked = `bytes=${range.start}-${range.end ?? ''}`;
    super(
      [
        {
          path: ['range'],
          message:
            total === undefined
              ? `${asked} is not satisfiable (HTTP 416)`
              : `${asked} is not satisfiable: the file has ${total} bytes (HTTP 416)`,
        },
      ],
      'media.get range',
    );
    this.range = { start: range.start, end: range.end };
    this.total = total;
  }

  /** A serialisable view. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), range: this.range, total: this.total };
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
  override toJSON(): Record<string, unknown> {
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
  override toJSON(): Record<string, unknown> {
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
  | 'overload'
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
  override toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, reason: this.reason, status: this.status };
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
 * `cause` is the underlying error. Never holds message content or a token.
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

  constructor(
    reason: KfConsumerFailure,
    message: string,
    init: { readonly open_kfid: string; readonly msgid?: string | undefined; readonly attempts?: number },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.reason = reason;
    this.open_kfid = init.open_kfid;
    this.msgid = init.msgid;
    this.attempts = init.attempts ?? 0;
  }

  /** A serialisable view (never the cause, which may be the application's own error). */
  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      reason: this.reason,
      open_kfid: this.open_kfid,
      msgid: this.msgid,
      attempts: this.attempts,
    };
  }
}
