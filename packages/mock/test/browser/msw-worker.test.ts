import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserRequired,
  CHROMIUM_PATH,
  chromiumInstalled,
  launchChromium,
  tellSkipped,
} from '../../src/__fixtures__/chromium.js';

/*
 * The README says the main entry of @kf/mock runs in a browser with `setupWorker` from
 * `msw/browser`. This page does exactly that, bundled by esbuild from the sources, and calls the
 * API with `fetch` in Chromium: the service worker answers, the rules hold (the 6th reply to one
 * customer message is refused with 95001).
 */
const PAGE_SCRIPT = `
import { setupWorker } from 'msw/browser';
import { createKfMock } from './index.ts';

try {
const mock = createKfMock({ baseURL: location.origin });
await setupWorker(...mock.handlers).start({ quiet: true, onUnhandledRequest: 'error' });
const open_kfid = mock.scenario.createAccount({ name: 'Acme' });
const external_userid = mock.scenario.createCustomer({ nickname: 'Alice' });
mock.scenario.customerSends({ open_kfid, external_userid, message: { msgtype: 'text', text: { content: 'hi' } } });
const { corpId, secret } = mock.credentials;
const token = await (await fetch('/cgi-bin/gettoken?corpid=' + corpId + '&corpsecret=' + secret)).json();
const errcodes = [];
for (let i = 0; i < 6; i++) {
  const answer = await fetch('/cgi-bin/kf/send_msg?access_token=' + token.access_token, {
    method: 'POST',
    body: JSON.stringify({ touser: external_userid, open_kfid, msgtype: 'text', text: { content: 'reply ' + i } }),
  });
  errcodes.push((await answer.json()).errcode);
}
window.kfResult = { errcodes, sent: mock.world.sent().length, crypto: typeof mock.callbacks.configure };
} catch (error) {
  window.kfResult = { error: String(error) }; // fail at once, with the reason
}
`;

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

async function bundle(): Promise<Map<string, Uint8Array>> {
  const result = await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: here('../../src/'), loader: 'ts', sourcefile: 'page.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: '/bundle',
    write: false,
    // @kf/crypto (node:crypto) is imported only once a callback URL is configured: its chunk is
    // never loaded by this page, which is the claim under test.
    external: ['node:*'],
    tsconfig: here('../../tsconfig.json'),
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((file) => [file.path.replace(/^\/bundle/, ''), file.contents]));
}

describe.skipIf(!chromiumInstalled)('the main entry in a browser (msw/browser)', () => {
  let server: Server | undefined;
  let url = '';
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!chromiumInstalled)
      throw new Error(`KF_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH}`);
    const files = await bundle();
    files.set(
      '/mockServiceWorker.js',
      await readFile(here('../../node_modules/msw/lib/mockServiceWorker.js')),
    );
    files.set(
      '/',
      new TextEncoder().encode(
        '<!doctype html><meta charset="utf-8"><script type="module" src="/stdin.js"></script>',
      ),
    );
    const http = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const body = files.get(path);
      if (body === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html' });
      res.end(body);
    });
    server = http;
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    const http = server;
    if (http !== undefined) await new Promise((resolve) => http.close(resolve));
  });

  it('answers fetch through setupWorker(...createKfMock().handlers) and refuses the 6th reply (95001)', async () => {
    const page = await (browser as Browser).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForFunction(() => 'kfResult' in globalThis, undefined, { timeout: 15_000 });
    const result = await page.evaluate(() => (globalThis as unknown as { kfResult: unknown }).kfResult);
    expect(errors).toEqual([]);
    expect(result).toEqual({ errcodes: [0, 0, 0, 0, 0, 95001], sent: 5, crypto: 'function' });
  }, 30_000);
});

if (!chromiumInstalled && browserRequired) {
  // CI (KF_REQUIRE_BROWSER=1) never skips the browser suites: a missing Chromium is a failed test.
  it('runs in Chromium', () => {
    throw new Error(`KF_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH}`);
  });
} else tellSkipped();
