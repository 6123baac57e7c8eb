/**
 * `pnpm demo`: the whole loop with nothing configured. Starts the standalone `@kf/mock` and the
 * support bot on free loopback ports, wires the mock's callbacks to the bot, plays a few customers
 * and prints the transcript. Exits 0 when every expected step happened, 1 otherwise.
 *
 * `pnpm demo --console`: starts the same two and leaves them running, with the console URL printed,
 * to chat with the bot in a browser (until Ctrl-C).
 */
import { execFileSync } from 'node:child_process';
import { startConsoleDemo } from './demo/console.js';
import { runDemo } from './demo/run.js';

if (process.argv.includes('--console')) {
  const port = Number(process.env.KF_MOCK_PORT ?? 0);
  const demo = await startConsoleDemo({ port });
  if ((await fetch(demo.consoleUrl)).status === 404) {
    // A fresh clone has not built @kf/mock yet: the console's page is compiled from its sources.
    console.log('building the console of @kf/mock (once)…');
    execFileSync('pnpm', ['--filter', '@kf/mock', 'run', 'build:console'], { stdio: 'inherit' });
  }
  const [account] = demo.mock.setup.accounts;
  console.log('kf demo — the support bot of apps/example, running against the standalone @kf/mock');
  console.log(`  console  ${demo.consoleUrl}   ← open this in a browser`);
  console.log(`  mock     ${demo.mock.url}  (kf account "${account?.name}" ${account?.open_kfid})`);
  console.log(`  bot      ${demo.bot.callbackUrl}`);
  console.log('Ctrl-C stops both.');
  const stop = (): void => {
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} else {
  await demoTranscript();
}

async function demoTranscript(): Promise<void> {
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
}
