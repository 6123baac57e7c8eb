/** One fresh process of benchmark 7: `node import-child.js <specifier>` prints `{ ms }`, the time of `import(specifier)`. */
import { performance } from 'node:perf_hooks';

const specifier = process.argv[2];
if (specifier === undefined) throw new Error('usage: import-child.js <specifier>');
const start = performance.now();
await import(specifier);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - start })}\n`);
