/**
 * `pnpm demo`: the whole loop with nothing configured. Starts the standalone `@kf/mock` and the
 * support bot on free loopback ports, wires the mock's callbacks to the bot, plays a few customers
 * and prints the transcript. Exits 0 when every expected step happened, 1 otherwise.
 */
import { runDemo } from './demo/run.js';

const began = performance.now();
const colour = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
const result = await runDemo({ write: (line) => console.log(line), colour });
const seconds = ((performance.now() - began) / 1000).toFixed(1);

console.log('');
if (result.failed === 0) {
  console.log(`✔ all ${result.passed} checks passed in ${seconds} s`);
} else {
  console.error(
    `✖ ${result.failed} of ${result.passed + result.failed} checks failed${
      result.aborted === undefined ? '' : ` (stopped: ${result.aborted.split('\n')[0]})`
    } — the bot did not do what the steps above expected.`,
  );
}
process.exit(result.failed === 0 ? 0 : 1);
