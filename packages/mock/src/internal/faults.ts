import type { KfEndpointName } from '@kf/types';

/** What an injected fault does to a call. */
export type FaultAction =
  | { readonly kind: 'errcode'; readonly errcode: number; readonly errmsg?: string }
  | { readonly kind: 'drop' }
  /** The call is handled and its changes kept, then the answer is lost (a network error). */
  | { readonly kind: 'lose-response' }
  | { readonly kind: 'latency'; readonly ms: number; readonly realTime: boolean }
  /** The call waits until released (`releaseHeld`) or for `maxMs` of real time, then goes on. */
  | { readonly kind: 'hold'; readonly maxMs: number };

/** A fault waiting for the next `remaining` calls to `endpoint` (`'*'`: any endpoint). */
export interface FaultState {
  readonly endpoint: KfEndpointName | '*';
  remaining: number;
  readonly action: FaultAction;
}

/**
 * Takes the faults that apply to this call, oldest first, and consumes one use of each. At most
 * one wait (a latency or a hold) and one failure apply to a call, so "delay then fail" can be
 * combined.
 */
export function takeFaults(faults: FaultState[], endpoint: KfEndpointName): FaultAction[] {
  const taken: FaultAction[] = [];
  let latency = false;
  let failure = false;
  for (const fault of faults) {
    if (fault.remaining <= 0 || (fault.endpoint !== '*' && fault.endpoint !== endpoint)) continue;
    const isLatency = fault.action.kind === 'latency' || fault.action.kind === 'hold';
    if (isLatency ? latency : failure) continue;
    if (isLatency) latency = true;
    else failure = true;
    fault.remaining--;
    taken.push(fault.action);
  }
  for (let i = faults.length - 1; i >= 0; i--) {
    if ((faults[i]?.remaining ?? 0) <= 0) faults.splice(i, 1);
  }
  return taken;
}
