import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../../', import.meta.url));
const sources = readdirSync(`${pkg}src/console`).map((name) => `${pkg}src/console/${name}`);
const built = `${pkg}dist/console/main.js`;

/**
 * The server serves the console from `dist/console/` (the `build:console` script's output). Tests
 * run from the sources without a build, so the browser suites build the console first when it is
 * missing or older than its sources (in CI, `pnpm build` already did).
 */
export function ensureConsoleBuilt(): void {
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (sources.every((file) => statSync(file).mtimeMs <= builtAt)) return;
  // Built aside, then each file renamed into place: two suites building at once, or a server
  // reading meanwhile, never see half a file.
  const aside = `${pkg}dist/console-${process.pid}`;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', `${pkg}src/console/tsconfig.json`, '--outDir', aside], {
    stdio: 'inherit',
  });
  for (const name of ['index.html', 'console.css'])
    copyFileSync(`${pkg}src/console/${name}`, `${aside}/${name}`);
  mkdirSync(`${pkg}dist/console`, { recursive: true });
  for (const name of readdirSync(aside)) renameSync(`${aside}/${name}`, `${pkg}dist/console/${name}`);
  rmSync(aside, { recursive: true, force: true });
}
