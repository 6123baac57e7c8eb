/** First retry waits about this long. */
export const INITIAL_RETRY_DELAY_MS = 500;
/** No wait is longer than this. */
export const MAX_RETRY_DELAY_MS = 8_000;

/**
 * Exponential backoff with jitter for the `retry`-th retry (1-based): `base` (500 ms), doubled for
 * each further retry, up to `max` (8 s), each shortened by up to 25 % at random so that many
 * clients failing together do not retry in lockstep (`random` returning 0 means no jitter). The
 * client's retries and the consumer's pulls and redeliveries all wait this way.
 */
export function backoffDelay(
  retry: number,
  random: () => number,
  base: number = INITIAL_RETRY_DELAY_MS,
  max: number = MAX_RETRY_DELAY_MS,
): number {
  // The exponent is capped so a long outage never overflows to Infinity × 0 = NaN (base 0).
  const exponential = Math.min(max, base * 2 ** Math.min(30, Math.max(0, retry - 1)));
  const jitter = 1 - 0.25 * Math.min(1, Math.max(0, random()));
  return Math.round(exponential * jitter);
}
