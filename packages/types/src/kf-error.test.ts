import { describe, expect, it } from 'vitest';
import { isKfError, KfError } from './kf-error.js';

describe('KfError', () => {
  it('serialises to its name and message, never its cause', () => {
    class KfExampleError extends KfError {}
    const error = new KfExampleError('refused', { cause: new Error('access_token=SECRET') });
    expect(error.toJSON()).toEqual({ name: 'KfExampleError', message: 'refused' });
    expect(JSON.stringify(error)).not.toContain('SECRET');
  });

  it("serialises a subclass's own fields, a nested kf error by its toJSON, and leaves out foreign errors", () => {
    class KfInnerError extends KfError {
      readonly code = 7;
    }
    class KfOuterError extends KfError {
      readonly endpoint = 'sendMsg';
      readonly issues = [{ path: ['a'], message: 'bad' }];
      readonly missing: string | undefined = undefined;
      readonly inner = new KfInnerError('inner', { cause: new Error('corpsecret=SECRET') });
      readonly foreign = new Error('access_token=SECRET');
    }
    const error = new KfOuterError('outer', { cause: new Error('SECRET') });
    expect(error.toJSON()).toEqual({
      name: 'KfOuterError',
      message: 'outer',
      endpoint: 'sendMsg',
      issues: [{ path: ['a'], message: 'bad' }],
      inner: { name: 'KfInnerError', message: 'inner', code: 7 },
    });
    expect(Object.keys(error.toJSON())).not.toContain('missing');
    expect(JSON.stringify(error)).not.toContain('SECRET');
  });

  it('is recognised by its brand', () => {
    expect(isKfError(new KfError('x'))).toBe(true);
    expect(isKfError(new Error('x'))).toBe(false);
  });
});
