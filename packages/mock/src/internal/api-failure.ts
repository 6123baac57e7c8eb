import { describeErrorCode, KfError } from '@kf/types/errors';

/**
 * A platform error raised inside a handler and answered on the wire as `{ errcode, errmsg }`.
 * Internal: it never leaves the mock as an exception.
 */
export class ApiFailure extends KfError {
  readonly errcode: number;

  constructor(errcode: number, detail?: string) {
    super(detail ?? describeErrorCode(errcode)?.en ?? `error ${errcode}`);
    this.errcode = errcode;
  }
}

/** Shorthand for `throw new ApiFailure(...)` in expression position. */
export function fail(errcode: number, detail?: string): never {
  throw new ApiFailure(errcode, detail);
}
