import { KfError as TypesKfError } from '@kf/types/errors';
import { describe, expect, it } from 'vitest';
import { createKfApiError } from './create-api-error.js';
import {
  isKfError,
  KfAbortError,
  KfApiError,
  KfAuthenticationError,
  KfBusinessRuleError,
  KfCallbackError,
  KfConfigurationError,
  KfConnectionError,
  KfConsumerError,
  KfError,
  KfInvalidArgumentError,
  KfInvalidOptionsError,
  KfInvalidRequestError,
  KfPermissionError,
  KfPlatformBusyError,
  KfRangeNotSatisfiableError,
  KfRateLimitError,
  KfRequestBuildError,
  KfSendOutcomeUnknownError,
  KfTimeoutError,
  KfTokenStoreError,
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

describe('createKfApiError (the public factory)', () => {
  it('builds from an errcode the same class and table fields the client throws', () => {
    for (const code of [-1, 40014, 40001, 45009, 40058, 95001, 48002, 95099, 123456]) {
      const built = createKfApiError({ errcode: code, errmsg: 'some errmsg', endpoint: 'sendMsg' });
      const thrown = createApiError(init(code));
      expect(built.constructor).toBe(thrown.constructor);
      expect(built.toJSON()).toEqual(thrown.toJSON());
    }
  });

  it('takes a bare errcode and fills errmsg from the table, said once in the message', () => {
    const error = createKfApiError(95001);
    expect(error).toBeInstanceOf(KfBusinessRuleError);
    expect(error.endpoint).toBe('request');
    expect(error.errmsg).toBe(error.meaning);
    expect(error.message.split(error.meaning)).toHaveLength(2);
    expect(createKfApiError(123456).errmsg).toBe('errcode 123456');
  });

  it('takes a platform body with extra fields, and the call details', () => {
    const body = { errcode: 45009, errmsg: 'api freq out of limit', extra: 1 };
    const error = createKfApiError({ ...body, endpoint: 'syncMsg', status: 200 });
    expect(error).toBeInstanceOf(KfRateLimitError);
    expect(error).toMatchObject({ errcode: 45009, endpoint: 'syncMsg', status: 200, retryable: true });
  });

  it('redacts credentials in the url and the errmsg', () => {
    const error = createKfApiError({
      errcode: 40014,
      errmsg: 'invalid token for https://x/y?access_token=SECRET_TOKEN',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/kf/account/list?access_token=SECRET_TOKEN',
    });
    expect(JSON.stringify(error.toJSON())).not.toContain('SECRET_TOKEN');
    expect(error.message).not.toContain('SECRET_TOKEN');
    expect(error.url).toContain('access_token=[REDACTED]');
  });

  it.each([0, 1.5, Number.NaN])('refuses errcode %s with KfInvalidArgumentError', (errcode) => {
    expect(() => createKfApiError({ errcode })).toThrow(KfInvalidArgumentError);
  });
});

describe('toJSON (one, on the root)', () => {
  it('no class declares its own', () => {
    const classes = [
      KfApiError,
      KfConfigurationError,
      KfTokenStoreError,
      KfConnectionError,
      KfTimeoutError,
      KfAbortError,
      KfInvalidOptionsError,
      KfInvalidArgumentError,
      KfRequestBuildError,
      KfRangeNotSatisfiableError,
      KfSendOutcomeUnknownError,
      KfCallbackError,
      KfConsumerError,
    ];
    for (const cls of classes) expect(Object.hasOwn(cls.prototype, 'toJSON')).toBe(false);
  });

  it('serialises the declared fields of each class and never the cause', () => {
    const secret = 'SECRET_VALUE_123';
    const store = new KfTokenStoreError({
      operation: 'get',
      cause: new Error(`redis down; token ${secret}`),
      secrets: [secret],
    });
    expect(store.toJSON()).toEqual({ name: 'KfTokenStoreError', message: store.message, operation: 'get' });
    expect(store.cause).toEqual({ name: 'Error', message: 'redis down; token [REDACTED]' });

    const timeout = new KfTimeoutError({ endpoint: 'sendMsg', url: 'http://x/y', timeout: 5 });
    expect(timeout.toJSON()).toEqual({
      name: 'KfTimeoutError',
      message: 'sendMsg timed out after 5 ms',
      endpoint: 'sendMsg',
      url: 'http://x/y',
      timeout: 5,
    });

    const range = new KfRangeNotSatisfiableError({ range: { start: 10 }, total: 4 });
    expect(range.toJSON()).toEqual({
      name: 'KfRangeNotSatisfiableError',
      message: range.message,
      issues: [{ path: ['range'], message: 'bytes=10- is not satisfiable: the file has 4 bytes (HTTP 416)' }],
      range: { start: 10, end: undefined },
      total: 4,
    });

    const consumer = new KfConsumerError({
      reason: 'handler',
      message: 'gave up',
      open_kfid: 'wk1',
      cause: new Error(secret),
    });
    expect(consumer.toJSON()).toEqual({
      name: 'KfConsumerError',
      message: 'gave up',
      reason: 'handler',
      open_kfid: 'wk1',
      attempts: 0,
    });
    expect(JSON.stringify(consumer)).not.toContain(secret);
  });

  it('serialises a nested kf error by its own toJSON', () => {
    const retryError = createApiError(init(95099, 'msgid duplicated'));
    const firstFailure = new KfConnectionError({ message: 'sendMsg: request failed', endpoint: 'sendMsg' });
    const error = new KfSendOutcomeUnknownError({
      endpoint: 'sendMsg',
      msgid: 'm1',
      firstFailure,
      retryError,
    });
    expect(error.cause).toBe(retryError);
    expect(error.toJSON()).toMatchObject({
      msgid: 'm1',
      firstFailure: { name: 'KfConnectionError', endpoint: 'sendMsg' },
      retryError: { name: 'KfBusinessRuleError', errcode: 95099 },
    });
    expect(Object.keys(error.toJSON())).not.toContain('cause');
  });
});

describe('what an options error is', () => {
  it('names arguments, ranges and fetch refusals apart, still instanceof KfInvalidOptionsError for a release', () => {
    const argument = new KfInvalidArgumentError({
      issues: [{ path: ['x'], message: 'bad' }],
      subject: 'f arguments',
    });
    const build = new KfRequestBuildError({
      endpoint: 'account.list',
      cause: { name: 'TypeError', message: 'bad header' },
    });
    const range = new KfRangeNotSatisfiableError({ range: { start: 1, end: 2 } });
    for (const error of [argument, build, range]) expect(error).toBeInstanceOf(KfInvalidOptionsError);
    expect(range).toBeInstanceOf(KfInvalidArgumentError);
    expect(build).not.toBeInstanceOf(KfInvalidArgumentError);
    expect(argument.message).toBe('invalid f arguments: x: bad');
    expect(build.message).toBe(
      'invalid account.list request: (root): fetch refused to build the request: bad header',
    );
    expect(build.toJSON()).toMatchObject({ name: 'KfRequestBuildError', endpoint: 'account.list' });
    expect(new KfInvalidOptionsError({ issues: [{ path: ['timeout'], message: 'too small' }] }).message).toBe(
      'invalid KfClient options: timeout: too small',
    );
  });
});
