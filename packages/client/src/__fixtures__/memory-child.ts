/**
 * Child process of the client's memory tests (run by `runChild`): a loopback server offers a
 * hostile response and a `KfClient` calls it. Prints, for each scenario in turn,
 * `{ scenario, outcome, hits, offeredMb, grewMb }` (one JSON array).
 *
 * Usage: memory-child.ts <offered MiB> <scenario>...
 * - `endless-json`: a JSON body that goes on (chunked) for the offered size
 * - `gzip-bomb`: a gzip body that unpacks to the offered size (about 1/1000 of it on the wire)
 * - `declared-json`: a JSON body announced with a Content-Length of the offered size
 * - `endless-media`: a `media/get` file body (chunked) of the offered size, read whole
 * - `endless-media-stream`: the same, read through `getStream`
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import { peakGrowthMb } from '../../../mock/src/__fixtures__/child.js';
import { KfClient } from '../index.js';

const [offeredArg = '64', ...scenarios] = process.argv.slice(2);
const offered = Number(offeredArg) * 1024 * 1024;
let scenario = '';
const CHUNK = Buffer.alloc(64 * 1024, 0x20); // JSON whitespace: valid inside an array
let hits = 0;

/** Writes `total` bytes of `chunk` with backpressure, until done or the client goes away. */
async function pump(out: NodeJS.WritableStream & { destroyed?: boolean }, total: number): Promise<void> {
  let sent = 0;
  while (sent < total && out.destroyed !== true) {
    const piece = CHUNK.subarray(0, Math.min(CHUNK.length, total - sent));
    sent += piece.length;
    if (!out.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          out.off('drain', done);
          out.off('close', done);
          resolve();
        };
        out.on('drain', done);
        out.on('close', done);
      });
    }
  }
}

async function answer(path: string, res: ServerResponse): Promise<void> {
  res.on('error', () => {});
  if (path === '/cgi-bin/gettoken') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errcode: 0, errmsg: 'ok', access_token: 'T', expires_in: 7200 }));
    return;
  }
  hits += 1;
  if (scenario === 'endless-json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"errcode":0,"errmsg":"ok","account_list":[');
    await pump(res, offered);
    res.end(']}');
  } else if (scenario === 'declared-json') {
    const head = '{"errcode":0,"errmsg":"ok","account_list":[';
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(offered + head.length + 2),
    });
    res.write(head);
    await pump(res, offered);
    res.end(']}');
  } else if (scenario === 'gzip-bomb') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    const gzip = createGzip({ level: 9 });
    gzip.pipe(res);
    res.on('close', () => gzip.destroy());
    gzip.write('{"errcode":0,"errmsg":"ok","account_list":[');
    await pump(gzip, offered);
    gzip.end(']}');
  } else {
    res.writeHead(200, {
      'content-type': 'image/jpeg',
      'content-disposition': 'attachment; filename="a.jpg"',
    });
    await pump(res, offered);
    res.end();
  }
}

const server = createServer((req, res) => {
  req.resume();
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  answer(path, res).catch(() => res.destroy());
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const kf = new KfClient({
  corpId: 'ww',
  secret: 's',
  baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  logLevel: 'off',
  sleep: async () => {},
});

/** One call on the current scenario: `ok …` or the error's name. */
async function call(): Promise<string> {
  try {
    if (scenario.startsWith('endless-media')) {
      if (scenario === 'endless-media')
        return `ok ${(await kf.media.get({ media_id: 'm' })).data.byteLength}`;
      const { body } = await kf.media.getStream({ media_id: 'm' });
      let size = 0;
      for await (const chunk of body) size += chunk.byteLength;
      return `ok ${size}`;
    }
    const page = await kf.account.list();
    return `ok ${page.account_list.length}`;
  } catch (error) {
    return error instanceof Error ? error.name : String(error);
  }
}

const results: unknown[] = [];
for (const name of scenarios) {
  scenario = name;
  hits = 0;
  const { result, grewMb } = await peakGrowthMb(call);
  results.push({ scenario, outcome: result, hits, offeredMb: offered / 1024 / 1024, grewMb });
}
server.closeAllConnections();
server.close();
process.stdout.write(`${JSON.stringify(results)}\n`);
