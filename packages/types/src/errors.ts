/**
 * `@kf/types/errors`: the error root and the platform's error-code table, without zod, so that
 * packages which only need these (such as `@kf/crypto`) do not load the schemas.
 */
export { isKfError, KfError } from './kf-error.js';
export * from './error-codes.js';
