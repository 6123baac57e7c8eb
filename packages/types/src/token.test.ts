import { describe, expect, it } from 'vitest';
import { endpointFixture } from './__fixtures__/endpoints/load.js';
import { errcodeOf } from './__fixtures__/issues.js';
import { unlistedField } from './common.js';
import { GetTokenRequest, GetTokenResponse } from './token.js';

describe('gettoken request', () => {
  it('takes corpid and corpsecret', () => {
    expect(GetTokenRequest.parse({ corpid: 'ww1', corpsecret: 's' })).toEqual({
      corpid: 'ww1',
      corpsecret: 's',
    });
  });

  it('answers an empty corpid with 41002 and an empty corpsecret with 41004', () => {
    expect(errcodeOf(GetTokenRequest.safeParse({ corpid: '', corpsecret: 's' }))).toBe(41002);
    expect(errcodeOf(GetTokenRequest.safeParse({ corpid: 'ww1', corpsecret: '' }))).toBe(41004);
  });

  it('requires both parameters and rejects unknown ones', () => {
    expect(GetTokenRequest.safeParse({ corpid: 'ww1' }).success).toBe(false);
    expect(GetTokenRequest.safeParse({ corpsecret: 's' }).success).toBe(false);
    expect(GetTokenRequest.safeParse({ corpid: 'ww1', corpsecret: 's', agentid: 1 }).success).toBe(false);
  });
});

describe('gettoken response', () => {
  it('parses the official example (F-01)', () => {
    expect(GetTokenResponse.parse(endpointFixture('F-01-gettoken-response'))).toEqual({
      errcode: 0,
      errmsg: 'ok',
      access_token: 'accesstoken000001',
      expires_in: 7200,
    });
  });

  it('does not cap the token at the documented 512 bytes (a longer one must not fail every call)', () => {
    const body = (access_token: string) => ({ errcode: 0, errmsg: 'ok', access_token, expires_in: 7200 });
    expect(GetTokenResponse.parse(body('t'.repeat(512))).access_token).toHaveLength(512);
    expect(GetTokenResponse.parse(body('t'.repeat(513))).access_token).toHaveLength(513);
    expect(GetTokenResponse.parse(body('t'.repeat(4096))).access_token).toHaveLength(4096);
  });

  it('rejects an empty or missing token', () => {
    const result = GetTokenResponse.safeParse({
      errcode: 0,
      errmsg: 'ok',
      access_token: '',
      expires_in: 7200,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('access_token must not be empty');
    expect(GetTokenResponse.safeParse({ errcode: 0, errmsg: 'ok', expires_in: 7200 }).success).toBe(false);
  });

  it('requires expires_in', () => {
    expect(GetTokenResponse.safeParse({ errcode: 0, errmsg: 'ok', access_token: 't' }).success).toBe(false);
  });

  it('keeps fields the platform adds later', () => {
    const body = GetTokenResponse.parse({
      ...(endpointFixture('F-01-gettoken-response') as object),
      refresh_in: 600,
    });
    expect(unlistedField(body, 'refresh_in')).toBe(600);
  });
});
