import type { KfMock } from '@kf/mock';

/** The kinds of fault the chaos suite injects into the mock. */
export const FAULT_KINDS = [
  'systemBusy',
  'rateLimit',
  'revokeTokens',
  'expireInFlight',
  'drop',
  'loseResponse',
  'latency',
  'getTokenBusy',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Injects one fault of `kind` into `mock`, sized by `random`; `tokenTtlMs` is the mock's access
 * token lifetime (an in-flight delay longer than it makes the call answer 42001).
 */
export function injectFault(mock: KfMock, kind: FaultKind, random: () => number, tokenTtlMs: number): void {
  const s = mock.scenario;
  switch (kind) {
    case 'systemBusy':
      // A burst of -1: 1–2 are absorbed by the client's retries, 3–5 fail the pull.
      s.systemBusy('syncMsg', { times: 1 + Math.floor(random() * 5) });
      return;
    case 'rateLimit':
      s.rateLimit('syncMsg');
      return;
    case 'revokeTokens':
      s.revokeTokens();
      return;
    case 'expireInFlight':
      // The mock clock moves past the access token's expiry while the call is in flight: 42001.
      s.delayNext('syncMsg', tokenTtlMs + 1_000);
      return;
    case 'drop':
      s.dropNext('syncMsg', { times: 1 + Math.floor(random() * 2) });
      return;
    case 'loseResponse':
      s.loseResponseNext('syncMsg');
      return;
    case 'latency':
      // Latency in mock time and (through the injected, instant `sleep`) "real" time.
      s.delayNext('syncMsg', 1_000 + Math.floor(random() * 5_000), { realTime: random() < 0.5 });
      return;
    case 'getTokenBusy':
      s.systemBusy('getToken');
      s.revokeTokens();
      return;
  }
}

/** Counts of `items` by `key`, as a plain object sorted by key (stable for printing). */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
