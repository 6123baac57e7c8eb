/**
 * 1. Client overhead: `account.list` and `sendMsg` through `KfClient` versus raw `fetch` of the
 * same requests to the same canned-JSON server (a separate process on loopback), sequentially and
 * 64 in flight. Figure: time per call, client ÷ raw (goal ≤ 1.05, issue 15); throughputs as context.
 * The peer of issue 15, node-easywechat's work client, runs against the same server in the same run:
 * client ÷ peer, time per call (context).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { KfClient } from '@kf/client';
import {
  type BenchmarkResult,
  type Figure,
  figure,
  paired,
  pool,
  type RunSettings,
  timeIt,
} from './harness.js';
import { startLoopback } from './loopback.js';

const GOAL = { op: '<=', value: 1.05 } as const;

/** The parts of node-easywechat's work client the benchmark uses (the package is CommonJS). */
interface PeerResponse {
  toObject(): Record<string, unknown>;
}
interface PeerWork {
  setCache(cache: object): unknown;
  getClient(): { postJson(url: string, data: unknown): Promise<PeerResponse> };
}
type PeerWorkConstructor = new (config: Record<string, unknown>) => PeerWork;

/**
 * The peer client of issue 15: node-easywechat's work client (`Work`), the Node SDK on npm that can
 * call the kf endpoints, pointed at the same loopback server. Its default token cache is a file read
 * per call; it gets an in-memory cache here, the way a service would configure it, so that the
 * figure compares HTTP clients, not a disk.
 */
function peerClient(baseURL: string): PeerWork {
  const require = createRequire(import.meta.url);
  const { Work } = require('node-easywechat') as { Work: PeerWorkConstructor };
  const work = new Work({
    corp_id: 'wwbench0000000001',
    secret: 'bench-secret',
    http: { baseURL: `${baseURL}/` },
  });
  const entries = new Map<string, unknown>();
  work.setCache({
    get: async (key: string) => entries.get(key),
    has: async (key: string) => entries.has(key),
    set: async (key: string, data?: unknown) => {
      entries.set(key, data);
      return true;
    },
    delete: async (key: string) => entries.delete(key),
  });
  return work;
}
const OPEN_KFID = 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q';
const USER = 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw';

export async function benchClient(settings: RunSettings): Promise<BenchmarkResult> {
  const server = await startLoopback();
  try {
    const kf = new KfClient({ corpId: 'wwbench0000000001', secret: 'bench-secret', baseURL: server.url });
    await kf.getAccessToken(); // the token is cached: the rounds measure calls, not gettoken
    const token = server.token;
    const base = server.url;

    const rawJson = async (path: string, body: unknown): Promise<void> => {
      const response = await fetch(`${base}/cgi-bin/kf/${path}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as { errcode?: unknown };
      if (json.errcode !== 0) throw new Error(`raw ${path} failed`);
    };

    const peer = peerClient(server.url).getClient();
    const peerJson = async (path: string, body: unknown): Promise<void> => {
      const json = (await peer.postJson(`cgi-bin/kf/${path}`, body)).toObject();
      if (json.errcode !== 0) throw new Error(`node-easywechat ${path} failed`);
    };
    await peerJson('account/list', {}); // its token, fetched and cached outside the rounds

    const calls = {
      'account.list': {
        client: async () => {
          await kf.account.list();
        },
        raw: () => rawJson('account/list', {}),
        peer: () => peerJson('account/list', {}),
      },
      sendMsg: {
        client: async () => {
          await kf.sendMsg({
            touser: USER,
            open_kfid: OPEN_KFID,
            msgtype: 'text',
            text: { content: '你好，有什么可以帮您？' },
          });
        },
        raw: () =>
          rawJson('send_msg', {
            touser: USER,
            open_kfid: OPEN_KFID,
            msgtype: 'text',
            text: { content: '你好，有什么可以帮您？' },
            msgid: randomBytes(16).toString('hex'),
          }),
        peer: () =>
          peerJson('send_msg', {
            touser: USER,
            open_kfid: OPEN_KFID,
            msgtype: 'text',
            text: { content: '你好，有什么可以帮您？' },
            msgid: randomBytes(16).toString('hex'),
          }),
      },
    } as const;

    const modes = [
      { label: 'sequential', concurrency: 1, perRound: 200 },
      { label: '64 in flight', concurrency: 64, perRound: 640 },
    ];
    // Many short paired rounds: a burst of load from elsewhere hits both sides of a pair alike.
    const rounds = settings.quick ? 5 : 15;
    const figures: Figure[] = [];
    for (const [endpoint, pair] of Object.entries(calls)) {
      for (const mode of modes) {
        const run = (fn: () => Promise<void>) => () =>
          timeIt(() => pool(mode.perRound, mode.concurrency, fn).then(() => undefined));
        const result = await paired({ warmup: 2, rounds, maxMs: 15_000 }, run(pair.client), run(pair.raw));
        const name = `${endpoint}, ${mode.label}`;
        figures.push(
          figure(
            {
              name: `${name}: client ÷ raw fetch (time per call)`,
              unit: 'ratio',
              baseline: `raw fetch + JSON.parse of the same request, same server, same run (${mode.perRound} calls a round)`,
              goal: GOAL,
            },
            result.ratio,
          ),
          figure(
            { name: `${name}: client throughput`, unit: 'calls/s', context: true },
            result.candidate.map((ms) => (mode.perRound / ms) * 1000),
          ),
          figure(
            { name: `${name}: raw fetch throughput`, unit: 'calls/s', context: true },
            result.baseline.map((ms) => (mode.perRound / ms) * 1000),
          ),
        );
      }
    }
    // The peer (issue 15): KfClient ÷ node-easywechat on the same server, same run. Below 1: ours
    // takes less time per call. Fewer rounds: context, not a goal.
    for (const [endpoint, pair] of Object.entries(calls)) {
      for (const mode of modes) {
        const run = (fn: () => Promise<void>) => () =>
          timeIt(() => pool(mode.perRound, mode.concurrency, fn).then(() => undefined));
        const result = await paired(
          { warmup: 1, rounds: settings.quick ? 3 : 9, maxMs: 10_000 },
          run(pair.client),
          run(pair.peer),
        );
        figures.push(
          figure(
            {
              name: `${endpoint}, ${mode.label}: client ÷ node-easywechat 3.6.2 (time per call)`,
              unit: 'ratio',
              baseline: `node-easywechat's Work client (postJson, in-memory token cache), same server, same run (${mode.perRound} calls a round)`,
              note: 'below 1: KfClient takes less time per call than the peer',
            },
            result.ratio,
          ),
          figure(
            {
              name: `${endpoint}, ${mode.label}: node-easywechat throughput`,
              unit: 'calls/s',
              context: true,
            },
            result.baseline.map((ms) => (mode.perRound / ms) * 1000),
          ),
        );
      }
    }
    // Context: the same at 64 in flight with response validation off, to show what the zod check
    // of each response costs (the default, 'warn', validates every response).
    const lean = new KfClient({
      corpId: 'wwbench0000000001',
      secret: 'bench-secret',
      baseURL: server.url,
      validateResponses: 'off',
    });
    await lean.getAccessToken();
    const leanCalls = [
      ['account.list', () => lean.account.list(), calls['account.list'].raw],
      [
        'sendMsg',
        () =>
          lean.sendMsg({
            touser: USER,
            open_kfid: OPEN_KFID,
            msgtype: 'text',
            text: { content: '你好，有什么可以帮您？' },
          }),
        calls.sendMsg.raw,
      ],
    ] as const;
    for (const [endpoint, client, raw] of leanCalls) {
      const run = (fn: () => Promise<unknown>) => () => timeIt(() => pool(640, 64, fn).then(() => undefined));
      const result = await paired(
        { warmup: 1, rounds: settings.quick ? 3 : 9, maxMs: 10_000 },
        run(client),
        run(raw),
      );
      figures.push(
        figure(
          {
            name: `${endpoint}, 64 in flight, validateResponses 'off': client ÷ raw fetch (time per call)`,
            unit: 'ratio',
            baseline: 'raw fetch + JSON.parse of the same request, same server, same run (640 calls a round)',
            note: 'context for the goal above: the default validates every response',
          },
          result.ratio,
        ),
      );
    }
    return {
      id: 1,
      title: 'Client overhead (KfClient vs raw fetch, loopback node:http)',
      status: 'done',
      figures,
    };
  } finally {
    await server.close();
  }
}
