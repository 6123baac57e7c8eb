import { KfEndpoints } from '@kf/types';
import type { KfMock } from '../../create-kf-mock.js';
import type { KfMockWorldEvent } from '../console/watch.js';
import { watcherOf } from '../console/watch.js';
import type { ControlRoute } from './kit.js';

const encoder = new TextEncoder();

/** `text/event-stream` of the world's events until the client goes away. */
function eventStream(mock: KfMock, signal: AbortSignal): Response {
  let unsubscribe = (): void => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = (): void => {
        unsubscribe();
        try {
          controller.close();
        } catch {
          // Already closed by a cancel.
        }
      };
      if (signal.aborted) {
        close();
        return;
      }
      // An EventSource reconnects after `retry` ms; each connection starts with a fresh snapshot.
      controller.enqueue(encoder.encode('retry: 1000\n\n'));
      unsubscribe = watcherOf(mock).subscribe((event: KfMockWorldEvent) => {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
      });
      signal.addEventListener('abort', close, { once: true });
    },
    cancel() {
      unsubscribe();
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    },
  });
}

/** The sessions list and the live stream of world events the console is built on. */
export const eventRoutes: readonly ControlRoute[] = [
  {
    method: 'GET',
    path: '/sessions',
    summary: 'every session with its state (the waiting pool is state 2) → { sessions }',
    run: (c) => ({ sessions: c.mock.world.sessions() }),
  },
  {
    method: 'GET',
    path: '/endpoints',
    summary: 'the endpoint names faults take, with their paths → { endpoints }',
    run: () => ({
      endpoints: Object.entries(KfEndpoints).map(([name, definition]) => ({ name, path: definition.path })),
    }),
  },
  {
    method: 'GET',
    path: '/events',
    summary:
      'Server-Sent Events: a snapshot of the world, then each change (log, sent, session, call, delivery, clock)',
    run: (c) => eventStream(c.mock, c.signal),
  },
];
