/**
 * `@kf/client/node`: the adapters that need Node's own APIs (`node:http`), apart from the main
 * entry, which speaks only `fetch`, `Request` and `Response` and so runs anywhere (msw keeps
 * `msw/node` apart the same way).
 *
 * @packageDocumentation
 */
export { type KfNodeListenerOptions, toNodeListener } from './callback-node.js';
