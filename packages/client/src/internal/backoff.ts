/** First retry waits about this long. */
export const INITIAL_RETRY_DELAY_MS = 500;
/** No wait is longer than this. */
export const MAX_RETRY_DELAY_MS = 8_000;

/**
 * Exponential backoff with jitter for the `retry`-th retry (1-based): 500 ms, 1 s, 2 s, ... up to
 * 8 s, each shortened by up to 25 % at random so that many clients failing together do not retry
 * in lockstep.
 */
export function backoffDelay(retry: number, random: () => number): number {
  const exponential = Math.min(MAX_RETRY_DELAY_MS, INITIAL_RETRY_DELAY_MS * 2 ** Math.max(0, retry - 1));
  const jitter = 1 - 0.25 * Math.min(1, Math.max(0, random()));
  return Math.round(exponential * jitter);
}
