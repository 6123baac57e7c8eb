import type { KfEndpointName } from '@kf/types';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { KfMock } from '../create-kf-mock.js';
import { createKfMock } from '../create-kf-mock.js';
import type { KfMockServer } from '../server.js';
import { start } from '../server.js';
import { type Caller, callerOver, type Ids } from './harness.js';

export type { Ids };

/** The scenario steps the behaviour suite needs, in-process or through the control API. */
export interface Driver {
  createAccount(): Promise<string>;
  addServicer(open_kfid: string, userid: string): Promise<void>;
  createCustomer(): Promise<string>;
  createMedia(type: 'image' | 'file', text: string): Promise<string>;
  customerSends(ids: Ids, content: string): Promise<string>;
  servicerTakesFromPool(ids: Ids, servicer_userid: string): Promise<string>;
  advance(ms: number): Promise<void>;
  dropNext(endpoint: KfEndpointName): Promise<void>;
  loseResponseNext(endpoint: KfEndpointName): Promise<void>;
  callbackToken(open_kfid: string): Promise<string | undefined>;
  sent(ids: Ids): Promise<readonly unknown[]>;
}

/** A transport: how the suite reaches the mock. */
export interface Transport extends Caller {
  readonly drive: Driver;
}

/** The mock in-process: MSW intercepts `fetch`; steps call the scenario API directly. */
export function inProcess(): Transport {
  const server = setupServer();
  let mock: KfMock | undefined;
  const current = (): KfMock => {
    if (mock === undefined) throw new Error('inside tests only');
    return mock;
  };
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    mock = createKfMock();
    server.resetHandlers(...mock.handlers);
  });
  afterAll(() => server.close());
  const drive: Driver = {
    createAccount: async () => current().scenario.createAccount(),
    addServicer: async (open_kfid, userid) => current().scenario.addServicer(open_kfid, userid),
    createCustomer: async () => current().scenario.createCustomer(),
    createMedia: async (type, bytes) => current().scenario.createMedia({ type, bytes }),
    customerSends: async (ids, content) =>
      current().scenario.customerSends({ ...ids, message: { msgtype: 'text', text: { content } } }),
    servicerTakesFromPool: async (ids, servicer_userid) =>
      current().scenario.servicerTakesFromPool({ ...ids, servicer_userid }),
    advance: async (ms) => current().clock.advance(ms),
    dropNext: async (endpoint) => current().scenario.dropNext(endpoint),
    loseResponseNext: async (endpoint) => current().scenario.loseResponseNext(endpoint),
    callbackToken: async (open_kfid) => current().world.latestCallbackToken(open_kfid),
    sent: async (ids) => current().world.sent(ids),
  };
  return {
    drive,
    ...callerOver((path, init) => fetch(`${current().credentials.baseURL}${path}`, init), current),
  };
}

/** The standalone server over real HTTP; steps go through the control API. */
export function overHttp(): Transport {
  let server: KfMockServer | undefined;
  const current = (): KfMockServer => {
    if (server === undefined) throw new Error('inside tests only');
    return server;
  };
  beforeAll(async () => {
    server = await start();
  });
  beforeEach(async () => {
    await control('POST', '/reset');
  });
  afterAll(() => server?.close());
  const raw = (path: string, init?: RequestInit): Promise<Response> => fetch(`${current().url}${path}`, init);
  const control = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await raw(`/__kf_mock${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const drive: Driver = {
    createAccount: async () => String((await control('POST', '/accounts', {})).open_kfid),
    addServicer: async (open_kfid, userid) =>
      void (await control('POST', '/servicers', { open_kfid, userid })),
    createCustomer: async () => String((await control('POST', '/customers', {})).external_userid),
    createMedia: async (type, text) => String((await control('POST', '/media', { type, text })).media_id),
    customerSends: async (ids, content) =>
      String(
        (await control('POST', '/customer/send', { ...ids, message: { msgtype: 'text', text: { content } } }))
          .msgid,
      ),
    servicerTakesFromPool: async (ids, servicer_userid) =>
      String((await control('POST', '/servicer/take-from-pool', { ...ids, servicer_userid })).msg_code),
    advance: async (ms) => void (await control('POST', '/clock/advance', { ms })),
    dropNext: async (endpoint) => void (await control('POST', '/faults', { kind: 'drop', endpoint })),
    loseResponseNext: async (endpoint) =>
      void (await control('POST', '/faults', { kind: 'lose-response', endpoint })),
    callbackToken: async (open_kfid) => {
      const { token } = await control('GET', `/callback-token?open_kfid=${open_kfid}`);
      return typeof token === 'string' ? token : undefined;
    },
    sent: async (ids) => {
      const query = new URLSearchParams({ ...ids });
      return (await control('GET', `/sent?${query}`)).sent as unknown[];
    },
  };
  return { drive, ...callerOver(raw, () => current().mock) };
}
