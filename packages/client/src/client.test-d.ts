import type {
  AccountListResponse,
  KfAccount,
  KfKnowledgeGroup,
  KfMsg,
  KfResponse,
  MediaUploadResponse,
  SendMsgResponse,
  SyncMsgResponse,
} from '@kf/types';
import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import type { KfClient } from './client.js';
import type { KfApiError, KfConfigurationError, KfError, KfRateLimitError } from './errors.js';
import type { KfMediaFile } from './resources/media.js';

declare const kf: KfClient;

describe('KfClient types', () => {
  it('types requests and responses from @kf/types', () => {
    expectTypeOf(kf.account.list()).resolves.toEqualTypeOf<AccountListResponse>();
    expectTypeOf(kf.sendMsg).parameter(0).toHaveProperty('touser');
    expectTypeOf(
      kf.sendMsg({ touser: 'a', open_kfid: 'b', msgtype: 'text', text: { content: 'c' } }),
    ).resolves.toEqualTypeOf<SendMsgResponse>();
    expectTypeOf(kf.syncMsg({ open_kfid: 'wk' })).resolves.toEqualTypeOf<SyncMsgResponse>();
    expectTypeOf<SyncMsgResponse['msg_list'][number]>().toEqualTypeOf<KfMsg>();
    expectTypeOf(kf.media.upload).returns.resolves.toEqualTypeOf<MediaUploadResponse>();
    expectTypeOf(kf.media.get).returns.resolves.toEqualTypeOf<KfMediaFile>();
    expectTypeOf(kf.getAccessToken()).resolves.toBeString();
  });

  it('rejects wrong wire names and a misplaced options argument', () => {
    // @ts-expect-error: the wire name is open_kfid
    void kf.account.del({ openKfid: 'wk' });
    // @ts-expect-error: unknown msgtype
    void kf.sendMsg({ touser: 'a', open_kfid: 'b', msgtype: 'sticker', sticker: {} });
    // @ts-expect-error: per-call options are the last argument and have no `retries`
    void kf.account.list({}, { retries: 1 });
  });

  it('iterates items and pages', () => {
    expectTypeOf(kf.account.listAll()).toEqualTypeOf<AsyncGenerator<KfAccount, void>>();
    expectTypeOf(kf.knowledge.listGroupAll()).toEqualTypeOf<AsyncGenerator<KfKnowledgeGroup, void>>();
    expectTypeOf(kf.syncMsgPages({ open_kfid: 'wk' })).toEqualTypeOf<AsyncGenerator<SyncMsgResponse, void>>();
  });

  it('types the generic request by its schema', () => {
    expectTypeOf(kf.request({ method: 'GET', path: '/cgi-bin/x' })).resolves.toEqualTypeOf<KfResponse>();
    const schema = z.object({ errcode: z.number(), n: z.number() });
    expectTypeOf(kf.request({ method: 'GET', path: '/cgi-bin/x', schema })).resolves.toEqualTypeOf<{
      errcode: number;
      n: number;
    }>();
  });

  it('roots every error in KfError', () => {
    expectTypeOf<KfRateLimitError>().toExtend<KfApiError>();
    expectTypeOf<KfConfigurationError>().toExtend<KfError>();
    expectTypeOf<KfApiError['errcode']>().toBeNumber();
    expectTypeOf<KfApiError['hint']>().toEqualTypeOf<string | undefined>();
  });
});
