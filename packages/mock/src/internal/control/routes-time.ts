import type { KfEndpointName } from '@kf/types';
import { KfMockError } from '../../errors.js';
import type { ControlRoute } from './kit.js';
import { body, clockOf } from './kit.js';
import { Bodies, defined } from './schemas.js';

/** The clock, faults and token revocation. */
export const timeAndFaultRoutes: readonly ControlRoute[] = [
  { method: 'GET', path: '/clock', summary: 'the mock time → { now, iso }', run: (c) => clockOf(c.mock) },
  {
    method: 'POST',
    path: '/clock/advance',
    summary: 'move time forward by ms → { now, iso }',
    run: (c) => {
      c.mock.clock.advance(body(c, Bodies.advance).ms);
      return clockOf(c.mock);
    },
  },
  {
    method: 'POST',
    path: '/clock/set',
    summary: 'jump to a time (ms or ISO 8601, never backwards) → { now, iso }',
    run: (c) => {
      const { time } = body(c, Bodies.setTime);
      c.mock.clock.set(typeof time === 'number' ? time : new Date(time));
      return clockOf(c.mock);
    },
  },
  {
    method: 'POST',
    path: '/faults',
    summary: 'inject a fault into the next calls of an endpoint',
    run: (c) => {
      const { kind, errcode, ms, realTime, ...rest } = body(c, Bodies.fault);
      const endpoint = rest.endpoint as KfEndpointName | '*';
      const times = defined({ times: rest.times });
      const { scenario } = c.mock;
      if (kind === 'fail') {
        if (errcode === undefined) throw new KfMockError('a fail fault needs errcode');
        scenario.failNext(endpoint, errcode, times);
      } else if (kind === 'system-busy') scenario.systemBusy(endpoint, times);
      else if (kind === 'rate-limit') scenario.rateLimit(endpoint, times);
      else if (kind === 'drop') scenario.dropNext(endpoint, times);
      else if (kind === 'lose-response') scenario.loseResponseNext(endpoint, times);
      else if (kind === 'hold') scenario.holdNext(endpoint, defined({ ...times, maxMs: ms }));
      else {
        if (ms === undefined) throw new KfMockError('a delay fault needs ms');
        scenario.delayNext(endpoint, ms, defined({ ...times, realTime }));
      }
    },
  },
  {
    method: 'DELETE',
    path: '/faults',
    summary: 'remove every pending fault',
    run: (c) => c.mock.scenario.clearFaults(),
  },
  {
    method: 'GET',
    path: '/held',
    summary: 'the calls waiting on a hold fault → { held: [{ id, endpoint, method, at, maxMs }] }',
    run: (c) => ({ held: c.mock.world.held() }),
  },
  {
    method: 'POST',
    path: '/held/release',
    summary: 'let the held call id (or every held call) go on → { released }',
    run: (c) => ({ released: c.mock.scenario.releaseHeld(body(c, Bodies.release).id) }),
  },
  {
    method: 'POST',
    path: '/tokens/revoke',
    summary: 'invalidate every access token (40014 until the next gettoken)',
    run: (c) => c.mock.scenario.revokeTokens(),
  },
];
