import type { KfMsg } from '@kf/types';
import { describe, expectTypeOf, it } from 'vitest';
import { createCallbackHandler, type KfCallbackHandlerOptions } from './callback.js';
import { KfClient } from './client.js';
import {
  KfConsumer,
  type KfConsumerContext,
  type KfConsumerOptions,
  type KfSyncMsgSource,
} from './consumer.js';
import type { CursorStore } from './cursor-store.js';
import type { DedupStore } from './dedup-store.js';
import type { KfConsumerError, KfError } from './errors.js';

describe('KfConsumer types', () => {
  it('wires to the callback handler in one line', () => {
    const kf = new KfClient({ corpId: 'ww', secret: 's' });
    const consumer = kf.consumer({ handler: () => {} });
    expectTypeOf(consumer).toEqualTypeOf<KfConsumer>();
    expectTypeOf(consumer.onEvent).toExtend<KfCallbackHandlerOptions['onEvent']>();
    createCallbackHandler({
      token: 't',
      encodingAESKey: 'k'.repeat(43),
      corpId: 'ww',
      onEvent: consumer.onEvent,
    });
  });

  it('gives the handler the typed message union and its context', () => {
    expectTypeOf<Parameters<KfConsumerOptions['handler']>>().toEqualTypeOf<[KfMsg, KfConsumerContext]>();
    expectTypeOf<NonNullable<KfConsumerOptions['onDeadLetter']>>()
      .parameter(1)
      .toEqualTypeOf<KfConsumerError>();
    expectTypeOf<NonNullable<KfConsumerOptions['onError']>>().parameter(0).toEqualTypeOf<KfError>();
  });

  it('accepts a KfClient as its sync_msg source, and stores with async methods', () => {
    expectTypeOf<KfClient>().toExtend<KfSyncMsgSource>();
    expectTypeOf<CursorStore['get']>().returns.toEqualTypeOf<Promise<string | undefined>>();
    expectTypeOf<DedupStore['setIfAbsent']>().returns.toEqualTypeOf<Promise<boolean>>();
    // @ts-expect-error the handler is required
    new KfConsumer(new KfClient({ corpId: 'ww', secret: 's' }), {});
  });
});
