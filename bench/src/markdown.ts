/**
 * `node dist/markdown.js [results.json]`: prints the figures of a JSON report as Markdown tables,
 * for `docs/benchmarks.md`.
 */
import { readFile } from 'node:fs/promises';
import type { BenchmarkResult, Figure } from './harness.js';

interface Report {
  readonly date: string;
  readonly command: string;
  readonly machine: Record<string, string | number>;
  readonly durationMs: number;
  readonly benchmarks: readonly BenchmarkResult[];
}

const path = process.argv[2] ?? new URL('../results/latest.json', import.meta.url).pathname;
const report = JSON.parse(await readFile(path, 'utf8')) as Report;

const num = (value: number, unit: string): string => {
  if (unit === 'bytes' || unit === 'count') return Math.round(value).toLocaleString('en-US');
  if (unit === 'ratio') return value.toFixed(2);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(1);
};

const cell = (f: Figure): string[] => {
  const { median, min, max, n } = f.stats;
  const spread = n === 1 ? '—' : `${num(min, f.unit)} … ${num(max, f.unit)}`;
  const goal = f.goal === undefined ? '' : `${f.goal.op} ${f.goal.value}`;
  const status = f.met === undefined ? '' : f.met ? 'met' : '**missed**';
  return [f.name, `**${num(median, f.unit)}**`, spread, String(n), f.unit, goal, status];
};

const m = report.machine;
const lines = [
  `Run of ${report.date} — \`${report.command}\`, Node ${m.node}, ${m.cores} cores (${m.cpu}), ${m.platform}, ${m.memoryGiB} GiB; ${(report.durationMs / 1000).toFixed(0)} s in all.`,
];
for (const b of report.benchmarks) {
  lines.push('', `### ${b.id}. ${b.title}`, '');
  if (b.status !== 'done') {
    lines.push(`**${b.status}**${b.reason ? `: ${b.reason.split('\n')[0]}` : ''}`);
    continue;
  }
  lines.push(
    '| Figure | Median | Spread (min … max) | Rounds | Unit | Goal | |',
    '|---|--:|--:|--:|---|---|---|',
  );
  for (const f of b.figures) lines.push(`| ${cell(f).join(' | ')} |`);
  const baselines = [...new Set(b.figures.flatMap((f) => (f.baseline === undefined ? [] : [f.baseline])))];
  if (baselines.length > 0) lines.push('', ...baselines.map((x) => `Baseline: ${x}.`));
}
process.stdout.write(`${lines.join('\n')}\n`);
