import { describeErrorCode } from '@kf/types/errors';
import { type KfApiError, KfInvalidArgumentError } from './errors.js';
import { createApiError } from './internal/api-error.js';
import { redactText, redactUrl } from './internal/redact.js';

/** What {@link createKfApiError} builds an error from: a platform body and, optionally, the call. */
export interface KfApiErrorInput {
  /** The platform's `errcode`: a non-zero integer. */
  readonly errcode: number;
  /** The platform's `errmsg`; default the error-code table's meaning (or `errcode N` for an unlisted code). */
  readonly errmsg?: string;
  /** The client method or path the error is about; default `'request'`. */
  readonly endpoint?: string;
  /** The request URL; credential query parameters are redacted. */
  readonly url?: string;
  /** HTTP status of the response. */
  readonly status?: number;
}

/**
 * The API error the client would throw for a platform answer: the most specific {@link KfApiError}
 * subclass for the `errcode` (`KfBusinessRuleError` for 95001, `KfRateLimitError` for 45009, …),
 * with `meaning`, `retryable`, `remediation` and `category` from the error-code table, exactly as
 * the client fills them. Meant for your own tests and fakes (stripe-node's `StripeError.generate`):
 * a stub of `KfClient` can reject with the same error the real one would.
 *
 * Takes an `errcode` or a platform body (`{ errcode, errmsg }`, extra fields ignored) plus
 * optional call details. Credential query parameters in `url` and `errmsg` are redacted.
 *
 * @throws KfInvalidArgumentError when `errcode` is not a non-zero integer (0 is success).
 * @example
 * ```ts
 * const quota = createKfApiError({ errcode: 95001, errmsg: 'send quota exceeded', endpoint: 'sendMsg' });
 * quota instanceof KfBusinessRuleError; // true
 * ```
 */
export function createKfApiError(input: number | KfApiErrorInput): KfApiError {
  const body = typeof input === 'number' ? { errcode: input } : input;
  if (!Number.isInteger(body.errcode) || body.errcode === 0) {
    throw new KfInvalidArgumentError({
      issues: [{ path: ['errcode'], message: 'must be a non-zero integer (0 is success, not an error)' }],
      subject: 'createKfApiError arguments',
    });
  }
  const errmsg = body.errmsg ?? describeErrorCode(body.errcode)?.en ?? `errcode ${body.errcode}`;
  return createApiError({
    errcode: body.errcode,
    errmsg: redactText(errmsg, []),
    endpoint: body.endpoint ?? 'request',
    url: body.url === undefined ? undefined : redactUrl(body.url),
    status: body.status,
  });
}
