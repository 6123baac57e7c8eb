import { KfMockError } from '../../errors.js';
import { ApiFailure } from '../api-failure.js';

/** Runs a scenario step; a platform rule it breaks becomes a `KfMockError` naming the step. */
export function guard<T>(step: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ApiFailure) {
      throw new KfMockError(`${step}: ${error.message} (errcode ${error.errcode})`, { cause: error });
    }
    throw error;
  }
}
