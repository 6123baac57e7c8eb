import { type KfEndpointName, type KfEndpointRequest, type KfEndpointResponse, KfEndpoints } from '@kf/types';
import type { KfCallOptions } from '../options.js';
import { type CallSpec, type Core, normalizeSyncMsg } from './core.js';

/** Endpoints with a JSON success body (all but `media/upload`'s multipart and `media/get`'s bytes). */
export type JsonEndpointName = Exclude<KfEndpointName, 'media.upload' | 'media.get'>;

/**
 * Endpoints that create something, so a lost response may hide a success: an ambiguous failure is
 * not retried unless the caller sets `retryUnsafe: true` for the call (`maxRetries` alone does not
 * opt in). Every other endpoint reads, sets a value, deletes (a replayed delete may answer "does
 * not exist"; see `KfCallOptions.retryUnsafe`), or is made idempotent by a `msgid` (sends).
 */
const CREATING: ReadonlySet<KfEndpointName> = new Set<KfEndpointName>([
  'account.add',
  'knowledge.addGroup',
  'knowledge.addIntent',
  'serviceState.trans',
]);

/** Query values on the wire: strings, numbers and booleans as their text. */
export function toQuery(fields: object): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    query[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return query;
}

/** The call spec of a table endpoint: path, method and where the request goes, all from `KfEndpoints`. */
export function specOf(name: KfEndpointName, request: object, extra: Partial<CallSpec> = {}): CallSpec {
  const definition = KfEndpoints[name];
  const base = {
    endpoint: name,
    method: definition.method,
    path: definition.path,
    authenticated: definition.authenticated,
    idempotent: !CREATING.has(name),
  };
  const placement =
    definition.requestIn === 'body' ? { body: { json: request } } : { query: toQuery(request) };
  return { ...base, ...placement, ...extra };
}

/** Calls a JSON endpoint of the table with its typed request and resolves with its typed response. */
export function callEndpoint<N extends JsonEndpointName>(
  core: Core,
  name: N,
  request: KfEndpointRequest<N>,
  options: KfCallOptions | undefined,
  extra: Partial<CallSpec> = {},
): Promise<KfEndpointResponse<N>> {
  const definition = KfEndpoints[name];
  return core.json<KfEndpointResponse<N>>(
    specOf(name, request, extra),
    options,
    definition.response,
    name === 'syncMsg' ? normalizeSyncMsg : undefined,
  );
}
