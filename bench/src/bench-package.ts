/**
 * 7. Package cost: min+gzip bytes of each published entry (every `exports` key of each package), bundled with rolldown (minified, ESM,
 * node platform) once with `zod` bundled in and once with `zod` external, plus the gzip of the
 * files as published (tsc output, not bundled); and the time of `import()` of each entry in a
 * fresh process, as a ratio against a reference package imported the same way in the same run.
 */
import { readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'rolldown';
import { runChild } from './child.js';
import { type BenchmarkResult, type Figure, figure, type RunSettings } from './harness.js';

const PACKAGES = ['@kf/types', '@kf/crypto', '@kf/client', '@kf/mock'] as const;
const REFERENCES = ['zod', '@wecom/crypto'] as const;
const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

const gzip = (bytes: Uint8Array | string): number => gzipSync(bytes, { level: 9 }).byteLength;

/** Minified bundle of `input` (bare specifier, resolved from bench/): its size and its gzip. */
async function minified(input: string, externalZod: boolean): Promise<{ min: number; gz: number }> {
  const result = await build({
    input,
    cwd: BENCH_DIR,
    platform: 'node',
    write: false,
    logLevel: 'silent',
    // msw is a peer dependency of @kf/mock: never part of its cost.
    external: (id) => builtins.has(id) || /^msw(\/|$)/.test(id) || (externalZod && /^zod(\/|$)/.test(id)),
    output: { format: 'esm', minify: true },
  });
  let code = '';
  for (const item of result.output) if (item.type === 'chunk') code += item.code;
  return { min: Buffer.byteLength(code), gz: gzip(code) };
}

/** The public entries of a package, from the `exports` of its package.json (`.` → the name). */
async function publishedEntries(pkg: string): Promise<string[]> {
  const manifest = JSON.parse(
    await readFile(fileURLToPath(import.meta.resolve(`${pkg}/package.json`)), 'utf8'),
  ) as {
    exports?: Record<string, unknown>;
  };
  return Object.keys(manifest.exports ?? { '.': null })
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? pkg : `${pkg}/${key.slice(2)}`));
}

/** Sum of the gzip of every `.js` file of a package's dist, as published (each file on its own). */
async function publishedGzip(pkg: string): Promise<number> {
  const entry = fileURLToPath(import.meta.resolve(pkg));
  const dist = dirname(entry);
  let total = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const item of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, item.name);
      if (item.isDirectory()) await walk(path);
      else if (item.name.endsWith('.js')) total += gzip(await readFile(path));
    }
  };
  await walk(dist);
  return total;
}

export async function benchPackage(settings: RunSettings): Promise<BenchmarkResult> {
  const figures: Figure[] = [];
  const bytes = (name: string, value: number, note?: string): Figure =>
    figure({ name, unit: 'bytes', context: true, ...(note === undefined ? {} : { note }) }, [value]);

  const skipped: string[] = [];
  for (const entry of (await Promise.all(PACKAGES.map(publishedEntries))).flat()) {
    try {
      const withZod = await minified(entry, false);
      const noZod = await minified(entry, true);
      figures.push(
        bytes(`${entry}: min+gzip, zod bundled`, withZod.gz),
        bytes(`${entry}: min+gzip, zod external`, noZod.gz),
      );
    } catch (error) {
      // An entry declared in package.json but not built (yet): say so instead of failing the run.
      skipped.push(
        `${entry} (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`,
      );
    }
  }
  for (const pkg of PACKAGES) {
    figures.push(
      bytes(`${pkg}: gzip of the published .js files (unbundled, unminified)`, await publishedGzip(pkg)),
    );
  }
  for (const ref of REFERENCES) {
    const m = await minified(ref, false);
    figures.push(bytes(`reference ${ref}: min+gzip`, m.gz));
  }

  // import() time, each in a fresh process, interleaved; the ratio is per round.
  const pairs = [
    ['@kf/types', 'zod'],
    ['@kf/client', 'zod'],
    ['@kf/crypto', '@wecom/crypto'],
    ['@kf/mock', 'msw'],
  ] as const;
  const specs = [...new Set(pairs.flat())];
  const rounds = settings.quick ? 3 : 7;
  const times = new Map<string, number[]>(specs.map((s) => [s, []]));
  for (const spec of specs) await runChild<{ ms: number }>('import-child.js', [spec]); // warm the file cache
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? specs : [...specs].reverse();
    for (const spec of order) {
      const { ms } = await runChild<{ ms: number }>('import-child.js', [spec]);
      times.get(spec)?.push(ms);
    }
  }
  for (const [ours, reference] of pairs) {
    const a = times.get(ours) ?? [];
    const b = times.get(reference) ?? [];
    figures.push(
      figure(
        {
          name: `import('${ours}') ÷ import('${reference}'), fresh process`,
          unit: 'ratio',
          baseline: `import('${reference}') in a fresh process, same run`,
          // Issue 15: the callback library costs at most twice the official one to load.
          ...(ours === '@kf/crypto' ? { goal: { op: '<=', value: 2 } as const } : {}),
        },
        a.map((ms, i) => ms / (b[i] ?? Number.NaN)),
      ),
    );
  }
  for (const spec of specs)
    figures.push(figure({ name: `import('${spec}')`, unit: 'ms', context: true }, times.get(spec) ?? []));
  return {
    id: 7,
    title: 'Package cost (min+gzip bytes, import time)',
    status: 'done',
    ...(skipped.length > 0 ? { reason: `entries not measured: ${skipped.join('; ')}` } : {}),
    figures,
  };
}
