import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * Runs a fixture script in a fresh Node process (through tsx, sources imported as vitest does)
 * and returns the JSON it prints last. Memory is measured there: in the test worker, vitest's own
 * allocations and the other tests' garbage would make any RSS figure meaningless.
 * `script` is a path relative to this folder, or the URL of a script elsewhere (another package's
 * fixture); the sibling packages resolve from source for either (`child.tsconfig.json`).
 */
export function runChild<T>(script: string | URL, args: readonly string[], timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        typeof script === 'string' ? here(script) : fileURLToPath(script),
        ...args,
      ],
      {
        // The mock's folder: `--import tsx` resolves from there (a devDependency of the package),
        // whether vitest runs from the repository root or from the package.
        cwd: here('../..'),
        env: { ...process.env, TSX_TSCONFIG_PATH: here('./child.tsconfig.json') },
        timeout: timeoutMs,
        maxBuffer: 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(new Error(`${String(script)} failed: ${error.message}\n${stderr}`));
          return;
        }
        const last = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve(JSON.parse(last) as T);
        } catch {
          reject(new Error(`${String(script)} printed no JSON result:\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/** Samples the process's RSS while `work` runs; the peak growth over the starting RSS, in MB. */
export async function peakGrowthMb<T>(work: () => Promise<T>): Promise<{ result: T; grewMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage.rss();
  // maxRSS is the exact high-water mark (KiB), but it may date from start-up: it counts only
  // when the work raised it; otherwise the sampled peak stands.
  const highBefore = process.resourceUsage().maxRSS * 1024;
  let peak = base;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    const highAfter = process.resourceUsage().maxRSS * 1024;
    if (highAfter > highBefore) peak = Math.max(peak, highAfter);
    return { result, grewMb: Math.round((peak - base) / 1e5) / 10 };
  } finally {
    clearInterval(sample);
  }
}
