/**
 * The benchmark harness: warm-up, rounds, median and spread, a table printer and the JSON
 * report. Every figure is a ratio against a baseline measured in the same run (shared, noisy
 * machines make bare times meaningless); absolute times are kept in the JSON for context only.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';

/** Median, interquartile range and extremes of a sample. */
export interface Stats {
  readonly n: number;
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  readonly min: number;
  readonly max: number;
}

/** A goal of the issue: the figure must be `<=`, `>=` or `==` the value. */
export interface Goal {
  readonly op: '<=' | '>=' | '==';
  readonly value: number;
}

/** One reported figure. */
export interface Figure {
  /** What is measured, e.g. `account.list sequential: client ÷ raw fetch (time per call)`. */
  readonly name: string;
  readonly unit: string;
  readonly stats: Stats;
  /** What the figure is relative to (for ratios), or `undefined` for counts and context values. */
  readonly baseline?: string;
  readonly goal?: Goal;
  /** Whether the goal is met (by the median). */
  readonly met?: boolean;
  /** A context value that is not a ratio (e.g. a throughput or a byte count): printed, never judged. */
  readonly context?: boolean;
  readonly note?: string;
}

/** The outcome of one benchmark of the issue. */
export interface BenchmarkResult {
  readonly id: number;
  readonly title: string;
  readonly status: 'done' | 'not yet' | 'error';
  readonly reason?: string;
  readonly durationMs?: number;
  readonly figures: Figure[];
}

/** Settings every benchmark gets. */
export interface RunSettings {
  /** `--quick`: fewer rounds and iterations. */
  readonly quick: boolean;
}

export function stats(values: readonly number[]): Stats {
  if (values.length === 0) throw new Error('stats of an empty sample');
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => {
    const position = (sorted.length - 1) * p;
    const low = Math.floor(position);
    const high = Math.ceil(position);
    const a = sorted[low] ?? 0;
    const b = sorted[high] ?? a;
    return a + (b - a) * (position - low);
  };
  return {
    n: sorted.length,
    median: at(0.5),
    q1: at(0.25),
    q3: at(0.75),
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
  };
}

export function meets(value: number, goal: Goal): boolean {
  switch (goal.op) {
    case '<=':
      return value <= goal.value;
    case '>=':
      return value >= goal.value;
    case '==':
      return value === goal.value;
  }
}

/** A figure, judged against its goal when it has one. */
export function figure(init: Omit<Figure, 'stats' | 'met'>, values: readonly number[]): Figure {
  const s = stats(values);
  return init.goal === undefined
    ? { ...init, stats: s }
    : { ...init, stats: s, met: meets(s.median, init.goal) };
}

/** Milliseconds of one call of `fn`. */
export async function timeIt(fn: () => Promise<void> | void): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Paired rounds of a candidate and its baseline: after `warmup` unmeasured pairs, `rounds` pairs
 * whose order alternates (so drift of the machine hits both sides alike). Each side returns its
 * own elapsed milliseconds (so set-up outside the timed part is excluded). Returns the times of
 * both and the per-round ratio candidate ÷ baseline.
 */
export async function paired(
  options: { readonly warmup: number; readonly rounds: number; readonly maxMs?: number },
  candidate: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<{ candidate: number[]; baseline: number[]; ratio: number[] }> {
  for (let i = 0; i < options.warmup; i++) {
    await candidate();
    await baseline();
  }
  const result = { candidate: [] as number[], baseline: [] as number[], ratio: [] as number[] };
  const deadline = performance.now() + (options.maxMs ?? 120_000);
  for (let i = 0; i < options.rounds; i++) {
    let c: number;
    let b: number;
    if (i % 2 === 0) {
      c = await candidate();
      b = await baseline();
    } else {
      b = await baseline();
      c = await candidate();
    }
    result.candidate.push(c);
    result.baseline.push(b);
    result.ratio.push(c / b);
    // Bounded in time as well as in count: keep at least 3 rounds, then stop at the deadline.
    if (i >= 2 && performance.now() > deadline) break;
  }
  return result;
}

/** Runs `fn` `total` times with at most `concurrency` in flight. */
export async function pool(
  total: number,
  concurrency: number,
  fn: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

/** The machine the figures come from. */
export function machine(): Record<string, string | number> {
  const list = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cores: list.length,
    cpu: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}

const fmt = (value: number): string => {
  const abs = Math.abs(value);
  if (Number.isInteger(value)) return abs >= 10_000 ? value.toLocaleString('en-US') : String(value);
  if (abs !== 0 && abs < 0.01) return value.toExponential(2);
  if (abs >= 10_000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(3);
};

const goalText = (goal: Goal | undefined): string => (goal === undefined ? '' : `${goal.op} ${goal.value}`);

/** The results as a fixed-width text table (one block per benchmark). */
export function formatTable(results: readonly BenchmarkResult[]): string {
  const lines: string[] = [];
  const header = ['figure', 'median', 'spread (min … max)', 'IQR', 'n', 'unit', 'goal', ''];
  for (const result of results) {
    lines.push(
      '',
      `${result.id}. ${result.title} — ${result.status}${result.reason ? `: ${result.reason}` : ''}`,
    );
    if (result.figures.length === 0) continue;
    const rows = result.figures.map((f) => [
      f.name,
      fmt(f.stats.median),
      `${fmt(f.stats.min)} … ${fmt(f.stats.max)}`,
      `${fmt(f.stats.q1)} … ${fmt(f.stats.q3)}`,
      String(f.stats.n),
      f.unit,
      goalText(f.goal),
      f.met === undefined ? '' : f.met ? 'ok' : 'GOAL MISSED',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: readonly string[]) =>
      `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}`.trimEnd();
    lines.push(line(header));
    for (const row of rows) lines.push(line(row));
  }
  return lines.join('\n');
}

/** Writes the JSON report and returns its path. */
export async function writeReport(
  path: URL,
  report: {
    readonly quick: boolean;
    readonly durationMs: number;
    readonly results: readonly BenchmarkResult[];
  },
): Promise<void> {
  await mkdir(new URL('.', path), { recursive: true });
  const body = {
    date: new Date().toISOString(),
    command: `pnpm bench${report.quick ? ' --quick' : ''}`,
    machine: machine(),
    quick: report.quick,
    durationMs: Math.round(report.durationMs),
    benchmarks: report.results,
  };
  await writeFile(path, `${JSON.stringify(body, null, 2)}\n`);
}
