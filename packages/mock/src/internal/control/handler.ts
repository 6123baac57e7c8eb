import { KfMockCallbackError } from '../../callbacks.js';
import type { KfMock } from '../../create-kf-mock.js';
import { KfMockError } from '../../errors.js';
import { CONTROL_PREFIX, CONTROL_ROUTES } from './routes.js';
import { ControlError } from './validate.js';

function json(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

function failure(status: number, type: string, message: string, headers?: Record<string, string>): Response {
  return json(status, { error: { type, message } }, headers);
}

async function readJson(request: Request): Promise<unknown> {
  const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ControlError(400, 'bad_request', 'the body is not valid JSON');
  }
}

/** Whether `pathname` belongs to the control API. */
export function isControlPath(pathname: string): boolean {
  return pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`);
}

/**
 * Answers a control API request (JSON in, JSON out). Errors are JSON `{ error: { type, message } }`:
 * 400 for a bad body or a scenario step the world refuses, 404 for an unknown route, 405 for a
 * known route called with another method, 422 when the app fails the URL verification.
 */
export async function handleControl(mock: KfMock, url: string, request: Request): Promise<Response> {
  const requestUrl = new URL(request.url);
  const path = requestUrl.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, '');
  const candidates = CONTROL_ROUTES.filter((route) => route.path === path);
  if (candidates.length === 0) {
    return failure(
      404,
      'not_found',
      `no control route ${CONTROL_PREFIX}${path}; GET ${CONTROL_PREFIX} lists them`,
    );
  }
  const route = candidates.find((candidate) => candidate.method === request.method);
  if (route === undefined) {
    const allow = candidates.map((candidate) => candidate.method).join(', ');
    return failure(405, 'method_not_allowed', `${CONTROL_PREFIX}${path} takes ${allow}`, { allow });
  }
  try {
    const body = await readJson(request);
    const result = await route.run({
      mock,
      url,
      body,
      query: requestUrl.searchParams,
      signal: request.signal,
    });
    if (result instanceof Response) return result;
    return json(200, result === undefined ? { ok: true } : result);
  } catch (error) {
    if (error instanceof ControlError) return failure(error.status, error.type, error.message);
    if (error instanceof KfMockCallbackError && route.path === '/callbacks/verify') {
      return failure(422, 'callback_verification_failed', error.message);
    }
    if (error instanceof KfMockError) return failure(400, 'scenario_error', error.message);
    return failure(500, 'internal_error', error instanceof Error ? error.message : String(error));
  }
}
