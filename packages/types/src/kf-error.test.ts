import { describe, expect, it } from 'vitest';
import { isKfError, KfError } from './kf-error.js';

describe('KfError', () => {
  it('serialises to its name and message, never its cause', () => {
    class KfExampleError extends KfError {}
    const error = new KfExampleError('refused', { cause: new Error('access_token=SECRET') });
    expect(error.toJSON()).toEqual({ name: 'KfExampleError', message: 'refused' });
    expect(JSON.stringify(error)).not.toContain('SECRET');
  });

  it('is recognised by its brand', () => {
    expect(isKfError(new KfError('x'))).toBe(true);
    expect(isKfError(new Error('x'))).toBe(false);
  });
});
