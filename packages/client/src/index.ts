/**
 * `@kf/client`: the client of the WeCom Customer Service API (企业微信「微信客服」) — every endpoint
 * with typed requests and responses, cached and single-flight access tokens, typed errors, safe
 * retries, paging iterators, media upload/download, the callback URL handler, and the message
 * consumer (callback → sync_msg → your handler).
 *
 * @packageDocumentation
 */
export {
  createCallbackHandler,
  DEFAULT_CALLBACK_MAX_BODY_BYTES,
  type KfCallbackContext,
  type KfCallbackHandler,
  type KfCallbackHandlerOptions,
} from './callback.js';

import {
  type KfNodeListenerOptions as NodeListenerOptions,
  toNodeListener as nodeListener,
} from './callback-node.js';

/**
 * @deprecated Import it from `@kf/client/node` (the Node-only entry); this export is kept until
 * the next minor release.
 */
export const toNodeListener: typeof nodeListener = nodeListener;
/**
 * @deprecated Import it from `@kf/client/node` (the Node-only entry); this export is kept until
 * the next minor release.
 */
export type KfNodeListenerOptions = NodeListenerOptions;
export { KfClient, type KfRawRequest } from './client.js';
export {
  KfConsumer,
  type KfConsumerContext,
  type KfConsumerOptions,
  type KfMessageHandler,
  type KfSyncMsgSource,
} from './consumer.js';
export { createKfApiError, type KfApiErrorInput } from './create-api-error.js';
export { type CursorStore, InMemoryCursorStore } from './cursor-store.js';
export { type DedupStore, InMemoryDedupStore } from './dedup-store.js';
export {
  formatIssues,
  isKfError,
  KfAbortError,
  KfApiError,
  type KfApiErrorInit,
  KfAuthenticationError,
  KfBusinessRuleError,
  KfCallbackError,
  type KfCallbackFailure,
  KfConfigurationError,
  type KfConfigurationErrorInit,
  KfConnectionError,
  KfConsumerError,
  type KfConsumerFailure,
  type KfCredential,
  KfError,
  type KfErrorCause,
  KfInvalidArgumentError,
  KfInvalidOptionsError,
  type KfInvalidOptionsErrorInit,
  KfInvalidRequestError,
  KfMediaCheckError,
  KfPermissionError,
  KfPlatformBusyError,
  KfRangeNotSatisfiableError,
  KfRateLimitError,
  KfRedirectError,
  KfRequestBuildError,
  KfResponseTooLargeError,
  KfResponseValidationError,
  KfSendOutcomeUnknownError,
  KfTimeoutError,
  KfTokenStoreError,
  type KfTokenStoreOperation,
  type KfValidationIssue,
  parseErrmsgHint,
} from './errors.js';
export type { KfHooks, KfRequestEvent, KfResponseEvent } from './hooks.js';
export {
  InMemoryLeaseStore,
  type KfLeaseGrant,
  type KfLeaseRelease,
  type KfLeftToken,
  type LeaseStore,
} from './lease-store.js';
export type { KfLogger, KfLogLevel } from './logger.js';
export type { KfCallOptions, KfClientOptions, KfValidationMode } from './options.js';
export type { AccountResource } from './resources/account.js';
export type { CustomerResource } from './resources/customer.js';
export type { IdconvertResource } from './resources/idconvert.js';
export type { KnowledgeResource } from './resources/knowledge.js';
export type {
  KfByteRange,
  KfMediaFile,
  KfMediaGetOptions,
  KfMediaInfo,
  KfMediaStream,
  KfMediaUpload,
  MediaResource,
} from './resources/media.js';
export { generateMsgid } from './resources/message.js';
export type { ServiceStateResource } from './resources/service-state.js';
export type { ServicerResource } from './resources/servicer.js';
export { InMemoryTokenStore, type KfStoredToken, type TokenStore } from './token-store.js';
