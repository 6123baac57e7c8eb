import { isKfError, type KfError, TOKEN_REFRESH_CODES } from '@kf/types/errors';
import type * as z from 'zod';
import {
  KfAbortError,
  KfApiError,
  KfConnectionError,
  KfInvalidArgumentError,
  KfPlatformBusyError,
  KfRedirectError,
  KfRequestBuildError,
  KfResponseValidationError,
  KfSendOutcomeUnknownError,
  KfTimeoutError,
} from '../errors.js';
import type { KfRequestEvent, KfResponseEvent } from '../hooks.js';
import type { KfCallOptions, KfValidationMode } from '../options.js';
import { createApiError } from './api-error.js';
import { backoffDelay } from './backoff.js';
import { startDeadline } from './deadline.js';
import { causeChainText, plainCause } from './error-text.js';
import type { Log } from './log.js';
import { checkCallOptions, type ResolvedOptions } from './options.js';
import { readText } from './read-body.js';
import { redactText, redactUrl } from './redact.js';
import type { TokenManager } from './token-manager.js';

/** One HTTP call as the core sends it. */
export interface CallSpec {
  /** Method name (a key of `KfEndpoints`) or path, for errors, logs and hooks. */
  readonly endpoint: string;
  readonly method: 'GET' | 'POST';
  /** Path under the base URL, starting with `/`. */
  readonly path: string;
  /** Query parameters (besides `access_token`). */
  readonly query?: Readonly<Record<string, string>>;
  /** A JSON body, or a prepared binary body. */
  readonly body?: { readonly json: unknown } | { readonly blob: Blob; readonly contentType: string };
  readonly headers?: Readonly<Record<string, string>>;
  /** Whether `?access_token=` is added. */
  readonly authenticated: boolean;
  /**
   * Whether an attempt whose outcome is unknown (network error, timeout, HTTP 5xx, −1) may be
   * retried. False for calls that create something: only the per-call `retryUnsafe: true` lets
   * those be retried (`maxRetries` alone does not).
   */
  readonly idempotent: boolean;
  /**
   * Whether the envelope is checked in every validation mode (`KfEndpointFacts.alwaysChecked`):
   * a send must never be taken for accepted, nor a token for issued, on a body that does not say so.
   */
  readonly alwaysChecked?: boolean;
  /**
   * The caller-visible `msgid` of a send (`KfEndpointFacts.receipt`): a success must echo it, and a
   * retry refused after an ambiguous attempt becomes `KfSendOutcomeUnknownError`.
   */
  readonly msgid?: string;
}

/** What one attempt learnt, for hooks. */
interface AttemptInfo {
  status: number | undefined;
  errcode: number | undefined;
}

/** The per-attempt context handed to a response reader. */
export interface ReadContext {
  readonly spec: CallSpec;
  /** Redacted URL. */
  readonly url: string;
  readonly info: AttemptInfo;
  /** The client's `validateResponses` mode (how strictly an envelope without `errcode` is judged). */
  readonly mode: KfValidationMode;
  /** Most bytes of a JSON body (`maxResponseBytes`). */
  readonly maxResponseBytes: number;
}

/** Turns a response into the call's result, or throws a `KfError`. */
export type ResponseReader<T> = (response: Response, context: ReadContext) => Promise<T>;

/**
 * Sends calls: access token, timeout and abort, retries with backoff, the token replay, hooks and
 * logging. Reading the response is the caller's (`readEnvelope` for every JSON endpoint).
 */
export class Core {
  readonly options: ResolvedOptions;
  readonly log: Log;
  readonly #tokens: TokenManager;

  constructor(options: ResolvedOptions, log: Log, tokens: TokenManager) {
    this.options = options;
    this.log = log;
    this.#tokens = tokens;
  }

  /** Values that must never leave the client: the secret and recent access tokens. */
  secrets(): string[] {
    return [this.options.secret, ...this.#tokens.recentTokens];
  }

  /** A JSON call: the envelope is checked, then the body is validated against `schema`. */
  json<T>(
    spec: CallSpec,
    callOptions: KfCallOptions | undefined,
    schema: z.ZodType | null,
    normalize?: (body: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<T> {
    return this.execute(spec, callOptions, async (response, context) => {
      const body = await readEnvelope(response, context, this.secrets());
      return this.#validate(spec.endpoint, body, schema, normalize) as T;
    });
  }

  /** Runs `read` on the response of each attempt until it succeeds or the failure is final. */
  async execute<T>(
    spec: CallSpec,
    callOptions: KfCallOptions | undefined,
    read: ResponseReader<T>,
  ): Promise<T> {
    const call = checkCallOptions(callOptions);
    const signal = call.signal;
    const timeout = call.timeout ?? this.options.timeout;
    // Replaying a call that creates something after a lost answer may create it twice: only an
    // explicit opt-in allows that, never a mere `maxRetries`.
    const retryUnsafe = call.retryUnsafe === true;
    const maxRetries = call.maxRetries ?? this.options.maxRetries;
    let retries = 0;
    let attempt = 0;
    let replayedToken = false;
    let ambiguous: KfError | undefined;

    for (;;) {
      attempt += 1;
      if (signal?.aborted) throw new KfAbortError({ endpoint: spec.endpoint, cause: signal.reason });
      // Not inside the retry loop's try: a token wait that times out or fails sent nothing, and the
      // shared token fetch has its own retries.
      const token = spec.authenticated ? await this.#token(spec.endpoint, timeout, signal) : undefined;
      const url = this.#url(spec, token);
      const safeUrl = redactUrl(url);
      const info: AttemptInfo = { status: undefined, errcode: undefined };
      const event = { endpoint: spec.endpoint, method: spec.method, url: safeUrl, attempt };
      this.#hook('onRequest', event);
      this.log.debug(`${spec.endpoint} attempt ${attempt}`, { url: safeUrl });
      const started = this.options.now();
      let error: KfError;
      try {
        const result = await this.#attempt(spec, url, safeUrl, info, timeout, signal, read);
        this.#hook('onResponse', {
          ...event,
          ...info,
          durationMs: this.options.now() - started,
          error: undefined,
        });
        return result;
      } catch (caught) {
        error = caught as KfError;
      }
      this.#hook('onResponse', { ...event, ...info, durationMs: this.options.now() - started, error });

      if (
        error instanceof KfApiError &&
        TOKEN_REFRESH_CODES.has(error.errcode) &&
        token !== undefined &&
        !replayedToken
      ) {
        // The platform refused the token before doing anything: replaying is always safe and does
        // not count against the retry budget.
        replayedToken = true;
        this.log.info(`${spec.endpoint}: access token refused (errcode ${error.errcode}), refreshing once`);
        await this.#tokens.invalidate(token);
        continue;
      }
      const isAmbiguous = error instanceof KfConnectionError || error instanceof KfPlatformBusyError;
      if (isAmbiguous && retries < maxRetries && (spec.idempotent || retryUnsafe)) {
        ambiguous = error;
        retries += 1;
        const delay = backoffDelay(retries, this.options.random);
        this.log.warn(
          `${spec.endpoint} failed (${error.name}), retry ${retries}/${maxRetries} in ${delay} ms`,
        );
        try {
          await this.options.sleep(delay, signal);
        } catch (reason) {
          throw new KfAbortError({ endpoint: spec.endpoint, cause: reason });
        }
        continue;
      }
      if (
        ambiguous !== undefined &&
        spec.msgid !== undefined &&
        error instanceof KfApiError &&
        !isAmbiguous
      ) {
        throw new KfSendOutcomeUnknownError({
          endpoint: spec.endpoint,
          msgid: spec.msgid,
          firstFailure: ambiguous,
          retryError: error,
        });
      }
      throw error;
    }
  }

  /**
   * The access token, waited for at most `timeout` ms and while `signal` is not aborted: this
   * caller stops waiting (`KfTimeoutError` / `KfAbortError`), the shared token fetch goes on for the
   * others.
   */
  async #token(endpoint: string, timeout: number, signal: AbortSignal | undefined): Promise<string> {
    // The common case: a fresh cached token needs no deadline (no timer, no AbortController per call).
    const cached = this.#tokens.peek();
    if (cached !== undefined) return cached;
    const deadline = startDeadline(timeout, signal);
    try {
      return await this.#tokens.get(endpoint, deadline.signal);
    } catch (error) {
      if (error instanceof KfAbortError && deadline.timedOut() && signal?.aborted !== true) {
        throw new KfTimeoutError({ endpoint, timeout });
      }
      if (error instanceof KfAbortError && signal?.aborted === true) {
        throw new KfAbortError({ endpoint, cause: signal.reason });
      }
      throw error;
    } finally {
      deadline.clear();
    }
  }

  #url(spec: CallSpec, token: string | undefined): string {
    const params = new URLSearchParams();
    if (token !== undefined) params.set('access_token', token);
    for (const [key, value] of Object.entries(spec.query ?? {})) params.set(key, value);
    const query = params.toString();
    return `${this.options.baseURL}${spec.path}${query === '' ? '' : `?${query}`}`;
  }

  async #attempt<T>(
    spec: CallSpec,
    url: string,
    safeUrl: string,
    info: AttemptInfo,
    timeout: number,
    signal: AbortSignal | undefined,
    read: ResponseReader<T>,
  ): Promise<T> {
    const deadline = startDeadline(timeout, signal);
    try {
      if (spec.method === 'GET' && spec.body !== undefined) {
        // fetch rejects it without sending anything; retrying would only repeat the rejection.
        throw new KfInvalidArgumentError({
          issues: [{ path: ['body'], message: 'a GET request cannot have a body' }],
          subject: `${spec.endpoint} request`,
        });
      }
      const init: RequestInit = {
        method: spec.method,
        signal: deadline.signal,
        // The platform never redirects an API call: following one would carry the access token
        // (and, for 307/308, the body) to wherever Location points.
        redirect: 'manual',
        headers: { ...spec.headers },
      };
      if (spec.body !== undefined) {
        if ('json' in spec.body) {
          init.body = JSON.stringify(spec.body.json);
          init.headers = { ...spec.headers, 'content-type': 'application/json' };
        } else {
          init.body = spec.body.blob;
          init.headers = { ...spec.headers, 'content-type': spec.body.contentType };
        }
      }
      let pending: Promise<Response>;
      try {
        pending = this.options.fetch(url, init);
      } catch (error) {
        // A synchronous TypeError is fetch refusing to build the request (a bad header, method or
        // URL) before any I/O: nothing was sent and a retry would fail the same way.
        if (error instanceof TypeError) throw this.#invalidRequest(spec.endpoint, error);
        throw error;
      }
      const response = await pending;
      info.status = response.status;
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status <= 399)) {
        response.body?.cancel().catch(() => {});
        throw new KfRedirectError({ endpoint: spec.endpoint, url: safeUrl, status: response.status });
      }
      return await read(response, {
        spec,
        url: safeUrl,
        info,
        mode: this.options.validateResponses,
        maxResponseBytes: this.options.maxResponseBytes,
      });
    } catch (error) {
      if (isKfError(error)) {
        if (error instanceof KfApiError) info.errcode = error.errcode;
        throw error;
      }
      if (signal?.aborted) throw new KfAbortError({ endpoint: spec.endpoint, cause: signal.reason });
      if (deadline.timedOut()) throw new KfTimeoutError({ endpoint: spec.endpoint, url: safeUrl, timeout });
      throw this.#connectionError(spec.endpoint, safeUrl, error);
    } finally {
      deadline.clear();
    }
  }

  #connectionError(endpoint: string, safeUrl: string, error: unknown): KfConnectionError {
    // Never the foreign error itself as `cause`: its own properties (an axios-style
    // `request.url`) or a deep `cause` link may hold the token. A redacted plain copy of the chain.
    const cause = plainCause(error, this.secrets());
    return new KfConnectionError({
      message: `${endpoint}: request failed: ${causeChainText(cause) || cause.name}`,
      endpoint,
      url: safeUrl,
      cause,
    });
  }

  #invalidRequest(endpoint: string, error: TypeError): KfRequestBuildError {
    return new KfRequestBuildError({ endpoint, cause: plainCause(error, this.secrets()) });
  }

  #validate(
    endpoint: string,
    body: Record<string, unknown>,
    schema: z.ZodType | null,
    normalize: ((body: Record<string, unknown>) => Record<string, unknown>) | undefined,
  ): unknown {
    const mode = this.options.validateResponses;
    if (schema === null || mode === 'off') return normalize === undefined ? body : normalize(body);
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    const issues = result.error.issues.map((i) => ({ path: i.path, message: i.message }));
    if (mode === 'throw') throw new KfResponseValidationError({ endpoint, issues });
    const error = new KfResponseValidationError({ endpoint, issues });
    this.log.warn(error.message, { endpoint });
    return normalize === undefined ? body : normalize(body);
  }

  #hook(name: 'onRequest', event: KfRequestEvent): void;
  #hook(name: 'onResponse', event: KfResponseEvent): void;
  #hook(name: 'onRequest' | 'onResponse', event: KfRequestEvent | KfResponseEvent): void {
    try {
      if (name === 'onRequest') this.options.hooks.onRequest?.(event);
      else this.options.hooks.onResponse?.(event as KfResponseEvent);
    } catch (error) {
      this.log.warn(`the ${name} hook threw; ignored`, {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** Reads a JSON envelope; a non-zero `errcode` throws the matching API error. */
export async function readEnvelope(
  response: Response,
  context: ReadContext,
  secrets: readonly string[],
): Promise<Record<string, unknown>> {
  const { spec, url, info } = context;
  const text = await readText(response, { endpoint: spec.endpoint, url, limit: context.maxResponseBytes });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (response.status >= 500) {
      // A gateway error page: the platform may not have seen the request. Retried like a network error.
      throw new KfConnectionError({
        message: `${spec.endpoint}: HTTP ${response.status} without a JSON body`,
        endpoint: spec.endpoint,
        url,
      });
    }
    throw new KfResponseValidationError({
      endpoint: spec.endpoint,
      issues: [{ path: [], message: `HTTP ${response.status}: the body is not JSON` }],
    });
  }
  return checkEnvelope(body, context, secrets, info);
}

/**
 * The envelope's `errcode` as a number. A string of digits (`"95001"`) is taken as that number:
 * a proxy or a platform change that quotes it must not turn a refusal into a success.
 */
function errcodeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,9}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/**
 * Checks an already parsed envelope (also used for the JSON error body of a download): a non-zero
 * `errcode` throws the matching API error.
 *
 * A body without an integer `errcode` (a gateway's `{"message":"upstream unavailable"}`) is not
 * a success: with a non-2xx HTTP status it is a `KfConnectionError` (the platform may not have
 * seen the call; retried like a network error where retries are allowed) in every mode; with a
 * 2xx status it is a `KfResponseValidationError`, except in validation mode `'off'`, where it is
 * returned as is. A call whose spec says `alwaysChecked` (sends, the token fetch) is checked in every
 * mode, and a call with a `msgid` (a send's receipt) must get it back on success.
 */
export function checkEnvelope(
  body: unknown,
  context: ReadContext,
  secrets: readonly string[],
  info: AttemptInfo,
): Record<string, unknown> {
  const { spec, url } = context;
  const status = info.status;
  const failedStatus = status !== undefined && (status < 200 || status > 299);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    if (failedStatus && status >= 500) {
      throw new KfConnectionError({
        message: `${spec.endpoint}: HTTP ${status} without an envelope`,
        endpoint: spec.endpoint,
        url,
      });
    }
    throw new KfResponseValidationError({
      endpoint: spec.endpoint,
      issues: [{ path: [], message: 'the body is not a JSON object' }],
    });
  }
  const record = body as Record<string, unknown>;
  const errcode = errcodeOf(record.errcode);
  const strict = context.mode !== 'off' || spec.alwaysChecked === true;
  if (errcode === undefined) {
    if (failedStatus) {
      throw new KfConnectionError({
        message: `${spec.endpoint}: HTTP ${status} without an errcode (not an answer of the platform)`,
        endpoint: spec.endpoint,
        url,
      });
    }
    if (strict) {
      throw new KfResponseValidationError({
        endpoint: spec.endpoint,
        issues: [{ path: ['errcode'], message: 'the envelope has no integer errcode' }],
      });
    }
    return record;
  }
  info.errcode = errcode;
  if (errcode !== 0) {
    throw createApiError({
      errcode,
      errmsg: wireErrmsg(record.errmsg, secrets),
      endpoint: spec.endpoint,
      url,
      ...(info.status === undefined ? {} : { status: info.status }),
    });
  }
  if (spec.msgid !== undefined && (typeof record.msgid !== 'string' || record.msgid === '')) {
    // "Accepted" without the msgid is not a send receipt the caller can match to a
    // msg_send_fail event; it is not retried either, since it may have been delivered.
    throw new KfResponseValidationError({
      endpoint: spec.endpoint,
      issues: [{ path: ['msgid'], message: 'a successful send must return its msgid' }],
    });
  }
  return record.errcode === errcode ? record : { ...record, errcode };
}

/**
 * Most characters of an `errmsg` kept on an error. The platform's are under 200; a longer one is
 * not the platform's, and would otherwise be copied into `message`, logs and `toJSON` whole.
 */
export const MAX_ERRMSG_LENGTH = 1024;

/** The wire `errmsg`, credentials removed, cut to {@link MAX_ERRMSG_LENGTH} characters. */
function wireErrmsg(value: unknown, secrets: readonly string[]): string {
  if (typeof value !== 'string') return '';
  if (value.length <= MAX_ERRMSG_LENGTH) return redactText(value, secrets);
  // Redacted with a margin before the final cut, so no credential is split across the cut.
  const redacted = redactText(value.slice(0, MAX_ERRMSG_LENGTH + 1024), secrets);
  return `${redacted.slice(0, MAX_ERRMSG_LENGTH)}… (${value.length} characters, cut)`;
}
