import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../../', import.meta.url));
const sources = [
  `${pkg}console/index.html`,
  `${pkg}console/console.css`,
  `${pkg}console/tsconfig.json`,
].concat(readdirSync(`${pkg}console/src`).map((name) => `${pkg}console/src/${name}`));
const built = `${pkg}dist/console/main.js`;

/**
 * The server serves the console from `dist/console/` (the `build:console` script's output). Tests
 * run from the sources without a build, so the browser suites build the console first when it is
 * missing or older than its sources (in CI, `pnpm build` already did).
 */
export function ensureConsoleBuilt(): void {
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (sources.every((file) => statSync(file).mtimeMs <= builtAt)) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', `${pkg}console/tsconfig.json`], { stdio: 'inherit' });
  for (const name of ['index.html', 'console.css']) {
    copyFileSync(`${pkg}console/${name}`, `${pkg}dist/console/${name}`);
  }
}
