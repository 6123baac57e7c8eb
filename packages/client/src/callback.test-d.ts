import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KfCallbackEvent } from '@kf/types';
import { describe, expectTypeOf, it } from 'vitest';
import { createCallbackHandler, type KfCallbackContext, type KfCallbackHandler } from './callback.js';
import { toNodeListener } from './callback-node.js';
import type { KfCallbackError, KfCallbackFailure } from './errors.js';

describe('callback handler types', () => {
  it('is a Web Request → Response function with a typed event', () => {
    const handler = createCallbackHandler({
      token: 't',
      encodingAESKey: 'k',
      corpId: 'ww',
      onEvent: (event, context) => {
        expectTypeOf(event).toEqualTypeOf<KfCallbackEvent>();
        expectTypeOf(context).toEqualTypeOf<KfCallbackContext>();
        if (event.Event === 'kf_msg_or_event') {
          expectTypeOf(event.Token).toBeString();
          expectTypeOf(event.OpenKfId).toBeString();
        }
      },
      onError: (error) => expectTypeOf(error).toEqualTypeOf<KfCallbackError>(),
    });
    expectTypeOf(handler).toEqualTypeOf<KfCallbackHandler>();
    expectTypeOf(handler).toExtend<(request: Request) => Promise<Response>>();
    expectTypeOf(handler.idle).toEqualTypeOf<() => Promise<void>>();
    // A plain Web handler adapts too (no idle() needed).
    expectTypeOf(toNodeListener).parameter(0).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(toNodeListener(handler)).toEqualTypeOf<
      (req: IncomingMessage, res: ServerResponse) => Promise<void>
    >();
    expectTypeOf<KfCallbackError['reason']>().toEqualTypeOf<KfCallbackFailure>();
  });

  it('takes the runtime waitUntil per call or as an option, and a dispatch mode', () => {
    const handler = createCallbackHandler({
      token: 't',
      encodingAESKey: 'k',
      corpId: null,
      onEvent: () => {},
      dispatch: 'before-response',
      waitUntil: (promise) => expectTypeOf(promise).toEqualTypeOf<Promise<void>>(),
    });
    // Cloudflare Workers' ExecutionContext has a waitUntil(promise: Promise<any>) method.
    const ctx: { waitUntil(promise: Promise<unknown>): void; passThroughOnException(): void } = {
      waitUntil: () => {},
      passThroughOnException: () => {},
    };
    expectTypeOf(handler(new Request('http://x/'), ctx)).toEqualTypeOf<Promise<Response>>();
    // Vercel's waitUntil and Next.js' after() take any promise.
    const vercelWaitUntil = (_promise: Promise<unknown>): void => {};
    createCallbackHandler({
      token: 't',
      encodingAESKey: 'k',
      corpId: null,
      onEvent: () => {},
      waitUntil: vercelWaitUntil,
    });
    createCallbackHandler({
      token: 't',
      encodingAESKey: 'k',
      corpId: null,
      onEvent: () => {},
      // @ts-expect-error: not a dispatch mode
      dispatch: 'later',
    });
  });

  it('requires corpId to be chosen explicitly (null skips the ReceiveId check)', () => {
    // @ts-expect-error: corpId is required
    createCallbackHandler({ token: 't', encodingAESKey: 'k', onEvent: () => {} });
    createCallbackHandler({ token: 't', encodingAESKey: 'k', corpId: null, onEvent: () => {} });
  });
});
