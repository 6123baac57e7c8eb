import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppServer } from './__fixtures__/app-server.js';
import { KfMockError } from './errors.js';
import type { KfMockServer } from './server.js';
import { start } from './server.js';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const servers: KfMockServer[] = [];
async function started(...args: Parameters<typeof start>): Promise<KfMockServer> {
  const server = await start(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function gettoken(server: KfMockServer): Promise<string> {
  const { corpId, secret: corpSecret } = server.mock.credentials;
  const response = await fetch(`${server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`);
  return String(((await response.json()) as { access_token: string }).access_token);
}

describe('start', () => {
  it('listens on 127.0.0.1 on a port from the OS and serves the kf API there', async () => {
    const server = await started();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.mock.credentials.baseURL).toBe(server.url);
    expect(await gettoken(server)).toMatch(/^\w{64}$/);
  });

  it('routes a path the way MSW matches it: any letter case, a trailing slash, never a near miss', async () => {
    const server = await started({ seed: 'routing' });
    const token = await gettoken(server);
    const list = async (path: string) => {
      const response = await fetch(`${server.url}${path}?access_token=${token}`, {
        method: 'POST',
        body: '{}',
      });
      return { status: response.status, body: (await response.json()) as { errcode?: unknown } };
    };
    const expected = await list('/cgi-bin/kf/account/list');
    expect(expected).toMatchObject({ status: 200, body: { errcode: 0 } });
    // Each variant twice: the second is answered from the table of candidate handlers.
    for (let i = 0; i < 2; i++) {
      for (const path of [
        '/cgi-bin/kf/account/list/',
        '/CGI-BIN/KF/Account/List',
        '/cgi-bin/kf/account/LIST/',
      ]) {
        expect(await list(path)).toEqual(expected);
      }
      for (const path of [
        '/cgi-bin/kf/account/lis',
        '/cgi-bin/kf/account/list2',
        '/cgi-bin/kf/account%2Flist',
      ]) {
        expect(await list(path)).toMatchObject({ status: 404, body: { errcode: 404 } });
      }
    }
  });

  it('answers a path that is no endpoint with 404 JSON', async () => {
    const server = await started();
    const response = await fetch(`${server.url}/cgi-bin/kf/nothing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errcode: 404,
      errmsg: 'kf-mock has no endpoint /cgi-bin/kf/nothing',
    });
  });

  it('creates the setup world, with the same ids for the same seed', async () => {
    const setup = {
      members: [{ userid: 'lisi', departments: [2], activated: false }],
      accounts: [{ name: '售后', servicers: ['zhangsan', 'lisi'] }],
      customers: [{ nickname: '张三' }],
    };
    const a = await started({ seed: 42, setup });
    const b = await started({ seed: 42, setup });
    expect(a.setup).toEqual(b.setup);
    expect(a.setup.accounts).toEqual([{ open_kfid: expect.stringMatching(/^wk/), name: '售后' }]);
    expect(a.setup.customers).toEqual([{ external_userid: expect.stringMatching(/^wm/), nickname: '张三' }]);
    expect(a.mock.world.accounts()[0]?.servicer_userids).toEqual(['zhangsan', 'lisi']);
  });

  it('streams a large media file intact', async () => {
    const server = await started();
    const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 31) % 251);
    const media_id = server.mock.scenario.createMedia({ type: 'file', bytes, filename: 'big.bin' });
    const query = new URLSearchParams({ access_token: await gettoken(server), media_id });
    const response = await fetch(`${server.url}/cgi-bin/media/get?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    const received = Buffer.from(await response.arrayBuffer());
    expect(received.length).toBe(bytes.length);
    expect(received.equals(Buffer.from(bytes))).toBe(true); // toEqual walks 3 million elements slowly
  });

  it('accepts a multipart media/upload over HTTP', async () => {
    const server = await started();
    const form = new FormData();
    form.append('media', new Blob(['hello kf-mock']), 'notes.txt');
    const query = new URLSearchParams({ access_token: await gettoken(server), type: 'file' });
    const response = await fetch(`${server.url}/cgi-bin/media/upload?${query}`, {
      method: 'POST',
      body: form,
    });
    const body = (await response.json()) as { errcode: number; media_id: string };
    expect(body.errcode).toBe(0);
    expect(new TextDecoder().decode(server.mock.world.media(body.media_id)?.bytes)).toBe('hello kf-mock');
  });

  it('POSTs callbacks from the standalone server without MSW markers', async () => {
    const app = await startAppServer();
    try {
      const server = await started({
        setup: {
          accounts: [{}],
          customers: [{}],
          callback: { url: app.url, token: 'tok', encodingAESKey: KEY },
        },
      });
      const open_kfid = server.setup.accounts[0]?.open_kfid ?? '';
      const external_userid = server.setup.customers[0]?.external_userid ?? '';
      server.mock.scenario.customerSends({
        open_kfid,
        external_userid,
        message: { msgtype: 'text', text: { content: 'x' } },
      });
      await server.mock.callbacks.flush();
      expect(app.received).toHaveLength(1);
      expect(app.received[0]?.headers.accept ?? '').not.toContain('msw');
      expect(app.received[0]?.headers['content-type']).toBe('text/xml');
    } finally {
      await app.close();
    }
  });

  it('stops answering after close()', async () => {
    const server = await start();
    await server.close();
    await expect(fetch(`${server.url}/cgi-bin/gettoken`)).rejects.toThrow(TypeError);
  });

  it('rejects with KfMockError for a busy port or an invalid setup', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const address = busy.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await expect(start({ port })).rejects.toThrow(KfMockError);
      await expect(start({ port })).rejects.toThrow(/cannot listen on 127.0.0.1/);
    } finally {
      busy.close();
    }
    await expect(start({ setup: { accounts: [{ nmae: 'typo' }] } as never })).rejects.toThrow(
      /invalid setup at accounts.0: Unrecognized key/,
    );
  });
});
