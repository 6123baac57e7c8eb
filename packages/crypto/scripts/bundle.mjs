// Publishes @kf/crypto's runtime as one ES module. In a fresh process, Node's ES module loader
// pays per file (resolve, read, compile, link): the seventeen modules tsc writes took about 27 ms
// to import against 9–17 ms for the same code as one file (docs/benchmarks.md, benchmark 7).
// tsc still writes the declaration files, which the `exports` map's "types" condition reads.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const entry = join(dist, 'index.js');

await build({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // @kf/types stays a dependency: one KfError class for every kf package of an install.
  external: ['@kf/types', '@kf/types/*'],
  legalComments: 'none',
  logLevel: 'warning',
});

// The per-module .js files tsc wrote are now inside index.js; only declarations stay beside it.
for (const file of await readdir(dist, { recursive: true })) {
  if (file.endsWith('.js') && file !== 'index.js') await rm(join(dist, file));
}
