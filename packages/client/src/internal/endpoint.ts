import {
  KfEndpointFacts,
  type KfEndpointName,
  type KfEndpointRequest,
  type KfEndpointResponse,
  KfEndpoints,
} from '@kf/types';
import type { KfCallOptions } from '../options.js';
import type { CallSpec, Core } from './core.js';

/**
 * Endpoints called with a JSON body or a query and answered with a JSON body: all but those whose
 * request is multipart or whose success body is bytes (read by their resource).
 */
export type JsonEndpointName = {
  [N in KfEndpointName]: (typeof KfEndpoints)[N]['requestIn'] extends 'query+multipart'
    ? never
    : (typeof KfEndpoints)[N]['response'] extends null
      ? never
      : N;
}[KfEndpointName];

/** Adjusts a success body before it is returned (a resource's own post-processing). */
export type ResponseTransform = (body: Record<string, unknown>) => Record<string, unknown>;

/** Query values on the wire: strings, numbers and booleans as their text. */
export function toQuery(fields: object): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    query[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return query;
}

/**
 * The call spec of a table endpoint: path, method and where the request goes from `KfEndpoints`;
 * retry safety, the receipt a success must carry and whether its envelope is always checked from
 * `KfEndpointFacts`.
 *
 * An endpoint that creates something may hide a success behind a lost response: an ambiguous
 * failure is not retried unless the caller sets `retryUnsafe: true` for the call (`maxRetries`
 * alone does not opt in). Every other endpoint reads, sets a value, deletes (a replayed delete may
 * answer "does not exist"; see `KfCallOptions.retryUnsafe`), or is made idempotent by a `msgid`.
 */
export function specOf(name: KfEndpointName, request: object, extra: Partial<CallSpec> = {}): CallSpec {
  const definition = KfEndpoints[name];
  const facts: KfEndpointFacts = KfEndpointFacts[name];
  const receipt = facts.receipt === null ? undefined : (request as Record<string, unknown>)[facts.receipt];
  const base = {
    endpoint: name,
    method: definition.method,
    path: definition.path,
    authenticated: definition.authenticated,
    idempotent: !facts.creates,
    alwaysChecked: facts.alwaysChecked,
    ...(typeof receipt === 'string' ? { msgid: receipt } : {}),
  };
  const placement =
    definition.requestIn === 'body' ? { body: { json: request } } : { query: toQuery(request) };
  return { ...base, ...placement, ...extra };
}

/**
 * Calls a JSON endpoint of the table with its typed request and resolves with its typed response.
 * `transform` is the resource's post-processing of a body that was not validated (validation
 * `'off'`, or `'warn'` after a mismatch).
 */
export function callEndpoint<N extends JsonEndpointName>(
  core: Core,
  name: N,
  request: KfEndpointRequest<N>,
  options: KfCallOptions | undefined,
  transform?: ResponseTransform,
): Promise<KfEndpointResponse<N>> {
  const definition = KfEndpoints[name];
  return core.json<KfEndpointResponse<N>>(specOf(name, request), options, definition.response, transform);
}
