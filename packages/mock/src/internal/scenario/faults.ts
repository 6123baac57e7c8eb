import type { KfEndpointName } from '@kf/types';
import { KfEndpoints } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import { KfMockError } from '../../errors.js';
import type { KfMockFaultOptions, KfMockScenario } from '../../scenario.js';
import type { FaultAction } from '../faults.js';
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
    revokeTokens() {
      revokeTokens(world);
    },
    clearFaults() {
      world.state.faults.length = 0;
    },
  };
}
