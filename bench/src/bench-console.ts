/**
 * 8. Package cost of the kf-mock console: what its browser assets (`dist/console/` of @kf/mock,
 * served at `/` by the standalone server) add to the package, min+gzip, against the budget
 * of 100 KB. The script is bundled and minified with rolldown (browser platform) as a reader of the
 * figure would ship it; the CSS is minified by dropping comments and spacing; the HTML is as is.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'rolldown';
import { type BenchmarkResult, type Figure, figure, type RunSettings } from './harness.js';

const BUDGET = 100 * 1024;
const gzip = (bytes: Uint8Array | string): number => gzipSync(bytes, { level: 9 }).byteLength;

const minifyCss = (css: string): string =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();

export async function benchConsole(_settings: RunSettings): Promise<BenchmarkResult> {
  const pkg = dirname(fileURLToPath(import.meta.resolve('@kf/mock/package.json')));
  const dir = join(pkg, 'dist', 'console');
  const names = await readdir(dir);
  const result = await build({
    input: join(dir, 'main.js'),
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    output: { format: 'esm', minify: true },
  });
  let js = '';
  for (const item of result.output) if (item.type === 'chunk') js += item.code;
  const css = minifyCss(await readFile(join(dir, 'console.css'), 'utf8'));
  const html = await readFile(join(dir, 'index.html'));
  let shipped = 0;
  for (const name of names) shipped += gzip(await readFile(join(dir, name)));

  const bytes = (name: string, value: number, extra: Partial<Figure> = {}): Figure =>
    figure({ name, unit: 'bytes', context: true, ...extra }, [value]);
  const total = gzip(js) + gzip(css) + gzip(html);
  return {
    id: 8,
    title: 'Package cost of the kf-mock console (min+gzip bytes)',
    status: 'done',
    figures: [
      figure(
        {
          name: '@kf/mock console assets: min+gzip, script + styles + page',
          unit: 'bytes',
          goal: { op: '<=', value: BUDGET },
        },
        [total],
      ),
      bytes('console script (all modules bundled): min+gzip', gzip(js)),
      bytes('console styles: min+gzip', gzip(css)),
      bytes('console page (index.html): gzip', gzip(html)),
      bytes(`console files as published (${names.length} files, each gzipped, unminified)`, shipped),
    ],
  };
}
