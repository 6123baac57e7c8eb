/**
 * `pnpm bench [--quick] [--only=1,4]`: runs the benchmarks of issue 6 that exist, prints a table and
 * writes `bench/results/latest.json`. A missed goal is printed, not fatal; a benchmark that throws
 * makes the exit code 1 (the others still run).
 */
import { performance } from 'node:perf_hooks';
import { benchClient } from './bench-client.js';
import { benchConsole } from './bench-console.js';
import { benchCrypto } from './bench-crypto.js';
import { benchMockServer } from './bench-mock-server.js';
import { benchPackage } from './bench-package.js';
import { benchRedis } from './bench-redis.js';
import { benchStartup } from './bench-startup.js';
import { benchSync } from './bench-sync.js';
import { benchToken } from './bench-token.js';
import { type BenchmarkResult, formatTable, machine, type RunSettings, writeReport } from './harness.js';

type Bench = (settings: RunSettings) => Promise<BenchmarkResult>;

const BENCHMARKS: readonly { id: number; title: string; run?: Bench; notYet?: string }[] = [
  { id: 1, title: 'Client overhead (KfClient vs raw fetch, loopback node:http)', run: benchClient },
  { id: 2, title: 'Token single-flight (1000 concurrent calls, cold cache)', run: benchToken },
  { id: 3, title: 'Sync drain (10k / 100k messages, sync iterator and consumer)', run: benchSync },
  { id: 4, title: 'Callback crypto (@kf/crypto vs @wecom/crypto 1.0.1)', run: benchCrypto },
  { id: 5, title: 'Mock server throughput (standalone mock vs bare node:http)', run: benchMockServer },
  { id: 6, title: 'Consumer test start-up (createKfMock + setupServer + first call)', run: benchStartup },
  { id: 7, title: 'Package cost (min+gzip bytes, import time)', run: benchPackage },
  { id: 8, title: 'Package cost of the kf-mock console (min+gzip bytes)', run: benchConsole },
  { id: 9, title: 'Replicas on Redis (10k messages, @kf/redis vs in-memory stores)', run: benchRedis },
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only =
  onlyArg === undefined ? undefined : new Set(onlyArg.slice('--only='.length).split(',').map(Number));
const unknown = args.filter((a) => a !== '--quick' && !a.startsWith('--only='));
if (unknown.length > 0) {
  console.error(
    `unknown arguments: ${unknown.join(' ')}\nusage: pnpm bench [--quick] [--only=1,2,3,4,5,6,7,8]`,
  );
  process.exit(2);
}

const settings: RunSettings = { quick };
const m = machine();
console.log(
  `kf benchmarks${quick ? ' (--quick)' : ''}: Node ${m.node}, ${m.cores} cores (${m.cpu}), ${m.platform}`,
);
console.log(
  'Every figure is a ratio against a baseline measured in the same run; ms and ops/s are context only.',
);

const started = performance.now();
const results: BenchmarkResult[] = [];
let failed = false;
for (const bench of BENCHMARKS) {
  if (only !== undefined && !only.has(bench.id)) continue;
  if (bench.run === undefined) {
    results.push({
      id: bench.id,
      title: bench.title,
      status: 'not yet',
      reason: bench.notYet ?? '',
      figures: [],
    });
    console.log(`\n[${bench.id}] ${bench.title}: not yet (${bench.notYet})`);
    continue;
  }
  console.log(`\n[${bench.id}] ${bench.title} …`);
  const t0 = performance.now();
  try {
    const result = await bench.run(settings);
    results.push({ ...result, durationMs: Math.round(performance.now() - t0) });
    console.log(`[${bench.id}] done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    failed = true;
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    results.push({ id: bench.id, title: bench.title, status: 'error', reason, figures: [] });
    console.error(`[${bench.id}] FAILED: ${reason}`);
  }
}
const durationMs = performance.now() - started;

console.log(formatTable(results));
const missed = results.flatMap((r) =>
  r.figures.filter((f) => f.met === false).map((f) => `${r.id}. ${f.name}`),
);
console.log('');
if (missed.length > 0) {
  console.log(`GOALS MISSED (${missed.length}):`);
  for (const line of missed) console.log(`  - ${line}`);
} else {
  console.log('Every goal that was measured is met.');
}
const out = new URL('../results/latest.json', import.meta.url);
await writeReport(out, { quick, durationMs, results });
console.log(`\nTotal ${(durationMs / 1000).toFixed(1)} s; JSON written to bench/results/latest.json`);
process.exitCode = failed ? 1 : 0;
