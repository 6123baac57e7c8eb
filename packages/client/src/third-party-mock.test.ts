import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { start } from '@kf/mock/server';
import type { KfAccountAuthChangeCallback, KfCallbackEvent } from '@kf/types';
import { KfErrorCode } from '@kf/types';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createCallbackHandler } from './callback.js';
import { toNodeListener } from './callback-node.js';
import { KfClient } from './client.js';
import { KfApiError } from './errors.js';

const SUITE_TOKEN = 'SuiteTok3n';
const SUITE_KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The third-party app's callback route: a real handler with the app's own Token and key, on loopback. */
async function suiteCallback(corpId: string, now: () => number) {
  const events: KfCallbackEvent[] = [];
  const handler = createCallbackHandler({
    token: SUITE_TOKEN,
    encodingAESKey: SUITE_KEY,
    corpId,
    now,
    onEvent: (event) => void events.push(event),
  });
  const listening: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => listening.close(() => resolve())));
  const { port } = listening.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/suite/callback`, events };
}

describe('a third-party app against the standalone kf-mock', () => {
  it('receives kf_account_auth_change through createCallbackHandler, typed, and converts ids with kf.idconvert.openKfid', async () => {
    const server = await start({ setup: { accounts: [{ name: '售后' }, { name: '售前' }] } });
    closers.push(() => server.close());
    const { corpId } = server.mock.credentials;
    const callback = await suiteCallback(corpId, () => server.mock.clock.now());
    server.mock.scenario.createThirdPartyApp({
      name: 'suite',
      secret: 'suite-secret',
      callback: { url: callback.url, token: SUITE_TOKEN, encodingAESKey: SUITE_KEY },
    });
    const [first, second] = server.setup.accounts.map((account) => account.open_kfid);
    if (first === undefined || second === undefined) throw new Error('setup created no accounts');
    server.mock.scenario.authorizeAccounts({ app: 'suite', add: [first] });
    await server.mock.callbacks.flush();

    expect(callback.events).toHaveLength(1);
    const [event] = callback.events;
    if (event?.Event !== 'kf_account_auth_change') throw new Error(`unexpected event ${event?.Event}`);
    expectTypeOf(event).toEqualTypeOf<KfAccountAuthChangeCallback>();
    expect(event.AuthAddOpenKfId).toEqual([first]);
    expect(event.AuthDelOpenKfId).toEqual([]);

    const suite = new KfClient({ corpId, secret: 'suite-secret', baseURL: server.url });
    const converted = await suite.idconvert.openKfid({ open_kfid_list: [first, second] });
    expect(converted.items).toEqual([{ open_kfid: first, new_open_kfid: first }]);
    expect(converted.invalid_open_kfid_list).toEqual([second]);
  });

  it('gets 48002 from kf.idconvert.openKfid with a self-built app secret', async () => {
    const server = await start({ setup: { accounts: [{ name: '售后' }] } });
    closers.push(() => server.close());
    const kf = new KfClient({ ...server.mock.credentials, baseURL: server.url });
    const open_kfid = server.setup.accounts[0]?.open_kfid ?? '';
    const error = await kf.idconvert.openKfid({ open_kfid_list: [open_kfid] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfApiError);
    expect((error as KfApiError).errcode).toBe(KfErrorCode.ApiForbidden);
  });
});
