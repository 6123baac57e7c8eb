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
export interface Caller {
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
}

/**
 * A `Caller` over `raw`, with the credentials of `mock()`. gettoken hands out the same token while it
 * is valid, so `call` asks for one every time at no cost.
 */
export function callerOver(raw: Caller['raw'], mock: () => KfMock): Caller {
  const token = async (): Promise<string> => {
    const { corpId, secret: corpSecret } = mock().credentials;
    const body = await json(await raw(`/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`));
    if (typeof body.access_token !== 'string') throw new Error(`gettoken failed: ${JSON.stringify(body)}`);
    return body.access_token;
  };
  const call: Caller['call'] = async (name, fields = {}, options = {}) => {
    const definition = KfEndpoints[name];
    const access = options.token === undefined ? await token() : options.token;
    const query = new URLSearchParams(access === null ? {} : { access_token: access });
    if (definition.method === 'GET') {
      for (const [key, value] of Object.entries(fields)) query.set(key, String(value));
      return json(await raw(`${definition.path}?${query}`));
    }
    return json(
      await raw(`${definition.path}?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fields),
      }),
    );
  };
  return { token, call, raw };
}

/** The mock of the running test, called over `fetch` through MSW. */
export interface Api extends Caller {
  readonly mock: KfMock;
  /** Replaces this test's mock with one made from `options`. */
  recreate(options: KfMockOptions): KfMock;
  /** A new account and customer in this test's mock, set up as `options` says. */
  conversation(options?: ConversationOptions): Ids;
  /** A token of the app whose secret is `secret` (another app of the corp, a third-party app). */
  tokenOf(secret: string): Promise<string>;
}

/** Who a step is about: the two ids of a conversation. */
export type Ids = {
  readonly open_kfid: string;
  readonly external_userid: string;
};

export interface ConversationOptions {
  /** Servicers added to the account (before the customer is created). */
  readonly servicers?: readonly string[];
  /** A text the customer sends once created, which opens the session (state 0). */
  readonly says?: string;
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
  const caller = callerOver((path, init) => fetch(`${mockOf().credentials.baseURL}${path}`, init), mockOf);
  const api: Api = {
    get mock() {
      return mockOf();
    },
    ...caller,
    recreate: install,
    conversation({ servicers = [], says } = {}) {
      // Always in this order (account, servicers, customer, message): the seeded ids depend on it.
      const { scenario } = mockOf();
      const open_kfid = scenario.createAccount();
      for (const userid of servicers) scenario.addServicer(open_kfid, userid);
      const external_userid = scenario.createCustomer();
      if (says !== undefined) scenario.customerSends({ open_kfid, external_userid, message: text(says) });
      return { open_kfid, external_userid };
    },
    async tokenOf(secret) {
      const { corpId } = mockOf().credentials;
      const body = await json(await caller.raw(`/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${secret}`));
      if (typeof body.access_token !== 'string') throw new Error(`gettoken failed: ${JSON.stringify(body)}`);
      return body.access_token;
    },
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
