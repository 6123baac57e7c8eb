/**
 * `@kf/types/errors`: the error root and the platform's error-code tables, without zod, so that
 * packages which only need these (such as `@kf/crypto`) do not load the schemas.
 */
export * from './crypto-error-codes.js';
export * from './error-codes.js';
export { isKfError, KfError } from './kf-error.js';
