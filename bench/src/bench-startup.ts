/**
 * 6. Consumer test start-up: `createKfMock()` + `setupServer(...mock.handlers)` + the first client
 * call, versus one hand-written MSW handler answering the same call. Cold: a fresh process, from
 * before the imports (what a test file pays once). Warm: the same set-up again in that process
 * (what each further test pays). Figure: kf mock ÷ hand-written, in ms.
 */
import { runChild } from './child.js';
import { type BenchmarkResult, figure, type RunSettings, stats } from './harness.js';

interface ChildResult {
  readonly coldMs: number;
  readonly warmMs: readonly number[];
}

export async function benchStartup(settings: RunSettings): Promise<BenchmarkResult> {
  const processes = settings.quick ? 3 : 7;
  const warmRounds = settings.quick ? 5 : 15;
  const cold = { kfmock: [] as number[], handwritten: [] as number[] };
  const warm = { kfmock: [] as number[], handwritten: [] as number[] };
  const coldRatio: number[] = [];
  const warmRatio: number[] = [];
  // One unmeasured pair first: it fills the OS file cache for both.
  await runChild<ChildResult>('startup-child.js', ['kfmock', '1']);
  await runChild<ChildResult>('startup-child.js', ['handwritten', '1']);
  for (let i = 0; i < processes; i++) {
    const order = i % 2 === 0 ? (['kfmock', 'handwritten'] as const) : (['handwritten', 'kfmock'] as const);
    const got: Partial<Record<'kfmock' | 'handwritten', ChildResult>> = {};
    for (const variant of order)
      got[variant] = await runChild<ChildResult>('startup-child.js', [variant, String(warmRounds)]);
    const k = got.kfmock;
    const h = got.handwritten;
    if (k === undefined || h === undefined) throw new Error('a start-up child gave no result');
    cold.kfmock.push(k.coldMs);
    cold.handwritten.push(h.coldMs);
    coldRatio.push(k.coldMs / h.coldMs);
    const kWarm = stats(k.warmMs).median;
    const hWarm = stats(h.warmMs).median;
    warm.kfmock.push(kWarm);
    warm.handwritten.push(hWarm);
    warmRatio.push(kWarm / hWarm);
  }
  const figures = [
    figure(
      {
        name: 'cold (fresh process, imports included): kf mock ÷ hand-written',
        unit: 'ratio',
        baseline: 'msw setupServer with one hand-written handler, same client call, same run',
      },
      coldRatio,
    ),
    figure(
      {
        name: 'warm (set-up repeated in the process): kf mock ÷ hand-written',
        unit: 'ratio',
        baseline: 'msw setupServer with one hand-written handler, same client call, same run',
      },
      warmRatio,
    ),
    figure({ name: 'cold: createKfMock + setupServer + first call', unit: 'ms', context: true }, cold.kfmock),
    figure(
      { name: 'cold: hand-written handler + setupServer + first call', unit: 'ms', context: true },
      cold.handwritten,
    ),
    figure({ name: 'warm: createKfMock + setupServer + first call', unit: 'ms', context: true }, warm.kfmock),
    figure(
      { name: 'warm: hand-written handler + setupServer + first call', unit: 'ms', context: true },
      warm.handwritten,
    ),
  ];
  return {
    id: 6,
    title: 'Consumer test start-up (createKfMock + setupServer + first call)',
    status: 'done',
    figures,
  };
}
