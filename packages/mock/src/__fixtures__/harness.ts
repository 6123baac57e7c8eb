import type { KfEndpointName } from '@kf/types';
import { KfEndpoints } from '@kf/types';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { KfMock } from '../create-kf-mock.js';
import { createKfMock } from '../create-kf-mock.js';
import type { KfMockOptions } from '../options.js';

/** Where the mock clock of these tests starts: 2024-01-01T00:00:00Z (08:00 in UTC+8). */
export const TEST_START = Date.UTC(2024, 0, 1);

/** A JSON answer of the mock. */
export type Json = Record<string, unknown> & { errcode: number; errmsg: string };

/** Calls the mock over `fetch`, as any consumer would. */
export interface Api {
  readonly mock: KfMock;
  /** A fresh access token from `gettoken`. */
  token(): Promise<string>;
  /** Calls an endpoint by its `KfEndpoints` name with its documented method (body or query). */
  call(
    name: KfEndpointName,
    fields?: Record<string, unknown>,
    options?: { token?: string | null },
  ): Promise<Json>;
  /** A raw request to `path` (relative to the base URL). */
  raw(path: string, init?: RequestInit): Promise<Response>;
  /** Replaces this test's mock with one made from `options`. */
  recreate(options: KfMockOptions): KfMock;
}

/**
 * One MSW server per test file and a fresh mock per test: `server.resetHandlers` swaps the mock in,
 * so tests never share state.
 */
export function useKfMock(options: KfMockOptions | (() => KfMockOptions) = {}): Api {
  const server = setupServer();
  let current: KfMock | undefined;
  const install = (mockOptions: KfMockOptions): KfMock => {
    // A fixed start, so times, statistics days and ciphertexts are the same on every run.
    const mock = createKfMock({ startTime: TEST_START, ...mockOptions });
    current = mock;
    server.resetHandlers(...mock.handlers);
    return mock;
  };
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    install(typeof options === 'function' ? options() : options);
  });
  afterAll(() => server.close());

  const mockOf = (): KfMock => {
    if (current === undefined) throw new Error('the mock exists inside tests only');
    return current;
  };
  const raw = (path: string, init?: RequestInit): Promise<Response> =>
    fetch(`${mockOf().credentials.baseURL}${path}`, init);
  const api: Api = {
    get mock() {
      return mockOf();
    },
    async token() {
      const { corpId, secret: corpSecret } = mockOf().credentials;
      const response = await raw(`/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`);
      const body = (await response.json()) as Json;
      if (typeof body.access_token !== 'string') throw new Error(`gettoken failed: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    async call(name, fields = {}, callOptions = {}) {
      const definition = KfEndpoints[name];
      // gettoken hands out the same token while it is valid, so asking every time costs nothing.
      const token = callOptions.token === undefined ? await api.token() : callOptions.token;
      const query = new URLSearchParams(token === null ? {} : { access_token: token });
      if (definition.method === 'GET') {
        for (const [key, value] of Object.entries(fields)) query.set(key, String(value));
        const response = await raw(`${definition.path}?${query}`);
        return (await response.json()) as Json;
      }
      const response = await raw(`${definition.path}?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fields),
      });
      return (await response.json()) as Json;
    },
    raw,
    recreate: install,
  };
  return api;
}

/** Text content of a message, for `send_msg` and scenario steps. */
export function text(content: string): { msgtype: 'text'; text: { content: string } } {
  return { msgtype: 'text', text: { content } };
}

/** The JSON body of a response (the platform answers JSON for every error). */
export async function json(response: Response): Promise<Json> {
  return (await response.json()) as Json;
}
