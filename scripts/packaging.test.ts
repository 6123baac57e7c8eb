// Packaging smoke test: what other teams install is the packed tarball, not the workspace. Pack
// every published package, install the tarballs into a scratch project outside the workspace,
// then load every public entry with `import` and with `require()` (Node >= 20.19), and typecheck a
// consumer file against the installed declarations.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedPackages, root } from './workspace-packages.mjs';

const packages = publishedPackages();
const nodeTypesVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies[
  '@types/node'
];
const scratch = mkdtempSync(join(tmpdir(), 'kf-consumer-'));
const tarballs = join(scratch, 'tarballs');
const project = join(scratch, 'project');

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: project, encoding: 'utf8' });
}

beforeAll(() => {
  mkdirSync(tarballs);
  mkdirSync(project);
  const specs: Record<string, string> = {};
  for (const pkg of packages) {
    const before = new Set(readdirSync(tarballs));
    execFileSync('pnpm', ['pack', '--pack-destination', tarballs], { cwd: pkg.path, stdio: 'pipe' });
    const file = readdirSync(tarballs).find((f) => !before.has(f));
    if (!file) throw new Error(`no tarball for ${pkg.name}`);
    specs[pkg.name] = `file:${join(tarballs, file)}`;
  }
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'kf-consumer',
        private: true,
        type: 'module',
        // A Node consumer has Node's types; the version the workspace builds against.
        dependencies: { ...specs, '@types/node': nodeTypesVersion },
      },
      null,
      2,
    ),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: project,
    stdio: 'pipe',
  });
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe.each(packages.flatMap((pkg) => pkg.entries.map((entry) => ({ entry }))))('$entry', ({ entry }) => {
  it('loads with import and with require(), exposing the same named exports', () => {
    const esm = JSON.parse(
      node([
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(m).sort()))`,
      ]),
    ) as string[];
    const cjs = JSON.parse(
      node([
        '-e',
        `const m = require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== '__esModule' && k !== 'module.exports').sort()))`,
      ]),
    ) as string[];
    expect(esm.length).toBeGreaterThan(0);
    expect(cjs).toEqual(esm);
  });
});

/** Typechecks `entries` from a consumer file in the scratch project; returns tsc's output. */
function typecheckConsumer(name: string, entries: string[], types: string[]): string {
  const imports = entries
    .map(
      (entry, i) =>
        `import * as m${i} from '${entry}';\nexport const n${i}: number = Object.keys(m${i}).length;`,
    )
    .join('\n');
  writeFileSync(join(project, `${name}.ts`), `${imports}\n`);
  writeFileSync(
    join(project, `tsconfig.${name}.json`),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types,
      },
      files: [`${name}.ts`],
    }),
  );
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    return execFileSync(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], {
      cwd: project,
      encoding: 'utf8',
    });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe('installed declarations', () => {
  it('typecheck a Node consumer that imports every public entry (NodeNext resolution)', () => {
    const all = packages.flatMap((pkg) => pkg.entries);
    expect(typecheckConsumer('node-consumer', all, ['node'])).toBe('');
  });

  it('need no Node types for @kf/types and @kf/crypto, which run anywhere', () => {
    const neutral = packages
      .filter((pkg) => pkg.name === '@kf/types' || pkg.name === '@kf/crypto')
      .flatMap((pkg) => pkg.entries);
    expect(neutral.length).toBeGreaterThan(0);
    expect(typecheckConsumer('neutral-consumer', neutral, [])).toBe('');
  });
});

describe('installed bins', () => {
  const bins = packages.flatMap((pkg) =>
    Object.keys((pkg.manifest.bin ?? {}) as Record<string, string>).map((name) => ({ name })),
  );

  it('include the mock server CLI', () => {
    expect(bins.map((b) => b.name)).toContain('kf-mock');
  });

  it.each(bins)('$name runs from the installed tarball (--help)', ({ name }) => {
    const out = execFileSync(join(project, 'node_modules', '.bin', name), ['--help'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(out).toMatch(/usage/i);
  });
});

describe('pnpm pack', () => {
  it('builds a package whose dist/ is missing before packing it, so no tarball ships without code', () => {
    const pkg = packages.find((p) => p.name === '@kf/types');
    if (!pkg) throw new Error('@kf/types is not a published package');
    rmSync(join(pkg.path, 'dist'), { recursive: true, force: true });
    const out = mkdtempSync(join(tmpdir(), 'kf-pack-'));
    try {
      execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: pkg.path, stdio: 'pipe' });
      const file = readdirSync(out).find((f) => f.endsWith('.tgz'));
      if (!file) throw new Error('pnpm pack wrote no tarball');
      const listing = execFileSync('tar', ['tzf', join(out, file)], { encoding: 'utf8' }).split('\n');
      expect(listing).toContain('package/dist/index.js');
      expect(listing).toContain('package/dist/index.d.ts');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
