import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { endpointFixture } from './__fixtures__/endpoints/load.js';
import { GetTokenRequest, GetTokenResponse } from './token.js';

function errcodeOf(result: z.ZodSafeParseResult<unknown>): unknown {
  const issue = result.error?.issues[0];
  return issue && 'params' in issue ? issue.params?.errcode : undefined;
}

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

  it('accepts a 512-byte token and rejects 513 bytes', () => {
    const body = (access_token: string) => ({ errcode: 0, errmsg: 'ok', access_token, expires_in: 7200 });
    expect(GetTokenResponse.safeParse(body('t'.repeat(512))).success).toBe(true);
    const result = GetTokenResponse.safeParse(body('t'.repeat(513)));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('access_token must be at most 512 bytes (UTF-8)');
  });

  it('requires expires_in', () => {
    expect(GetTokenResponse.safeParse({ errcode: 0, errmsg: 'ok', access_token: 't' }).success).toBe(false);
  });

  it('keeps fields the platform adds later', () => {
    const body = GetTokenResponse.parse({
      ...(endpointFixture('F-01-gettoken-response') as object),
      refresh_in: 600,
    });
    expect(body.refresh_in).toBe(600);
  });
});
