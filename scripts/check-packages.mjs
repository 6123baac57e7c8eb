// Package checks for every published package: publint (strict) on the package as it would be
// packed, and @arethetypeswrong/cli on the packed tarball with the ESM-only profile.
// Run after `turbo run build`. Exits non-zero on the first package that fails.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishedPackages, root } from './workspace-packages.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

const out = mkdtempSync(join(tmpdir(), 'kf-pack-'));
let failed = 0;
try {
  for (const pkg of publishedPackages()) {
    console.log(`\n▶ ${pkg.name}`);
    try {
      run(bin('publint'), ['run', '--strict', '--pack', 'pnpm', pkg.path], root);
      const before = new Set(readdirSync(out));
      run('pnpm', ['pack', '--pack-destination', out], pkg.path);
      const tarball = readdirSync(out).find((f) => !before.has(f));
      if (!tarball) throw new Error(`pnpm pack produced no tarball for ${pkg.name}`);
      run(bin('attw'), [join(out, tarball), '--profile', 'esm-only', '--format', 'table-flipped'], root);
      console.log(`✔ ${pkg.name}: publint and attw pass`);
    } catch {
      failed++;
      console.error(`✖ ${pkg.name}: package checks failed`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(failed === 0 ? 0 : 1);
