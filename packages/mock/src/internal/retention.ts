import { KF_LIFETIMES_MS, KF_STATISTIC_RETENTION_DAYS } from '@kf/types';
import { DAY, MINUTE } from '../clock.js';
import type { World } from './world.js';

/** Messages older than 3 days are no longer served by `sync_msg`. */
export const RETENTION_MS = KF_LIFETIMES_MS.messageRetention;

/**
 * An access token expired this long ago is forgotten: it answers 40014 (unknown) instead of
 * 42001 (expired), so the mock need not keep every token it ever issued.
 */
export const EXPIRED_TOKEN_MEMORY_MS = DAY;

/** Statistic facts older than this can no longer be queried (180 days, plus day rounding). */
const STATS_MEMORY_MS = (KF_STATISTIC_RETENTION_DAYS + 2) * DAY;

/** Pruning runs at most once per this much mock time, on a request or a new log entry. */
export const PRUNE_INTERVAL_MS = MINUTE;

/** Removes the items of `sorted` (ascending by `at`) up to `cutoff`, in one splice. */
function dropOlder<T extends { readonly at: number }>(sorted: T[], cutoff: number): void {
  let end = 0;
  while (end < sorted.length && (sorted[end]?.at ?? Number.POSITIVE_INFINITY) <= cutoff) end++;
  if (end > 0) sorted.splice(0, end);
}

/**
 * Forgets what can no longer be observed, so a long-running server does not grow without bound:
 * expired `sync_msg` tokens, used or expired event codes, access tokens revoked or expired over
 * {@link EXPIRED_TOKEN_MEMORY_MS} ago, log entries past the 3-day retention and statistic facts
 * past the queryable 180 days. Every rule already treats these as gone, so pruning changes no
 * answer. Runs at most once per {@link PRUNE_INTERVAL_MS} of mock time (amortised: the callers
 * invoke it on every request and every new log entry).
 */
export function pruneIfDue(world: World): void {
  const now = world.clock.now();
  const state = world.state;
  if (now - state.prunedAt < PRUNE_INTERVAL_MS) return;
  state.prunedAt = now;
  for (const [token, sync] of state.syncTokens) if (now >= sync.expiresAt) state.syncTokens.delete(token);
  for (const [code, entry] of state.codes) if (entry.used || now >= entry.expiresAt) state.codes.delete(code);
  for (const [token, entry] of state.tokens) {
    if (entry.revoked || now >= entry.expiresAt + EXPIRED_TOKEN_MEMORY_MS) state.tokens.delete(token);
  }
  for (const account of state.accounts.values()) dropOlder(account.log, now - RETENTION_MS);
  dropOlder(state.stats, now - STATS_MEMORY_MS);
}
