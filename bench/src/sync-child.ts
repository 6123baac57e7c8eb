/**
 * One fresh process of benchmark 3. `node --expose-gc sync-child.js <variant> <url> <open_kfid>
 * <token> <expected> <corpId> <secret>` drains every message of one account of the standalone
 * mock, 1000 a page, with raw `fetch` paging (`raw`), `kf.syncMsgPages()` (`iterator`) or a
 * consumer (`consumer`, default in-memory stores, a handler that counts). It prints one JSON line:
 * `{ ms, messages, rssBefore, rssPeak }` (bytes). The RSS is sampled after every page, and the
 * kernel's peak (`resourceUsage().maxRSS`) is read at the end; `rssBefore` is taken after a GC,
 * once the imports are loaded and the client (and its token) are ready.
 */
import { performance } from 'node:perf_hooks';
import { KfClient } from '@kf/client';

const argv = process.argv.slice(2);
const variant = argv[0];
if (argv.length !== 7 || (variant !== 'raw' && variant !== 'iterator' && variant !== 'consumer')) {
  throw new Error('usage: sync-child.js raw|iterator|consumer url open_kfid token expected corpId secret');
}
const [url, open_kfid, token, expectedText, corpId, secret] = argv.slice(1).map(String) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const expected = Number(expectedText);
const LIMIT = 1000;
// Bounded: at most this many pages (the expected count a page, twice over, plus slack).
const MAX_PAGES = Math.ceil(expected / LIMIT) * 2 + 10;

const gc = (globalThis as { gc?: () => void }).gc;
let peak = 0;
const sample = (): void => {
  const rss = process.memoryUsage.rss();
  if (rss > peak) peak = rss;
};

const kf = new KfClient({ corpId, secret, baseURL: url });
const accessToken = await kf.getAccessToken();

async function raw(): Promise<number> {
  let cursor: string | undefined;
  let count = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await fetch(
      `${url}/cgi-bin/kf/sync_msg?access_token=${encodeURIComponent(accessToken)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ open_kfid, token, limit: LIMIT, ...(cursor === undefined ? {} : { cursor }) }),
      },
    );
    const json = (await response.json()) as {
      errcode?: unknown;
      next_cursor?: unknown;
      has_more?: unknown;
      msg_list?: unknown;
    };
    if (json.errcode !== 0 || !Array.isArray(json.msg_list) || typeof json.next_cursor !== 'string') {
      throw new Error(`raw sync_msg failed: ${JSON.stringify(json).slice(0, 200)}`);
    }
    count += json.msg_list.length;
    cursor = json.next_cursor;
    sample();
    if (json.has_more !== 1) return count;
  }
  throw new Error(`raw paging did not end within ${MAX_PAGES} pages`);
}

async function iterator(): Promise<number> {
  let count = 0;
  let pages = 0;
  for await (const page of kf.syncMsgPages({ open_kfid, token, limit: LIMIT })) {
    count += page.msg_list.length;
    sample();
    if (++pages > MAX_PAGES) throw new Error(`the iterator did not end within ${MAX_PAGES} pages`);
  }
  return count;
}

async function consumer(): Promise<number> {
  let count = 0;
  let failure: Error | undefined;
  const consumer = kf.consumer({
    handler: () => {
      count += 1;
      if (count % LIMIT === 0) sample();
    },
    limit: LIMIT,
    onError: (error) => {
      failure = error;
    },
  });
  consumer.notify(open_kfid, token);
  consumer.start();
  await consumer.idle();
  await consumer.stop();
  if (failure !== undefined) throw failure;
  return count;
}

gc?.();
const rssBefore = process.memoryUsage.rss();
peak = rssBefore;
const start = performance.now();
const messages =
  variant === 'raw' ? await raw() : variant === 'iterator' ? await iterator() : await consumer();
const ms = performance.now() - start;
sample();
// The kernel's own peak (KiB on Linux) catches a spike between two samples.
const rssPeak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
if (messages !== expected) throw new Error(`${variant}: drained ${messages} messages, expected ${expected}`);
process.stdout.write(`${JSON.stringify({ ms, messages, rssBefore, rssPeak })}\n`);
