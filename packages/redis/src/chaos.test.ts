/**
 * The replica chaos test: the standalone mock, Redis, and three worker processes, each a KfClient
 * and a KfConsumer on @kf/redis (src/__fixtures__/replica-worker.ts). Callbacks are spread over the
 * workers round-robin; 3 accounts, 20 customers, 300 customer messages (the issue's 2,000 with
 * `KF_CHAOS_MESSAGES=2000`); a random worker is killed with SIGKILL every few hundred ms and
 * restarted; each handler answers with send_msg. Then, from the mock's own record: every customer
 * message answered exactly once, none lost, none twice; from the workers' log of cursor writes: no
 * cursor ever moved backwards; and one gettoken in all.
 *
 * It runs once per Redis client and logs its figures (messages, kills, restarts, gettoken calls,
 * seconds) in one line, shown on failure or with KF_TEST_VERBOSE=1; KF_CHAOS_VERBOSE=1 also shows
 * the workers' error stream. The run is bounded (a deadline on the drain: 50 s, or 100 ms a message
 * for longer runs), and no assertion is about time.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KfMockServer, start } from '@kf/mock/server';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeded } from '../../types/src/__fixtures__/random.js';
import { CLIENTS, cleanUp, redisUrl, type TestClient, testPrefix } from './__fixtures__/redis.js';
import { type RedisCommands, toRedisCommands } from './adapter.js';

const ACCOUNTS = 3;
const CUSTOMERS = 20;
/**
 * Customer messages per run: the issue's 2,000 (about 12–15 s per Redis client on a quiet 2-core
 * machine, figures in docs/benchmarks.md); `KF_CHAOS_MESSAGES` sets another count.
 */
const TOTAL = Number(process.env.KF_CHAOS_MESSAGES ?? 2000);
const WORKERS = 3;
/** A customer writes again only while fewer than this many of their messages wait for an answer
 * (the platform allows 5 answers per customer message). */
const MAX_UNANSWERED = 4;
const LEASE_TTL = 1_000;
const POLL_INTERVAL = 500;
const KILL_EVERY = [200, 700] as const;
/**
 * The test's own loop: customers write, the killer kills, the drain is checked. Every tick reads
 * the mock's record of sent messages once (a copy of all of them), so the tick is not shorter than
 * it needs to be: the mock shares this process and its time is what bounds the run.
 */
const TICK_MS = 50;
/** Customer messages written per tick at most (the unanswered cap usually binds first). */
const WRITES_PER_TICK = 80;
/** Bounds the run: a lost message would otherwise keep the drain waiting forever. */
const DEADLINE_MS = Number(process.env.KF_CHAOS_DEADLINE ?? Math.max(50_000, TOTAL * 100));
const VERBOSE = process.env.KF_CHAOS_VERBOSE === '1';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const src = (pkg: string, entry = 'index') => join(root, 'packages', pkg, 'src', `${entry}.ts`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cpuTotal = (usage: NodeJS.CpuUsage) => usage.user + usage.system;

/** CPU seconds a live process has used, from Linux's /proc (0 where there is none). */
function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // utime and stime, fields 14 and 15, in clock ticks of 1/100 s; the name before ')' may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The mock's cursor: base64url of `c1:<account>:<seq>:<primed>`; its seq orders an account's cursors. */
function cursorSeq(cursor: string): number {
  const match = /^c1:\d+:(\d+):[01]$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (match === null) throw new Error(`not a mock cursor: ${cursor}`);
  return Number(match[1]);
}

let workerScript = '';
let scratch = '';

beforeAll(async () => {
  if (redisUrl === undefined) return;
  // Bundled once from source (the workspace packages as the tests see them); the Redis clients stay
  // external and are resolved from this package's node_modules.
  const cache = join(here, '..', 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  scratch = mkdtempSync(join(cache, 'kf-chaos-'));
  workerScript = join(scratch, 'worker.mjs');
  await build({
    entryPoints: [join(here, '__fixtures__', 'replica-worker.ts')],
    outfile: workerScript,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['ioredis', 'redis'],
    alias: {
      '@kf/types/errors': src('types', 'errors'),
      '@kf/types': src('types'),
      '@kf/crypto': src('crypto'),
      '@kf/client': src('client'),
    },
    logLevel: 'error',
  });
}, 60_000);

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(redisUrl === undefined).each(CLIENTS)('replica chaos on $kind', ({ kind, connect }) => {
  let tc: TestClient;
  let redis: RedisCommands;
  const prefix = testPrefix();

  beforeAll(async () => {
    tc = await connect(redisUrl ?? '');
    redis = toRedisCommands(tc.client);
  });
  afterAll(async () => {
    await cleanUp((args) => redis.send(args), prefix);
    await tc.close();
  });

  it(`answers ${TOTAL} customer messages exactly once while workers are SIGKILLed and restarted`, {
    timeout: DEADLINE_MS + 30_000,
  }, async () => {
    const seed = Number(process.env.KF_CHAOS_SEED ?? 0x6b66_0013 + (kind === 'redis' ? 1 : 0));
    const random = seeded(seed);
    const workers: (ChildProcess | undefined)[] = Array.from({ length: WORKERS }, () => undefined);
    let next = 0;
    let undeliverable = 0;
    const server: KfMockServer = await start({
      seed: `replica-chaos-${kind}`,
      maxCallRecords: 1_000_000,
      // Polls of a restarted worker come before its first notification: let them through.
      behaviour: { syncMsgWithoutToken: { maxCalls: 1_000_000, windowSeconds: 60 } },
      // The load balancer: round-robin over the workers, skipping dead ones.
      onCallback: (notification) => {
        for (let i = 0; i < WORKERS; i += 1) {
          const worker = workers[(next + i) % WORKERS];
          if (worker?.connected === true) {
            next = (next + i + 1) % WORKERS;
            worker.send({ open_kfid: notification.OpenKfId, token: notification.Token });
            return;
          }
        }
        undeliverable += 1;
        throw new Error('no worker is up');
      },
    });
    const { scenario, world } = server.mock;
    const accounts = Array.from({ length: ACCOUNTS }, (_, i) => scenario.createAccount({ name: `acct${i}` }));
    const customers = Array.from({ length: CUSTOMERS }, (_, i) =>
      scenario.createCustomer({ nickname: `c${i}` }),
    );
    const config = {
      url: server.url,
      corpId: server.mock.credentials.corpId,
      secret: server.mock.credentials.secret,
      redisUrl,
      client: kind,
      prefix,
      accounts,
      leaseTtl: LEASE_TTL,
      pollInterval: POLL_INTERVAL,
      duplicateErrcode: server.mock.behaviour.duplicateMsgidErrcode,
    };
    let starts = 0;
    let workerCpu = 0;
    const ready = new Set<ChildProcess>();
    const spawn = (i: number) => {
      starts += 1;
      const worker = fork(workerScript, [], {
        env: { ...process.env, KF_CHAOS_WORKER: JSON.stringify(config) },
        stdio: ['ignore', 'ignore', VERBOSE ? 'inherit' : 'ignore', 'ipc'],
      });
      worker.once('message', () => ready.add(worker));
      workers[i] = worker;
    };
    const kill = (i: number) => {
      const worker = workers[i];
      workers[i] = undefined;
      if (worker === undefined) return Promise.resolve();
      ready.delete(worker);
      if (worker.exitCode === null && worker.signalCode === null) workerCpu += cpuSecondsOf(worker.pid);
      return new Promise<void>((resolve) => {
        if (worker.exitCode !== null || worker.signalCode !== null) resolve();
        else worker.once('exit', () => resolve());
        worker.kill('SIGKILL');
      });
    };

    const sentTo = new Map<string, number>();
    const pair = (a: string, c: string) => `${a}/${c}`;
    const answeredTo = () => {
      const counts = new Map<string, number>();
      for (const s of world.sent()) {
        const key = pair(s.open_kfid, s.external_userid);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    };
    const customerMsgids: string[] = [];
    const began = Date.now();
    const cpuBefore = process.cpuUsage();
    let kills = 0;
    let drained = false;
    try {
      for (let i = 0; i < WORKERS; i += 1) spawn(i);
      // The replicas start together (one gettoken between them) before the customers write.
      for (let i = 0; i < 3_000 && ready.size < WORKERS; i += 1) await sleep(10);
      let nextKill = Date.now() + KILL_EVERY[0];
      while (Date.now() - began < DEADLINE_MS) {
        const answered = answeredTo();
        if (customerMsgids.length < TOTAL) {
          // Customers write while fewer than MAX_UNANSWERED of theirs wait, a few per tick.
          for (let n = 0; n < WRITES_PER_TICK && customerMsgids.length < TOTAL; n += 1) {
            const a = accounts[Math.floor(random() * ACCOUNTS)] ?? '';
            const c = customers[Math.floor(random() * CUSTOMERS)] ?? '';
            const key = pair(a, c);
            if ((sentTo.get(key) ?? 0) - (answered.get(key) ?? 0) >= MAX_UNANSWERED) continue;
            sentTo.set(key, (sentTo.get(key) ?? 0) + 1);
            customerMsgids.push(
              scenario.customerSends({
                open_kfid: a,
                external_userid: c,
                message: { msgtype: 'text', text: { content: `q${customerMsgids.length}` } },
              }),
            );
          }
          // A random worker among those up (killing one still starting would test nothing).
          // At least one other stays up, so the run makes progress while the victim restarts.
          const up = workers.flatMap((w, i) => (w !== undefined && ready.has(w) ? [i] : []));
          if (Date.now() >= nextKill && up.length > 1) {
            const victim = up[Math.floor(random() * up.length)] ?? 0;
            await kill(victim);
            kills += 1;
            spawn(victim);
            nextKill = Date.now() + KILL_EVERY[0] + Math.floor(random() * (KILL_EVERY[1] - KILL_EVERY[0]));
          }
        } else if ([...answered.values()].reduce((n, v) => n + v, 0) >= TOTAL) {
          drained = true;
          break;
        }
        await sleep(TICK_MS);
      }
      // A last look: a worker may still be answering; give the drain no more than a moment.
      await sleep(200);
    } finally {
      await Promise.all(workers.map((_, i) => kill(i)));
    }

    const sent = world.sent();
    const replies = new Map<string, number>();
    for (const s of sent) replies.set(s.msgid, (replies.get(s.msgid) ?? 0) + 1);
    const { createHash } = await import('node:crypto');
    const replyOf = (msgid: string) => createHash('sha256').update(msgid).digest('hex').slice(0, 32);
    const lost = customerMsgids.filter((m) => replies.get(replyOf(m)) === undefined).length;
    const duplicated = [...replies.values()].filter((n) => n > 1).length;
    const unexpected = sent.length - customerMsgids.filter((m) => replies.has(replyOf(m))).length;
    const backwards: string[] = [];
    let cursorWrites = 0;
    for (const a of accounts) {
      const log = (await redis.send(['LRANGE', `${prefix}:cursor-log:${a}`, '0', '-1'])) as string[];
      cursorWrites += log.length;
      const seqs = log.map(cursorSeq);
      seqs.forEach((s, i) => {
        if (i > 0 && s < (seqs[i - 1] ?? 0)) backwards.push(`${a}: ${seqs[i - 1]} -> ${s}`);
      });
    }
    const calls = world.calls();
    const count = (endpoint: string, errcode?: number) =>
      calls.filter((c) => c.endpoint === endpoint && (errcode === undefined || c.errcode === errcode)).length;
    const figures = {
      client: kind,
      seed: `0x${seed.toString(16)}`,
      messages: customerMsgids.length,
      answered: sent.length,
      lost,
      duplicated,
      unexpected,
      drained,
      seconds: Math.round((Date.now() - began) / 100) / 10,
      // CPU used, whatever else loads the machine: this process (the mock, the customers, the
      // load balancer) and the workers (read from /proc just before each is killed).
      mockCpuSeconds: Math.round((cpuTotal(process.cpuUsage(cpuBefore)) / 1e6) * 10) / 10,
      workerCpuSeconds: Math.round(workerCpu * 10) / 10,
      kills,
      workerStarts: starts,
      undeliverableCallbacks: undeliverable,
      cursorWrites,
      cursorsBackwards: backwards.length,
      gettoken: count('getToken'),
      syncMsg: count('syncMsg'),
      sendMsg: count('sendMsg'),
      duplicateSendsRefused: count('sendMsg', server.mock.behaviour.duplicateMsgidErrcode),
    };
    await server.close();
    // The figures the issue asks for, one line per client (docs/benchmarks.md quotes them); the
    // suite shows the logs of passing tests with KF_TEST_VERBOSE=1, and always those of failures.
    console.log(
      `replica chaos: ${JSON.stringify(figures)}${backwards.length > 0 ? ` ${backwards.slice(0, 5).join('; ')}` : ''}`,
    );

    expect(customerMsgids).toHaveLength(TOTAL);
    expect(kills).toBeGreaterThan(0);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(unexpected).toBe(0);
    expect(drained).toBe(true);
    expect(backwards).toEqual([]);
    expect(cursorWrites).toBeGreaterThan(0);
    // The token lives 2 hours on the mock: one gettoken for the whole run, not one per worker start.
    expect(figures.gettoken).toBe(1);
  });
});
