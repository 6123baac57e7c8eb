import { KfError } from '@kf/types/errors';

/**
 * Thrown by the mock's own API (options, scenario, clock) when it is used wrongly, e.g. a scenario
 * step names an account that does not exist. Platform errors never throw: they are answered on the
 * wire with the platform's `errcode`.
 */
export class KfMockError extends KfError {}
