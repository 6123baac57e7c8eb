import { KfMockError } from './errors.js';

/** One second, minute, hour and day in milliseconds, for `clock.advance(47 * HOUR + 59 * MINUTE)`. */
export const SECOND = 1000;
/** One minute in milliseconds. */
export const MINUTE = 60 * SECOND;
/** One hour in milliseconds. */
export const HOUR = 60 * MINUTE;
/** One day in milliseconds. */
export const DAY = 24 * HOUR;

/**
 * The mock's time source. Every rule that depends on time (token expiry, the 48-hour window, code
 * validity, retention, rate limits) reads it, so a test moves time instead of waiting.
 */
export interface KfMockClock {
  /** Current time in milliseconds since the epoch. */
  now(): number;
  /** Moves time forward by `ms` milliseconds (never backwards). */
  advance(ms: number): void;
  /** Jumps to `time` (milliseconds or a `Date`); it must not be earlier than `now()`. */
  set(time: number | Date): void;
}

/**
 * The start of a manual clock when none is given: the current time, rounded down to a whole second
 * (callback timestamps and `CreateTime` are in seconds). So an app on the real clock, such as a
 * callback handler in the same test, accepts the mock's timestamps out of the box. Tests that
 * need the same times on every run pass a fixed start (`startTime`, or `createManualClock(start)`).
 */
export function defaultStartTime(): number {
  return Math.floor(Date.now() / SECOND) * SECOND;
}

/**
 * The latest time a clock can reach: the end of JavaScript's `Date` range (+275760-09-13). Beyond
 * it `new Date(now)` is invalid and every rule that formats a time would throw.
 */
export const MAX_CLOCK_TIME = 8.64e15;

/** Whether `next` is a time a clock can be at (finite, within `Date`'s range). */
function inRange(next: number): boolean {
  return Number.isFinite(next) && Math.abs(next) <= MAX_CLOCK_TIME;
}

/** Creates a manual clock that starts at `start` (default: now, whole seconds) and only moves when told to. */
export function createManualClock(start: number | Date = defaultStartTime()): KfMockClock {
  let now = typeof start === 'number' ? start : start.getTime();
  if (!inRange(now)) throw new KfMockError('the clock needs a finite start time within the Date range');
  return {
    now: () => now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new KfMockError(`clock.advance takes a non-negative number of milliseconds, got ${ms}`);
      }
      // Checked before moving: a refused advance leaves the clock where it was.
      if (!inRange(now + ms)) throw new KfMockError(`clock.advance(${ms}) would leave the Date range`);
      now += ms;
    },
    set(time) {
      const next = typeof time === 'number' ? time : time.getTime();
      if (!inRange(next)) throw new KfMockError('clock.set takes a time within the Date range');
      if (next < now) {
        throw new KfMockError('clock.set cannot move time backwards');
      }
      now = next;
    },
  };
}

/**
 * Creates a clock that follows the machine's time, and that `advance`/`set` move ahead of it (by
 * an offset that only grows). The `kf-mock` CLI uses it: an app on the other end checks callback
 * timestamps against its own clock, so a server for development must not live in 2024.
 *
 * @param source - the time source, `Date.now` by default (injectable for tests).
 */
export function createWallClock(source: () => number = Date.now): KfMockClock {
  let offset = 0;
  let last = Number.NEGATIVE_INFINITY;
  const now = () => {
    // Never backwards, even if the machine's clock is stepped back.
    last = Math.max(last, source() + offset);
    return last;
  };
  return {
    now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new KfMockError(`clock.advance takes a non-negative number of milliseconds, got ${ms}`);
      }
      if (!inRange(now() + ms)) throw new KfMockError(`clock.advance(${ms}) would leave the Date range`);
      offset += ms;
    },
    set(time) {
      const next = typeof time === 'number' ? time : time.getTime();
      if (!inRange(next)) throw new KfMockError('clock.set takes a time within the Date range');
      const current = now();
      if (next < current) {
        throw new KfMockError('clock.set cannot move time backwards');
      }
      offset += next - current;
    },
  };
}
