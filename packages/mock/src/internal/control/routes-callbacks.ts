import type { ControlRoute } from './kit.js';
import { CallbackConfigBody, defined } from './schemas.js';
import { parseBody } from './validate.js';

/** Callback configuration, URL verification and delivery records. */
export const callbackRoutes: readonly ControlRoute[] = [
  {
    method: 'GET',
    path: '/callbacks',
    summary: 'the callback configuration → { config }',
    run: (c) => ({ config: c.mock.callbacks.config() ?? null }),
  },
  {
    method: 'PUT',
    path: '/callbacks',
    summary: 'set the callback URL, Token and EncodingAESKey',
    run: (c) => c.mock.callbacks.configure(defined(parseBody(CallbackConfigBody, c.body, 'body'))),
  },
  {
    method: 'DELETE',
    path: '/callbacks',
    summary: 'stop pushing callbacks',
    run: (c) => c.mock.callbacks.configure(null),
  },
  {
    method: 'POST',
    path: '/callbacks/verify',
    summary: 'run the URL verification GET against the app → { verified, url, echo } (422 when it fails)',
    run: async (c) => ({ verified: true, ...(await c.mock.callbacks.verifyUrl()) }),
  },
  {
    method: 'GET',
    path: '/callbacks/deliveries',
    summary: 'every callback delivery and its attempts',
    run: (c) => ({ deliveries: c.mock.callbacks.deliveries() }),
  },
  {
    method: 'GET',
    path: '/callbacks/app-deliveries',
    summary: "every kf_account_auth_change delivery to a third-party app's own URL",
    run: (c) => ({ deliveries: c.mock.callbacks.appDeliveries() }),
  },
  {
    method: 'POST',
    path: '/callbacks/flush',
    summary: 'wait until pending deliveries finished → { deliveries }',
    run: async (c) => {
      await c.mock.callbacks.flush();
      return { deliveries: c.mock.callbacks.deliveries() };
    },
  },
];
