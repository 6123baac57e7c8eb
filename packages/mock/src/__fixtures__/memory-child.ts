/**
 * Child process of the standalone server's memory tests (run by `runChild`): starts `kf-mock`'s
 * server and sends it hostile request bodies from a raw HTTP client that streams them with
 * backpressure (so the sender itself costs no memory). Prints, for each scenario in turn,
 * `{ scenario, status, body, sentMb, offeredMb, grewMb }` as one JSON array.
 *
 * Usage: memory-child.ts <offered MiB> <scenario>...
 * - `not-found`: a POST body to a path that is no endpoint
 * - `control`: a POST body to the control API (`/__kf_mock/clock/advance`)
 * - `api`: a POST body to `send_msg`
 * - `upload`: a `media/upload?type=image` body (no Content-Length, chunked)
 */
import { request } from 'node:http';
import { start } from '../server.js';
import { peakGrowthMb } from './child.js';

const [offeredArg = '64', ...scenarios] = process.argv.slice(2);
const offered = Number(offeredArg) * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);

const server = await start({ seed: 'memory' });
const token = await fetch(
  `${server.url}/cgi-bin/gettoken?corpid=${server.mock.credentials.corpId}&corpsecret=${server.mock.credentials.secret}`,
)
  .then((r) => r.json() as Promise<{ access_token: string }>)
  .then((b) => b.access_token);

const PATHS: Record<string, string> = {
  'not-found': '/cgi-bin/kf/nothing',
  control: '/__kf_mock/clock/advance',
  api: `/cgi-bin/kf/send_msg?access_token=${token}`,
  upload: `/cgi-bin/media/upload?access_token=${token}&type=image`,
};

/** Streams `offered` bytes to `path` until the server answers; resolves with the answer. */
function send(path: string): Promise<{ status: number; body: string; sentMb: number }> {
  return new Promise((resolve) => {
    let sent = 0;
    let answered = false;
    const req = request(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': path.includes('upload') ? 'multipart/form-data; boundary=b' : 'application/json',
      },
    });
    const done = (status: number, body: string): void => {
      if (answered) return;
      answered = true;
      req.destroy();
      resolve({ status, body: body.slice(0, 200), sentMb: Math.round(sent / 1e5) / 10 });
    };
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => done(res.statusCode ?? 0, body));
      res.on('error', () => done(res.statusCode ?? 0, body));
    });
    req.on('error', (error) => done(-1, error.message));
    const write = (): void => {
      while (!answered && sent < offered) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) {
          req.once('drain', write);
          return;
        }
      }
      if (!answered) req.end();
    };
    write();
  });
}

const results: unknown[] = [];
for (const scenario of scenarios) {
  const { result, grewMb } = await peakGrowthMb(() => send(PATHS[scenario] ?? '/'));
  results.push({ scenario, ...result, offeredMb: offered / 1024 / 1024, grewMb });
}
await server.close();
process.stdout.write(`${JSON.stringify(results)}\n`);
