/**
 * `@kf/types`: zod schemas and inferred types for the WeCom Customer Service (微信客服) API.
 *
 * Every schema is exported as a value and its inferred type under the same name. Request schemas
 * are strict (what a client sends is typed exactly; a server that must accept what the platform
 * accepts reads them leniently, with the facts of `KfRequestFacts`); responses, received messages,
 * events and callbacks are loose (fields the platform adds later are kept, never rejected).
 */
export * from './account.js';
export * from './callback.js';
export * from './common.js';
export * from './corp.js';
export * from './customer.js';
export * from './endpoint-facts.js';
export * from './endpoints.js';
export * from './errors.js';
export * from './event.js';
export * from './idconvert.js';
export * from './knowledge.js';
export * from './lifetimes.js';
export * from './media.js';
export * from './message.js';
export * from './permissions.js';
export * from './received-message.js';
export * from './request-facts.js';
export * from './send-message.js';
export * from './service-state.js';
export * from './servicer.js';
export * from './statistic.js';
export * from './token.js';
