import { describe, expect, it } from 'vitest';
import { endpointFixture } from './__fixtures__/endpoints/load.js';
import { GetCorpQualificationRequest, GetCorpQualificationResponse } from './corp.js';

describe('get_corp_qualification', () => {
  it('parses the example response (F-52)', () => {
    const body = GetCorpQualificationResponse.parse(endpointFixture('F-52-get-corp-qualification-response'));
    expect(body.wechat_channels_binding).toBe(true);
  });

  it('takes no parameters and rejects any', () => {
    expect(GetCorpQualificationRequest.parse({})).toEqual({});
    expect(GetCorpQualificationRequest.safeParse({ corpid: 'ww1' }).success).toBe(false);
  });

  it('keeps fields the platform adds later', () => {
    const body = GetCorpQualificationResponse.parse({
      errcode: 0,
      errmsg: 'ok',
      wechat_channels_binding: false,
      verified: true,
    });
    expect(body).toEqual({ errcode: 0, errmsg: 'ok', wechat_channels_binding: false, verified: true });
  });

  it('rejects a binding flag that is not a boolean', () => {
    expect(
      GetCorpQualificationResponse.safeParse({ errcode: 0, errmsg: 'ok', wechat_channels_binding: 1 })
        .success,
    ).toBe(false);
  });
});
