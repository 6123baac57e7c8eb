/**
 * Callback abuse suite (issue 6): thousands of random and mutated requests against
 * `createCallbackHandler`, from a fixed seed, bounded in count. Every request must get exactly the
 * documented answer — 200 `success` (POST) or the echo (GET) for a valid one, otherwise 400 / 403
 * / 405 / 413 with exactly one `KfCallbackError` of the matching `reason` and `status` passed to
 * `onError` — and nothing may throw or leave an unhandled rejection. Each valid notification is
 * delivered to `onEvent` exactly once, replays included. No assertion is on time.
 */
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { KfCryptoError } from '@kf/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AES_KEY, CORP, HANDLER_OPTIONS, NOW, TOKEN } from './__fixtures__/callback.js';
import {
  checkError,
  classes,
  fail,
  markerOf,
  NOW_S,
  nextMarker,
  notification,
  postRequest,
  replayable,
  SEED,
  STATUS_OF,
  schedule,
  signedNotification,
} from './__fixtures__/callback-abuse.js';
import { createCallbackHandler } from './callback.js';
import { toNodeListener } from './callback-node.js';
import { KfCallbackError, type KfCallbackFailure } from './errors.js';

interface ClassCount {
  sent: number;
  statuses: Record<string, number>;
}

describe('callback abuse: createCallbackHandler under random and mutated requests', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it(`answers every request as documented (seed ${SEED.toString(16)})`, async () => {
    const refusals: KfCallbackError[] = [];
    const handlerFailures: KfCallbackError[] = [];
    const deliveries = new Map<string, number>();
    const strays: unknown[] = [];
    const handler = createCallbackHandler({
      ...HANDLER_OPTIONS,
      onEvent: (event) => {
        const marker = markerOf(event);
        if (marker === undefined) return;
        deliveries.set(marker, (deliveries.get(marker) ?? 0) + 1);
        // Some application handlers fail, synchronously or not: reported, never unhandled.
        if (marker.endsWith('0')) throw new Error('application failure');
        if (marker.endsWith('1')) return Promise.reject(new Error('async application failure'));
        return undefined;
      },
      onError: (error) => {
        if (!(error instanceof KfCallbackError)) strays.push(error);
        else if (error.reason === 'handler') handlerFailures.push(error);
        else refusals.push(error);
      },
    });

    const counts = new Map<string, ClassCount>();
    const mismatches: string[] = [];
    const crashes: unknown[] = [];
    const expectedMarkers = new Set<string>();
    let accepted = 0;
    let acceptedUnpredictable = 0;
    const byReason = new Map<string, number>();

    for (const [index, name] of schedule().entries()) {
      const make = classes[name];
      if (make === undefined) throw new Error(`no class ${name}`);
      const c = make();
      // Keep a copy of valid POSTs to replay them later (a Request body can be read once).
      const replayCopy =
        c.expected.kind === 'accept' && c.expected.marker !== undefined && c.request.method === 'POST'
          ? {
              query: Object.fromEntries(new URL(c.request.url).searchParams),
              body: await c.request.clone().text(),
            }
          : undefined;
      const before = refusals.length;
      let response: Response;
      try {
        response = await handler(c.request);
      } catch (error) {
        crashes.push(error);
        continue;
      }
      const text = await response.text();
      const count = counts.get(c.cls) ?? { sent: 0, statuses: {} };
      count.sent++;
      count.statuses[response.status] = (count.statuses[response.status] ?? 0) + 1;
      counts.set(c.cls, count);

      const newErrors = refusals.slice(before);
      const where = `#${index} ${c.cls}`;
      for (const error of newErrors) {
        const problem = checkError(error);
        if (problem !== undefined) mismatches.push(`${where}: ${problem}`);
        const key = `${error.reason}/${error.status}${error.cause instanceof KfCryptoError ? ` (${error.cause.errcode})` : ''}`;
        byReason.set(key, (byReason.get(key) ?? 0) + 1);
      }
      const refusedAs = (reason: KfCallbackFailure, status: number) => {
        if (response.status !== status)
          mismatches.push(`${where}: status ${response.status}, expected ${status}`);
        if (newErrors.length !== 1)
          mismatches.push(`${where}: ${newErrors.length} errors to onError, expected 1`);
        const error = newErrors[0];
        if (error !== undefined && (error.reason !== reason || error.status !== status)) {
          mismatches.push(
            `${where}: onError got ${error.reason}/${error.status}, expected ${reason}/${status}`,
          );
        }
      };
      const acceptedAs = (body: string) => {
        if (response.status !== 200) {
          const error = newErrors[0];
          mismatches.push(
            `${where}: status ${response.status} (${error?.reason}: ${error?.message}), expected 200`,
          );
        } else if (text !== body) mismatches.push(`${where}: body ${JSON.stringify(text)}`);
        if (newErrors.length !== 0)
          mismatches.push(`${where}: ${newErrors.length} errors for an accepted request`);
      };

      switch (c.expected.kind) {
        case 'accept':
          acceptedAs(c.expected.echo ?? 'success');
          if (c.expected.marker !== undefined) expectedMarkers.add(c.expected.marker);
          if (replayCopy !== undefined) replayable.push(replayCopy);
          accepted++;
          break;
        case 'duplicate':
          acceptedAs('success');
          break;
        case 'refuse':
          refusedAs(c.expected.reason, c.expected.status);
          break;
        case 'any': {
          if (response.status === 200) {
            if (newErrors.length !== 0) mismatches.push(`${where}: 200 with an error`);
            acceptedUnpredictable++;
            break;
          }
          const error = newErrors[0];
          if (newErrors.length !== 1 || error === undefined) {
            mismatches.push(`${where}: status ${response.status} with ${newErrors.length} errors`);
            break;
          }
          const allowed = error.reason === 'handler' ? [] : STATUS_OF[error.reason];
          if (error.status !== response.status || !allowed.includes(response.status)) {
            mismatches.push(
              `${where}: ${error.reason} answered ${response.status} (error says ${error.status})`,
            );
          }
          break;
        }
      }
    }

    // onEvent runs after the answer (setTimeout 0): let every delivery and its failure land.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));

    const lost = [...expectedMarkers].filter((m) => deliveries.get(m) !== 1);
    const twice = [...deliveries].filter(([, n]) => n !== 1).map(([m, n]) => `${m}×${n}`);
    const refusedButDelivered = [...deliveries.keys()].filter((m) => m.startsWith('X-'));
    const failing = [...deliveries.keys()].filter((m) => m.endsWith('0') || m.endsWith('1')).length;

    const rows = [...counts].sort(([a], [b]) => a.localeCompare(b));
    const width = Math.max(...rows.map(([name]) => name.length));
    console.log(
      [
        `callback abuse (seed 0x${SEED.toString(16)}): ${rows.reduce((n, [, c]) => n + c.sent, 0)} requests`,
        ...rows.map(
          ([name, c]) =>
            `  ${name.padEnd(width)}  ${String(c.sent).padStart(4)}  ${Object.entries(c.statuses)
              .map(([s, n]) => `${s}×${n}`)
              .join(' ')}`,
        ),
        `  refusals reported to onError: ${refusals.length}; deliveries: ${deliveries.size} ` +
          `(${expectedMarkers.size} expected, ${acceptedUnpredictable} accepted from random bytes); ` +
          `onEvent failures reported: ${handlerFailures.length}`,
        `  onError by reason/status (crypto errcode): ${[...byReason]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, n]) => `${k}×${n}`)
          .join(', ')}`,
      ].join('\n'),
    );

    expect(crashes).toEqual([]);
    expect(strays).toEqual([]);
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(mismatches).toHaveLength(0);
    expect(lost).toEqual([]);
    expect(twice).toEqual([]);
    expect(refusedButDelivered).toEqual([]);
    expect(accepted).toBeGreaterThan(1000);
    // Every failing onEvent (thrown or rejected) is reported once, with reason 'handler' and status 0.
    expect(handlerFailures).toHaveLength(failing);
    expect(handlerFailures.every((e) => e.status === 0)).toBe(true);
    expect(unhandled).toEqual([]);
  });

  it('survives a concurrent burst of mixed requests with the same outcome counts', async () => {
    let refused = 0;
    let failures = 0;
    const delivered = new Set<string>();
    const handler = createCallbackHandler({
      ...HANDLER_OPTIONS,
      onEvent: async (event) => {
        const marker = markerOf(event);
        if (marker !== undefined) delivered.add(marker);
        await Promise.resolve();
        throw new Error('always fails');
      },
      onError: (error) => {
        if (error.reason === 'handler') failures++;
        else refused++;
        throw new Error('onError itself throws'); // must be contained too
      },
    });
    const names = [
      'valid POST',
      'bad signature',
      'huge body',
      'XML tricks in the envelope',
      'random garbage',
      'wrong method',
    ];
    const cases = Array.from({ length: 600 }, (_, i) => {
      const make = classes[names[i % names.length] ?? 'valid POST'];
      if (make === undefined) throw new Error('no class');
      return make();
    });
    const responses = await Promise.all(cases.map((c) => handler(c.request)));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const ok = responses.filter((r) => r.status === 200).length;
    const valid = cases.filter((c) => c.expected.kind === 'accept').length;
    expect(responses.every((r) => [200, 400, 403, 405, 413].includes(r.status))).toBe(true);
    expect(refused).toBe(responses.length - ok);
    expect(delivered.size).toBe(ok);
    expect(failures).toBe(ok);
    expect(ok).toBeGreaterThanOrEqual(valid);
    expect(unhandled).toEqual([]);
  });
  it('holds over node:http through toNodeListener, raw sockets and aborted uploads included', async () => {
    const refusals: KfCallbackError[] = [];
    let delivered = 0;
    const handler = createCallbackHandler({
      ...HANDLER_OPTIONS,
      onEvent: () => {
        delivered++;
      },
      onError: (error) => {
        if (error.reason !== 'handler') refusals.push(error);
      },
    });
    const listener = toNodeListener(handler); // the handler's 64 KiB, applied while reading
    const server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const mismatches: string[] = [];
    const statuses: Record<string, number> = {};
    try {
      const names = [
        'valid POST',
        'valid GET (URL verification)',
        'bad signature',
        'stale or future timestamp (correctly signed)',
        'truncated ciphertext (re-signed)',
        'invalid padding (re-signed)',
        'wrong ReceiveId',
        'XML tricks in the envelope',
        'missing parameters',
        'wrong method',
        'random garbage',
      ];
      let validPosts = 0;
      for (let i = 0; i < 330; i++) {
        const name = names[i % names.length] ?? 'valid POST';
        const c = (classes[name] ?? fail)();
        if (c.request.method === 'HEAD') continue; // no body to read back: covered in-process
        const before = refusals.length;
        const body = c.request.body === null ? undefined : new Uint8Array(await c.request.arrayBuffer());
        const response = await fetch(`${base}/kf/callback${new URL(c.request.url).search}`, {
          method: c.request.method,
          ...(body === undefined ? {} : { body }),
        });
        const text = await response.text();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const got = refusals.slice(before);
        const e = c.expected;
        if (e.kind === 'accept') {
          if (c.request.method === 'POST') validPosts++;
          if (response.status !== 200 || text !== (e.echo ?? 'success') || got.length !== 0) {
            mismatches.push(`${name}: ${response.status} ${text.slice(0, 40)}`);
          }
        } else if (e.kind === 'refuse') {
          if (response.status !== e.status || got.length !== 1 || got[0]?.reason !== e.reason) {
            mismatches.push(
              `${name}: ${response.status}, ${got.map((g) => g.reason).join()} (expected ${e.reason})`,
            );
          }
        } else if (response.status !== 200 && (got.length !== 1 || got[0]?.status !== response.status)) {
          mismatches.push(`${name}: ${response.status} with ${got.length} errors`);
        }
      }

      // Over the route's 64 KiB bound: 413 from the listener before the handler runs, reported to onError.
      const { query } = signedNotification(notification(nextMarker('X')));
      const beforeHuge = refusals.length;
      const huge = await fetch(`${base}/kf/callback?${new URLSearchParams(query)}`, {
        method: 'POST',
        body: new Uint8Array(2 * 1024 * 1024).fill(60),
      }).then(
        (r) => r.status,
        () => 'connection closed',
      );
      statuses[`huge ${huge}`] = 1;
      if (huge !== 413 && huge !== 'connection closed') mismatches.push(`2 MiB body: ${huge}`);
      // Refused by the listener, and reported like every other refusal.
      const tooLarge = refusals.slice(beforeHuge);
      if (tooLarge.length !== 1 || tooLarge[0]?.reason !== 'body') {
        mismatches.push(`2 MiB body: ${tooLarge.length} 413 reports to onError`);
      }

      // Raw sockets: aborted uploads, lying lengths, broken chunked encoding, junk request lines.
      const raw = (payload: string, destroyAfterMs?: number) =>
        new Promise<string>((resolve) => {
          const socket = connect(port, '127.0.0.1');
          let answer = '';
          socket.on('data', (d) => {
            answer += d.toString('latin1');
          });
          socket.on('error', () => resolve(answer));
          socket.on('close', () => resolve(answer));
          socket.write(payload);
          if (destroyAfterMs !== undefined) setTimeout(() => socket.destroy(), destroyAfterMs);
          else setTimeout(() => socket.end(), 50);
        });
      const path = `/kf/callback?${new URLSearchParams(query)}`;
      const rawCases = [
        [`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n<xml><Encrypt>`, 20],
        [`POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\njunk\r\n`, undefined],
        [`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n<xml>trailing junk`, undefined],
        [`PUT ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`, undefined],
        ['GARBAGE\r\n\r\n', undefined],
        [`POST /kf/callback?%%%=%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`, undefined],
        [`GET ${'/a'.repeat(5000)} HTTP/1.1\r\nHost: x\r\n\r\n`, undefined],
      ] as const;
      for (let round = 0; round < 4; round++) {
        for (const [payload, destroyAfter] of rawCases) {
          const answer = await raw(payload, destroyAfter);
          const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 'none';
          statuses[`raw ${status}`] = (statuses[`raw ${status}`] ?? 0) + 1;
          if (status !== 'none' && !['400', '403', '405', '413', '431'].includes(status)) {
            mismatches.push(`raw ${JSON.stringify(payload.slice(0, 30))}: ${status}`);
          }
        }
      }

      // Still serving after all that.
      const after = (classes['valid POST'] ?? fail)();
      const ok = await fetch(`${base}/kf/callback${new URL(after.request.url).search}`, {
        method: 'POST',
        body: await after.request.text(),
      });
      expect(ok.status).toBe(200);
      validPosts++;
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      console.log(`callback abuse over node:http: ${JSON.stringify(statuses)}; delivered ${delivered}`);
      expect(mismatches).toEqual([]);
      expect(delivered).toBe(validPosts);
      expect(unhandled).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('callback abuse: replays and slow bodies', () => {
  // The count bound itself (10 000 before, which a replay could outlast) is tested on SeenKeys in
  // internal.test.ts: 10 000 real notifications cost ~20 s of CPU here. This one checks the
  // handler end to end on the same rule.
  it('never delivers a replay inside the tolerance, after 100 newer notifications either', async () => {
    let now = NOW;
    const delivered = new Map<string, number>();
    const handler = createCallbackHandler({
      token: TOKEN,
      encodingAESKey: AES_KEY,
      corpId: CORP,
      now: () => now,
      onEvent: (event) => {
        const marker = markerOf(event) ?? '?';
        delivered.set(marker, (delivered.get(marker) ?? 0) + 1);
      },
    });
    const first = signedNotification(notification('R-first', 0), { timestamp: String(NOW_S) });
    const send = (n: { query: Record<string, string>; body: string }) =>
      handler(postRequest(n.query, n.body)).then((r) => r.status);
    expect(await send(first)).toBe(200);
    for (let i = 0; i < 100; i++) {
      expect(await send(signedNotification(notification(`R-${i}`, 0), { timestamp: String(NOW_S) }))).toBe(
        200,
      );
    }
    now = NOW + 4_000; // 4 s later: well inside the 300 s tolerance
    expect(await send(first)).toBe(200);
    await handler.idle();
    expect(delivered.size).toBe(101);
    expect(delivered.get('R-first')).toBe(1);
  });

  it("reports a body over the listener's own bound (413) to onError", async () => {
    const refusals: KfCallbackError[] = [];
    const handler = createCallbackHandler({
      ...HANDLER_OPTIONS,
      onEvent: () => {},
      onError: (error) => refusals.push(error),
    });
    const server = createServer((req, res) => void toNodeListener(handler)(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { query } = signedNotification(notification(nextMarker('B')));
    try {
      const status = await fetch(`http://127.0.0.1:${port}/kf/callback?${new URLSearchParams(query)}`, {
        method: 'POST',
        body: new Uint8Array(2 * 1024 * 1024).fill(60),
      }).then(
        (r) => r.status,
        () => 'connection closed',
      );
      expect([413, 'connection closed']).toContain(status);
      expect(refusals.map((r) => `${r.reason} ${r.status}`)).toEqual(['body 413']);
      // One limit for the route: the listener stops at the handler's 65 536, not at a bound of its own.
      expect(refusals[0]?.message).toMatch(/larger than 65536 bytes/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('answers 408 to bodies trickled slower than bodyTimeout, reports each, and frees the connection', async () => {
    const refusals: KfCallbackError[] = [];
    const handler = createCallbackHandler({
      ...HANDLER_OPTIONS,
      onEvent: () => {},
      onError: (error) => refusals.push(error),
    });
    const server = createServer((req, res) => void toNodeListener(handler, { bodyTimeout: 200 })(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { query } = signedNotification(notification(nextMarker('T')));
    const path = `/kf/callback?${new URLSearchParams(query)}`;
    // 20 clients announce 1 000 bytes, send 10, and then nothing more.
    const trickle = () =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        let answer = '';
        socket.on('data', (d) => {
          answer += d.toString('latin1');
        });
        socket.on('error', () => resolve(answer));
        socket.on('close', () => resolve(answer));
        socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n<xml><Enc`);
      });
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, trickle));
      expect(answers.map((a) => /^HTTP\/1\.1 (\d{3})/.exec(a)?.[1])).toEqual(Array(20).fill('408'));
      expect(refusals.map((r) => `${r.reason} ${r.status}`)).toEqual(Array(20).fill('body 408'));
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
