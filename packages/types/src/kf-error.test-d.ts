import { describe, expectTypeOf, it } from 'vitest';
import { isKfError, KfError } from './kf-error.js';

describe('KfError types', () => {
  it('has toJSON on the root, so a narrowed unknown error can be logged', () => {
    const e: unknown = new KfError('boom');
    if (isKfError(e)) {
      expectTypeOf(e.toJSON()).toEqualTypeOf<Record<string, unknown>>();
    }
  });
});
