import type { HttpHandler } from 'msw';
import type { KfMockCallbacks } from './callbacks.js';
import type { KfMockClock } from './clock.js';
import { accountHandlers } from './handlers/account.js';
import { corpHandlers } from './handlers/corp.js';
import { customerHandlers } from './handlers/customer.js';
import { idconvertHandlers } from './handlers/idconvert.js';
import { knowledgeHandlers } from './handlers/knowledge.js';
import { mediaHandlers } from './handlers/media.js';
import { messageHandlers } from './handlers/message.js';
import { serviceStateHandlers } from './handlers/service-state.js';
import { servicerHandlers } from './handlers/servicer.js';
import { statisticHandlers } from './handlers/statistic.js';
import { tokenHandlers } from './handlers/token.js';
import { createCallbacks } from './internal/callbacks/delivery.js';
import { bypassingFetch } from './internal/callbacks/http.js';
import { createScenario } from './internal/scenario/index.js';
import { createWorld } from './internal/world.js';
import type { KfMockBehaviour, KfMockOptions } from './options.js';
import { resolveOptions } from './options.js';
import type { KfMockScenario } from './scenario.js';
import type { KfMockWorld } from './world-view.js';
import { createWorldView } from './world-view.js';

/**
 * What an app needs to call the mock: the corp id and secret `gettoken` accepts, and where to call.
 * Exactly the shape of `KfClientOptions` of `@kf/client` (`corpId`, `secret`, `baseURL`, no other
 * key), so `new KfClient(mock.credentials)` works; `@kf/mock` does not depend on the client.
 */
export interface KfMockCredentials {
  /** 企业ID (corpid). */
  readonly corpId: string;
  /** The app secret (corpsecret), the mock's `secret` option. */
  readonly secret: string;
  /** The origin the handlers intercept, e.g. `https://qyapi.weixin.qq.com` (the mock's `baseURL` option). */
  readonly baseURL: string;
}

/** A stateful emulator of the kf API. */
export interface KfMock {
  /** MSW request handlers: `setupServer(...mock.handlers)` in Node, `setupWorker(...)` in a browser. */
  readonly handlers: readonly HttpHandler[];
  /** The credentials `gettoken` accepts and the base URL. */
  readonly credentials: KfMockCredentials;
  /** A read-only view of the state. */
  readonly world: KfMockWorld;
  /** Drives the world: customers, servicers, faults. */
  readonly scenario: KfMockScenario;
  /** The mock's clock; `clock.advance(ms)` moves time for every rule. */
  readonly clock: KfMockClock;
  /** The behaviour choices in effect (defaults merged with `options.behaviour`). */
  readonly behaviour: Readonly<KfMockBehaviour>;
  /**
   * Whether requests are checked strictly (`strictRequests`); `false` (the default) reads them as
   * the platform does and records each leniency in `world.calls()`.
   */
  readonly strictRequests: boolean;
  /** Callback delivery: configuration, in-process listeners, URL verification, delivery records. */
  readonly callbacks: KfMockCallbacks;
  /**
   * Forgets everything (accounts, customers, tokens, faults, delivery records) and re-seeds ids;
   * time goes on, and the callback configuration and listeners stay.
   */
  reset(): void;
}

/**
 * Creates a mock of the kf API. Each call has its own world: several mocks can coexist.
 *
 * @example
 * ```ts
 * const mock = createKfMock();
 * const server = setupServer(...mock.handlers);
 * server.listen();
 * const open_kfid = mock.scenario.createAccount({ name: '客服' });
 * ```
 */
export function createKfMock(options: KfMockOptions = {}): KfMock {
  const resolved = resolveOptions(options);
  const world = createWorld(resolved);
  const callbacks = createCallbacks(world, {
    ...(options.callback === undefined ? {} : { config: options.callback }),
    ...(options.onCallback === undefined ? {} : { onCallback: options.onCallback }),
    fetch: options.fetch ?? bypassingFetch,
  });
  const handlers = [
    ...tokenHandlers(world),
    ...accountHandlers(world),
    ...servicerHandlers(world),
    ...serviceStateHandlers(world),
    ...messageHandlers(world),
    ...customerHandlers(world),
    ...corpHandlers(world),
    ...statisticHandlers(world),
    ...knowledgeHandlers(world),
    ...mediaHandlers(world),
    ...idconvertHandlers(world),
  ];
  return {
    handlers,
    credentials: Object.freeze({
      corpId: resolved.corpId,
      secret: resolved.secret,
      baseURL: resolved.baseURL,
    }),
    world: createWorldView(world),
    scenario: createScenario(world),
    clock: world.clock,
    behaviour: Object.freeze({ ...resolved.behaviour }),
    strictRequests: resolved.strictRequests,
    callbacks: {
      configure: callbacks.configure,
      config: callbacks.config,
      onCallback: callbacks.onCallback,
      verifyUrl: callbacks.verifyUrl,
      flush: callbacks.flush,
      deliveries: callbacks.deliveries,
      appDeliveries: callbacks.appDeliveries,
    },
    reset() {
      world.reset();
      callbacks.reset();
    },
  };
}
