import type { KfError } from '@kf/types/errors';

/** One HTTP attempt about to be sent. */
export interface KfRequestEvent {
  /** The client method (`'sendMsg'`, `'account.list'`, `'getToken'`) or the path of a generic request. */
  readonly endpoint: string;
  /** HTTP method. */
  readonly method: 'GET' | 'POST';
  /** The URL, with `access_token` and `corpsecret` redacted. */
  readonly url: string;
  /** 1 for the first attempt, 2 for the first retry or token replay, ... */
  readonly attempt: number;
}

/** The outcome of one HTTP attempt. */
export interface KfResponseEvent extends KfRequestEvent {
  /** Milliseconds from sending to the outcome (body read and checked). */
  readonly durationMs: number;
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** The platform's `errcode` (0 on success), when the body was a JSON envelope. */
  readonly errcode: number | undefined;
  /** The error of this attempt, if it failed (the call may still succeed on a retry). */
  readonly error: KfError | undefined;
}

/**
 * Observability callbacks, called synchronously for every attempt (retries and token replays
 * included). A hook that throws is logged at `warn` and otherwise ignored: observing a call never
 * changes its outcome.
 */
export interface KfHooks {
  /** Before each attempt is sent. */
  readonly onRequest?: (event: KfRequestEvent) => void;
  /** After each attempt, successful or not. */
  readonly onResponse?: (event: KfResponseEvent) => void;
}
