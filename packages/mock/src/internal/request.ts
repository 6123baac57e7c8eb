import { KfErrorCode } from '@kf/types/errors';
import type * as z from 'zod';
import { fail } from './api-failure.js';

/** Query parameters the pipeline consumes itself and never shows to a request schema. */
const RESERVED_QUERY = new Set(['access_token', 'debug']);

/** The query of a GET endpoint as a record of strings, without the reserved parameters. */
export function queryFields(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!RESERVED_QUERY.has(key)) out[key] = value;
  return out;
}

/** A JSON body, and a warning when it was read leniently. */
export interface JsonBody {
  readonly fields: Record<string, unknown>;
  readonly note?: string;
}

/**
 * The JSON body of a POST endpoint. An empty body is `{}` (an endpoint whose fields are all optional
 * may be called without one);
 * anything that is not a JSON object is the platform's 40058 — except, unless `strict`, `null` and
 * `[]`, which SDKs send for "no fields" (a Go nil map marshals to `null`, PHP's empty array
 * `json_encode`s to `[]`, as EasyWeChat's account list does), read as `{}` with a warning.
 */
export async function jsonBody(request: Request, strict: boolean): Promise<JsonBody> {
  const text = await request.text();
  if (text.trim() === '') return { fields: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(KfErrorCode.InvalidRequestParameter, 'invalid json request');
  }
  if (!strict && (value === null || (Array.isArray(value) && value.length === 0))) {
    return { fields: {}, note: `body ${text.trim()} read as {}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(KfErrorCode.InvalidRequestParameter, 'the request body must be a JSON object');
  }
  return { fields: value as Record<string, unknown> };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function attachedErrcode(issue: z.core.$ZodIssue): number | undefined {
  const params = (issue as { params?: { errcode?: unknown } }).params;
  return typeof params?.errcode === 'number' ? params.errcode : undefined;
}

/**
 * The platform's errcode for a rejected request: the code a schema attached to the issue
 * (`params.errcode`, e.g. 95000, 45002, 95008), 40063 (参数为空) when a required value is missing
 * or empty, and 40058 (不合法的参数) for everything else (wrong type, unknown field, over a limit).
 */
export function errcodeOfIssue(issue: z.core.$ZodIssue, input: unknown): number {
  const attached = attachedErrcode(issue);
  if (attached !== undefined) return attached;
  const value = valueAt(input, issue.path);
  if (value === undefined || value === '') return KfErrorCode.EmptyParameter;
  return KfErrorCode.InvalidRequestParameter;
}

/** Parses `input` with a strict request schema, failing with the platform's errcode. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) return fail(KfErrorCode.InvalidRequestParameter);
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return fail(errcodeOfIssue(issue, input), `${where}${issue.message}`);
}
