import type { KfEndpointName } from '@kf/types';
import { KfEndpoints } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import { KfMockError } from '../../errors.js';
import type { KfMockFaultOptions, KfMockScenario } from '../../scenario.js';
import type { FaultAction } from '../faults.js';
import { DEFAULT_HOLD_MS, MAX_HOLD_MS, releaseHeld } from '../holds.js';
import { integerOption } from '../integer-option.js';
import { revokeTokens } from '../tokens.js';
import type { World } from '../world.js';

type FaultSteps = Pick<
  KfMockScenario,
  | 'failNext'
  | 'systemBusy'
  | 'rateLimit'
  | 'dropNext'
  | 'loseResponseNext'
  | 'delayNext'
  | 'holdNext'
  | 'releaseHeld'
  | 'revokeTokens'
  | 'clearFaults'
>;

/** The steps that inject faults into the next calls. */
export function faultSteps(world: World): FaultSteps {
  const add = (
    endpoint: KfEndpointName | '*',
    action: FaultAction,
    options: KfMockFaultOptions = {},
  ): void => {
    if (endpoint !== '*' && !Object.hasOwn(KfEndpoints, endpoint)) {
      throw new KfMockError(`unknown endpoint ${String(endpoint)}`);
    }
    const times = options.times ?? 1;
    integerOption('times', times, 1, (message) => new KfMockError(message));
    world.state.faults.push({ endpoint, remaining: times, action });
  };
  return {
    failNext(endpoint, errcode, options) {
      if (!Number.isInteger(errcode) || errcode === 0) {
        throw new KfMockError(`failNext needs a non-zero errcode`);
      }
      add(endpoint, { kind: 'errcode', errcode }, options);
    },
    systemBusy(endpoint, options) {
      add(endpoint, { kind: 'errcode', errcode: -1, errmsg: 'system busy' }, options);
    },
    rateLimit(endpoint, options) {
      add(
        endpoint,
        { kind: 'errcode', errcode: KfErrorCode.ApiRateLimitExceeded, errmsg: 'api freq out of limit' },
        options,
      );
    },
    dropNext(endpoint, options) {
      add(endpoint, { kind: 'drop' }, options);
    },
    loseResponseNext(endpoint, options) {
      add(endpoint, { kind: 'lose-response' }, options);
    },
    delayNext(endpoint, ms, options = {}) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new KfMockError(`delayNext needs a non-negative ms, got ${ms}`);
      }
      add(endpoint, { kind: 'latency', ms, realTime: options.realTime ?? false }, options);
    },
    holdNext(endpoint, options = {}) {
      const maxMs = options.maxMs ?? DEFAULT_HOLD_MS;
      if (!Number.isFinite(maxMs) || maxMs <= 0 || maxMs > MAX_HOLD_MS) {
        throw new KfMockError(`holdNext needs a maxMs in (0, ${MAX_HOLD_MS}], got ${maxMs}`);
      }
      add(endpoint, { kind: 'hold', maxMs }, options);
    },
    releaseHeld(id) {
      return releaseHeld(world.state.held, id);
    },
    revokeTokens() {
      revokeTokens(world);
    },
    clearFaults() {
      world.state.faults.length = 0;
    },
  };
}
