import { watcherOf } from '../console/watch.js';
import type { ControlRoute } from './kit.js';
import { clockOf } from './kit.js';
import { callbackRoutes } from './routes-callbacks.js';
import { eventRoutes } from './routes-events.js';
import { inspectionRoutes } from './routes-inspection.js';
import { scenarioRoutes } from './routes-scenario.js';
import { timeAndFaultRoutes } from './routes-time.js';
import { applySetup } from './setup.js';

export type { ControlContext, ControlRoute } from './kit.js';

/** Every route of the control API, in the order the README documents them. */
export const CONTROL_ROUTES: readonly ControlRoute[] = [
  {
    method: 'GET',
    path: '',
    summary: 'credentials, clock and the list of routes',
    run: (c) => ({
      url: c.url,
      credentials: c.mock.credentials,
      clock: clockOf(c.mock),
      routes: CONTROL_ROUTES.map((route) => ({
        method: route.method,
        path: `${CONTROL_PREFIX}${route.path}`,
        summary: route.summary,
      })),
    }),
  },
  {
    method: 'POST',
    path: '/reset',
    summary: 'forget everything (callback configuration stays)',
    run: (c) => {
      c.mock.reset();
      watcherOf(c.mock).noteReset();
    },
  },
  {
    method: 'POST',
    path: '/setup',
    summary: 'create members, accounts, customers, callback config (the seed-file shape)',
    run: (c) => applySetup(c.mock, c.body),
  },
  ...scenarioRoutes,
  ...timeAndFaultRoutes,
  ...inspectionRoutes,
  ...callbackRoutes,
  ...eventRoutes,
];

/** The reserved path prefix of the control API. */
export const CONTROL_PREFIX = '/__kf_mock';
