/**
 * `@kf/mock`: a stateful emulator of the WeCom Customer Service (微信客服) API for tests, served
 * through MSW handlers.
 *
 * @packageDocumentation
 */
export {
  type KfMockAppCallbackDelivery,
  type KfMockAuthChangeNotification,
  type KfMockCallbackAnswer,
  type KfMockCallbackAttempt,
  type KfMockCallbackConfig,
  type KfMockCallbackDelivery,
  KfMockCallbackError,
  type KfMockCallbackListener,
  type KfMockCallbackNotification,
  type KfMockCallbacks,
  type KfMockUrlVerification,
} from './callbacks.js';
export {
  createManualClock,
  createWallClock,
  DAY,
  HOUR,
  type KfMockClock,
  MINUTE,
  SECOND,
} from './clock.js';
export { createKfMock, type KfMock, type KfMockCredentials } from './create-kf-mock.js';
export { KfMockError } from './errors.js';
export { DEFAULT_BEHAVIOUR, type KfMockBehaviour, type KfMockLogger, type KfMockOptions } from './options.js';
export type {
  KfMockConversation,
  KfMockEnterResult,
  KfMockEnterSession,
  KfMockFaultOptions,
  KfMockMessageContent,
  KfMockScenario,
  KfMockServicerStatus,
  KfMockSurveyAnswer,
  KfMockVisibleRange,
} from './scenario.js';
export type {
  KfMockAccount,
  KfMockCall,
  KfMockCustomer,
  KfMockMedia,
  KfMockSentMessage,
  KfMockSession,
  KfMockSessionEntry,
  KfMockWorld,
} from './world-view.js';
