import { KfError as TypesKfError } from '@kf/types/errors';
import { describe, expect, it } from 'vitest';
import {
  isKfError,
  KfApiError,
  KfAuthenticationError,
  KfBusinessRuleError,
  KfConfigurationError,
  KfError,
  KfInvalidRequestError,
  KfPermissionError,
  KfPlatformBusyError,
  KfRateLimitError,
  parseErrmsgHint,
} from './errors.js';
import { createApiError } from './internal/api-error.js';

const init = (errcode: number, errmsg = 'some errmsg') => ({ errcode, errmsg, endpoint: 'sendMsg' });

describe('createApiError', () => {
  it.each([
    [-1, KfPlatformBusyError, 'busy', true],
    [40014, KfAuthenticationError, 'auth', true],
    [42001, KfAuthenticationError, 'auth', true],
    [41001, KfAuthenticationError, 'auth', false],
    [40001, KfConfigurationError, 'config', false],
    [40013, KfConfigurationError, 'config', false],
    [40091, KfConfigurationError, 'config', false],
    [45009, KfRateLimitError, 'rate_limit', true],
    [45033, KfRateLimitError, 'rate_limit', true],
    [40058, KfInvalidRequestError, 'invalid_request', false],
    [40007, KfInvalidRequestError, 'media', false],
    [95000, KfInvalidRequestError, 'invalid_request', false],
    [95001, KfBusinessRuleError, 'kf_rule', false],
    [95018, KfBusinessRuleError, 'kf_rule', false],
    [48002, KfPermissionError, 'permission', false],
  ])('maps errcode %i to %o (category %s, retryable %s)', (code, cls, category, retryable) => {
    const error = createApiError(init(code));
    expect(error).toBeInstanceOf(cls);
    expect(error.constructor).toBe(cls);
    expect(error.category).toBe(category);
    expect(error.retryable).toBe(retryable);
    expect(error.remediation).toEqual(expect.any(String));
  });

  it('classifies an unlisted 95xxx code as a kf business rule, keeping the errmsg as meaning', () => {
    const error = createApiError(init(95099, 'something new'));
    expect(error).toBeInstanceOf(KfBusinessRuleError);
    expect(error.category).toBeUndefined();
    expect(error.meaning).toBe('something new');
    expect(error.retryable).toBe(false);
  });

  it('makes an unknown code a plain KfApiError', () => {
    const error = createApiError(init(123456));
    expect(error.constructor).toBe(KfApiError);
    expect(error.remediation).toBeUndefined();
  });

  it.each([
    [40001, 'secret', /configured secret \(corpsecret\) was rejected/],
    [40091, 'secret', /configured secret/],
    [40013, 'corpId', /configured corpId \(corpid\) was rejected/],
    [60020, 'callerIp', /caller IP/],
    [95011, 'kfMode', /other 微信客服 mode/],
  ])('names the rejected credential for %i', (code, credential, message) => {
    const error = createApiError({ ...init(code), endpoint: 'getToken' });
    expect(error).toBeInstanceOf(KfConfigurationError);
    expect((error as KfConfigurationError).credential).toBe(credential);
    expect(error.message).toMatch(message);
  });

  it('carries errcode, errmsg, hint, endpoint and the table meaning', () => {
    const errmsg =
      'invalid access_token, hint: [1642399392_16_ab35c3b2a0b], from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=40014';
    const error = createApiError({
      errcode: 40014,
      errmsg,
      endpoint: 'account.list',
      url: 'http://x/y',
      status: 200,
    });
    expect(error).toMatchObject({
      errcode: 40014,
      errmsg,
      hint: '1642399392_16_ab35c3b2a0b',
      endpoint: 'account.list',
      url: 'http://x/y',
      status: 200,
      meaning: expect.stringMatching(/access_token/i),
    });
    expect(error.message).toContain('account.list failed with errcode 40014');
    expect(error.toJSON()).toMatchObject({
      name: 'KfAuthenticationError',
      errcode: 40014,
      hint: '1642399392_16_ab35c3b2a0b',
    });
  });

  it('is a KfError by instanceof and by isKfError', () => {
    const error = createApiError(init(95001));
    expect(error).toBeInstanceOf(KfError);
    expect(error).toBeInstanceOf(TypesKfError);
    expect(isKfError(error)).toBe(true);
    expect(error.name).toBe('KfBusinessRuleError');
  });
});

describe('parseErrmsgHint', () => {
  it('reads the hint id and returns undefined when there is none', () => {
    expect(parseErrmsgHint('system busy, hint: [abc-123_x], from ip')).toBe('abc-123_x');
    expect(parseErrmsgHint('invalid media_id')).toBeUndefined();
  });

  it('reads every hint shape seen: all digits, timestamp_n_hex, spaces inside the brackets, any case', () => {
    const tail = 'from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=40014';
    expect(parseErrmsgHint(`invalid access_token, hint: [1684744322063820193656488], ${tail}`)).toBe(
      '1684744322063820193656488',
    );
    expect(parseErrmsgHint(`invalid access_token, hint: [1642399392_16_ab35c3b2a0b], ${tail}`)).toBe(
      '1642399392_16_ab35c3b2a0b',
    );
    expect(parseErrmsgHint('system busy, hint:[ 1684744322063820193656488 ], from ip: ::1')).toBe(
      '1684744322063820193656488',
    );
    expect(parseErrmsgHint('system busy, Hint: [Fo6V2a0180e295]')).toBe('Fo6V2a0180e295');
    expect(parseErrmsgHint('hint: []')).toBeUndefined();
  });
});

describe('the message of an unlisted code', () => {
  it('says the errmsg once, and meaning is the errmsg without its hint, IP and URL tail', () => {
    const errmsg =
      'something new happened, hint: [1642399392_16_ab35], from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=123456';
    const error = createApiError({ errcode: 123456, errmsg, endpoint: 'account.list' });
    expect(error.message).toBe(`account.list failed with errcode 123456: ${errmsg}`);
    expect(error.message.split('hint:')).toHaveLength(2);
    expect(error.meaning).toBe('something new happened');
    expect(error.hint).toBe('1642399392_16_ab35');
  });

  it('keeps the table meaning and the errmsg for a listed code', () => {
    const error = createApiError({
      errcode: 95001,
      errmsg: 'send quota exceeded, hint: [h]',
      endpoint: 'sendMsg',
    });
    expect(error.message).toMatch(
      /^sendMsg failed with errcode 95001: .+ \(errmsg: send quota exceeded, hint: \[h\]\)$/,
    );
    expect(error.meaning).not.toContain('hint');
  });
});
