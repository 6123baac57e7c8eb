import type * as z from 'zod';
import type { KfMock } from '../../create-kf-mock.js';
import { ControlError, parseBody } from './validate.js';

/** What a control route gets. */
export interface ControlContext {
  readonly mock: KfMock;
  /** The server's URL, as clients reach the API. */
  readonly url: string;
  /** The parsed JSON body (`{}` when there was none). */
  readonly body: unknown;
  readonly query: URLSearchParams;
  /** Aborted when the client goes away (ends a stream such as `/events`). */
  readonly signal: AbortSignal;
}

/** One route of the control API. */
export interface ControlRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path after the prefix, e.g. `/customer/send`. */
  readonly path: string;
  readonly summary: string;
  /** The JSON answer, or a ready `Response` (a stream). */
  run(context: ControlContext): unknown;
}

/** A query parameter that must be present and non-empty (400 otherwise). */
export function required(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (value === null || value === '') throw new ControlError(400, 'bad_request', `the query needs ${name}`);
  return value;
}

/** The mock time as `{ now, iso }`. */
export function clockOf(mock: KfMock): { now: number; iso: string } {
  const now = mock.clock.now();
  return { now, iso: new Date(now).toISOString() };
}

/** The request body parsed with `schema` (400 with the first issue otherwise). */
export function body<S extends z.ZodType>(context: ControlContext, schema: S): z.output<S> {
  return parseBody(schema, context.body, 'body');
}
