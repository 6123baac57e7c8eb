import { describe, expectTypeOf, it } from 'vitest';
import type { MediaGetRequest, MediaType, MediaUploadQuery, MediaUploadResponse } from './media.js';
import type { GetTokenRequest, GetTokenResponse } from './token.js';

describe('media and token types', () => {
  it('pins the media types', () => {
    expectTypeOf<MediaType>().toEqualTypeOf<'image' | 'voice' | 'video' | 'file'>();
    expectTypeOf<MediaUploadQuery>().toEqualTypeOf<{ type: MediaType }>();
    expectTypeOf<MediaUploadResponse['created_at']>().toEqualTypeOf<string | number>();
    expectTypeOf<MediaUploadResponse['media_id']>().toEqualTypeOf<string>();
    expectTypeOf<MediaUploadResponse['type']>().toEqualTypeOf<MediaType | (string & {})>();
    expectTypeOf<'thumb'>().toExtend<MediaUploadResponse['type']>();
    expectTypeOf<MediaGetRequest>().toEqualTypeOf<{ media_id: string }>();
  });

  it('pins gettoken', () => {
    expectTypeOf<GetTokenRequest>().toEqualTypeOf<{ corpid: string; corpsecret: string }>();
    expectTypeOf<GetTokenResponse['access_token']>().toEqualTypeOf<string>();
    expectTypeOf<GetTokenResponse['expires_in']>().toEqualTypeOf<number>();
  });
});
