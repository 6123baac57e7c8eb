/**
 * A timer the signal cancels (rejecting with the signal's reason; callers turn that into
 * `KfAbortError`). With `unref`, the timer never keeps the process alive on its own: the consumer's
 * retries and polls are there to serve a running server, not to be the reason it runs.
 */
export function abortableSleep(ms: number, signal?: AbortSignal, { unref = false } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (unref) (timer as { unref?: () => void }).unref?.();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
