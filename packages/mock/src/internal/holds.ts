import type { KfEndpointName } from '@kf/types';

/**
 * How long a held call waits when nobody releases it: less than `@kf/client`'s 30 s default
 * timeout, so a forgotten hold ends as a slow answer, not as a client timeout and its retry.
 */
export const DEFAULT_HOLD_MS = 20_000;
/** The longest a hold may last (10 minutes): every held call ends on its own. */
export const MAX_HOLD_MS = 600_000;

/** A call waiting on a `hold` fault. */
export interface HeldCall {
  readonly id: number;
  readonly endpoint: KfEndpointName;
  readonly method: string;
  /** Mock ms when the call arrived. */
  readonly at: number;
  /** Real ms after which it goes on by itself. */
  readonly maxMs: number;
  /** Lets the call go on (handled as usual from then on). */
  release(): void;
}

/** What a hold needs of the world (a structural type: `world.ts` imports this module). */
interface HoldingWorld {
  readonly state: { readonly held: HeldCall[]; heldCount: number };
  readonly clock: { now(): number };
}

/**
 * Holds a call until it is released, its client goes away, or `maxMs` of real time pass. The
 * wait is real time on purpose: the point is to let the mock clock move (an advance from the
 * console) while the call is in flight, as it does when a send crosses the end of the 48 h window.
 */
export function holdCall(
  world: HoldingWorld,
  endpoint: KfEndpointName,
  method: string,
  maxMs: number,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve) => {
    // The list of the state the call arrived in: a reset releases it from there.
    const { held } = world.state;
    const id = ++world.state.heldCount;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const release = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', release);
      const index = held.findIndex((call) => call.id === id);
      if (index >= 0) held.splice(index, 1);
      resolve();
    };
    if (signal.aborted) {
      resolve();
      return;
    }
    timer = setTimeout(release, maxMs);
    signal.addEventListener('abort', release, { once: true });
    held.push({ id, endpoint, method, at: world.clock.now(), maxMs, release });
  });
}

/** Releases the held call `id`, or every held call; returns how many were released. */
export function releaseHeld(held: readonly HeldCall[], id?: number): number {
  const chosen = held.filter((call) => id === undefined || call.id === id);
  for (const call of chosen) call.release();
  return chosen.length;
}
