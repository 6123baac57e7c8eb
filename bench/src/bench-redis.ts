/**
 * 9. Replicas on Redis: 10,000 text messages over three accounts of the standalone mock, drained by
 * consumers with @kf/redis stores (ioredis) against the same drain with the default in-memory stores
 * in the same run: one process (goal ≥ 0.5 of in-memory throughput: round trips are batched per
 * page, not one per message), and three replica processes sharing the three accounts through the
 * per-account lease. Every drain runs in fresh processes, warmed up (imports loaded, token in hand)
 * before the clock starts, under a fresh key prefix; the keys are deleted afterwards.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { start } from '@kf/mock/server';
import { toRedisCommands } from '@kf/redis';
import { Redis } from 'ioredis';
import { type BenchmarkResult, type Figure, figure, type RunSettings } from './harness.js';

const REDIS_URL = process.env.KF_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ACCOUNTS = 3;
const TOTAL = 10_000;

interface ChildResult {
  readonly ms: number;
  readonly handled: number;
  readonly failure?: string;
}

type Variant = 'memory' | 'redis' | 'replicas';

async function seeded() {
  const server = await start({ seed: 'bench-redis' });
  const { mock } = server;
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => mock.scenario.createAccount({ name: `a${i}` }));
  const customers = Array.from({ length: 20 }, (_, i) => mock.scenario.createCustomer({ nickname: `c${i}` }));
  for (let i = 0; i < TOTAL; i++) {
    mock.scenario.customerSends({
      open_kfid: accounts[i % ACCOUNTS] ?? '',
      external_userid: customers[i % customers.length] ?? '',
      message: { msgtype: 'text', text: { content: `你好 ${i}，我的订单什么时候发货？` } },
    });
  }
  const targets = accounts.map((open_kfid) => {
    const token = mock.world.latestCallbackToken(open_kfid);
    if (token === undefined) throw new Error('the mock issued no callback token');
    return { open_kfid, token };
  });
  return { server, targets };
}

/** Starts `n` warmed-up children, then lets them all go at once; resolves the slowest time and the sum handled. */
async function drain(n: number, config: Record<string, unknown>): Promise<{ ms: number; handled: number }> {
  const script = fileURLToPath(new URL('redis-child.js', import.meta.url));
  const children: ChildProcess[] = [];
  try {
    const results = await new Promise<ChildResult[]>((resolve, reject) => {
      const got: ChildResult[] = [];
      let ready = 0;
      const timer = setTimeout(() => reject(new Error('a drain took over 120 s')), 120_000);
      for (let i = 0; i < n; i++) {
        const child = fork(script, [JSON.stringify(config)], {
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        });
        children.push(child);
        child.on('error', reject);
        child.on('exit', (code) => {
          if (code !== 0 && code !== null) reject(new Error(`redis-child exited with ${code}`));
        });
        child.on('message', (message: 'ready' | ChildResult) => {
          if (message === 'ready') {
            ready += 1;
            if (ready === n) for (const c of children) c.send('go');
            return;
          }
          got.push(message);
          if (got.length === n) {
            clearTimeout(timer);
            resolve(got);
          }
        });
      }
    });
    const failed = results.find((r) => r.failure !== undefined);
    if (failed !== undefined) throw new Error(`a drain failed: ${failed.failure}`);
    return { ms: Math.max(...results.map((r) => r.ms)), handled: results.reduce((s, r) => s + r.handled, 0) };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

export async function benchRedis(settings: RunSettings): Promise<BenchmarkResult> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
  } catch {
    throw new Error(`benchmark 9 needs Redis at ${REDIS_URL} (set KF_REDIS_URL)`);
  }
  const commands = toRedisCommands(redis);
  const { server, targets } = await seeded();
  const prefixes: string[] = [];
  try {
    const run = async (variant: Variant) => {
      const prefix = `kf-bench:${randomUUID()}`;
      prefixes.push(prefix);
      const config = {
        stores: variant === 'memory' ? 'memory' : 'redis',
        url: server.url,
        corpId: server.mock.credentials.corpId,
        secret: server.mock.credentials.secret,
        accounts: targets,
        redisUrl: REDIS_URL,
        prefix,
      };
      const result = await drain(variant === 'replicas' ? 3 : 1, config);
      if (result.handled !== TOTAL)
        throw new Error(`${variant}: handled ${result.handled}, expected ${TOTAL}`);
      return result.ms;
    };
    // One unmeasured drain per variant warms the mock and the OS caches.
    const variants: Variant[] = ['memory', 'redis', 'replicas'];
    for (const variant of variants) await run(variant);
    const rounds = settings.quick ? 2 : 4;
    const ratio = { redis: [] as number[], replicas: [] as number[] };
    const throughput: Record<Variant, number[]> = { memory: [], redis: [], replicas: [] };
    for (let round = 0; round < rounds; round++) {
      const order = variants.map((_, i) => variants[(i + round) % variants.length] ?? 'memory');
      const ms: Partial<Record<Variant, number>> = {};
      for (const variant of order) ms[variant] = await run(variant);
      for (const variant of variants) throughput[variant].push((TOTAL / (ms[variant] ?? Number.NaN)) * 1000);
      ratio.redis.push((ms.memory ?? Number.NaN) / (ms.redis ?? Number.NaN));
      ratio.replicas.push((ms.memory ?? Number.NaN) / (ms.replicas ?? Number.NaN));
    }
    const baseline =
      'one consumer process with the in-memory stores draining the same 10,000 messages (3 accounts) of the same mock, same run';
    const figures: Figure[] = [
      figure(
        {
          name: '10,000 messages, one process: @kf/redis stores ÷ in-memory stores (messages/s)',
          unit: 'ratio',
          baseline,
          goal: { op: '>=', value: 0.5 },
        },
        ratio.redis,
      ),
      figure(
        {
          name: '10,000 messages, three replicas over three accounts (@kf/redis) ÷ one in-memory process (messages/s)',
          unit: 'ratio',
          baseline,
          goal: { op: '>=', value: 0.5 },
        },
        ratio.replicas,
      ),
    ];
    const label: Record<Variant, string> = {
      memory: 'one process, in-memory stores',
      redis: 'one process, @kf/redis',
      replicas: 'three replicas, @kf/redis',
    };
    for (const variant of variants) {
      figures.push(
        figure(
          { name: `${label[variant]}: throughput`, unit: 'messages/s', context: true },
          throughput[variant],
        ),
      );
    }
    return {
      id: 9,
      title: 'Replicas on Redis (10k messages, @kf/redis vs in-memory stores)',
      status: 'done',
      figures,
    };
  } finally {
    await server.close();
    for (const prefix of prefixes) {
      let cursor = '0';
      do {
        const [next, keys] = (await commands.send([
          'SCAN',
          cursor,
          'MATCH',
          `${prefix}*`,
          'COUNT',
          '1000',
        ])) as [string, string[]];
        cursor = next;
        if (keys.length > 0) await commands.send(['DEL', ...keys]);
      } while (cursor !== '0');
    }
    redis.disconnect();
  }
}
