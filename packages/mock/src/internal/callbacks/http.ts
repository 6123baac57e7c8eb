import { bypass } from 'msw';

/** How the mock makes its outbound requests (callback POSTs, the verification GET). */
export type Fetcher = (request: Request) => Promise<Response>;

/**
 * The default: `fetch`, marked so that an MSW server in the same process (the consumer's
 * `setupServer`, possibly with `onUnhandledRequest: 'error'`) lets it through to the app.
 */
export const bypassingFetch: Fetcher = (request) => fetch(bypass(request), { signal: request.signal });

/** What the app answered, or why it did not. */
export interface Answer {
  /** HTTP status; `null` when there was no answer. */
  readonly status: number | null;
  /** The response body as text ('' when there was none). */
  readonly body: string;
  /** Why there was no answer. */
  readonly error?: string;
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/** Sends one request and reads the whole answer within `timeoutMs` (headers and body). */
export async function timedRequest(
  fetcher: Fetcher,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Answer> {
  const controller = new AbortController();
  // The deadline holds even where a runtime's fetch does not settle on abort (seen once on Node 24
  // with an app that never answers): the attempt ends when the time is up, whatever fetch does.
  const deadline = new Promise<never>((_resolve, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  deadline.catch(() => undefined);
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await Promise.race([
      fetcher(new Request(url, { ...init, signal: controller.signal })),
      deadline,
    ]);
    const body = await Promise.race([response.text(), deadline]);
    return { status: response.status, body };
  } catch (error) {
    const why = controller.signal.aborted ? `no answer within ${timeoutMs} ms` : reason(error);
    return { status: null, body: '', error: why };
  } finally {
    clearTimeout(timer);
  }
}
