/**
 * A per-call deadline: a signal that aborts after `timeout` ms or when the caller's `signal` does,
 * and a way to tell the two apart afterwards. `clear()` must run when the call settles.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Whether the timeout (not the caller's signal) fired. */
  timedOut(): boolean;
  clear(): void;
}

export function startDeadline(timeout: number, signal: AbortSignal | undefined): Deadline {
  const timer = new AbortController();
  let fired = false;
  const handle = setTimeout(() => {
    fired = true;
    timer.abort();
  }, timeout);
  return {
    signal: signal === undefined ? timer.signal : AbortSignal.any([timer.signal, signal]),
    timedOut: () => fired,
    clear: () => clearTimeout(handle),
  };
}
