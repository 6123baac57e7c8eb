import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KfCallbackEvent } from '@kf/types';
import { describe, expectTypeOf, it } from 'vitest';
import { createCallbackHandler, type KfCallbackContext } from './callback.js';
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
    expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(toNodeListener(handler)).toEqualTypeOf<
      (req: IncomingMessage, res: ServerResponse) => Promise<void>
    >();
    expectTypeOf<KfCallbackError['reason']>().toEqualTypeOf<KfCallbackFailure>();
  });

  it('requires corpId to be chosen explicitly (null skips the ReceiveId check)', () => {
    // @ts-expect-error: corpId is required
    createCallbackHandler({ token: 't', encodingAESKey: 'k', onEvent: () => {} });
    createCallbackHandler({ token: 't', encodingAESKey: 'k', corpId: null, onEvent: () => {} });
  });
});
