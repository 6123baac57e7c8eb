import { fileURLToPath } from 'node:url';

const src = (pkg: string, entry = 'index') =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${entry}.ts`, import.meta.url));

/**
 * Tests import sibling packages from source, so `pnpm test` needs no build and a change in
 * `@kf/types` is seen at once by the packages built on it. The packaging suite
 * (`vitest.packages.config.ts`) is the one that exercises the built, packed artefacts.
 */
export const workspaceAlias = [
  { find: /^@kf\/types\/errors$/, replacement: src('types', 'errors') },
  { find: /^@kf\/types$/, replacement: src('types') },
  { find: /^@kf\/crypto$/, replacement: src('crypto') },
  { find: /^@kf\/client\/node$/, replacement: src('client', 'node') },
  { find: /^@kf\/client$/, replacement: src('client') },
  { find: /^@kf\/redis$/, replacement: src('redis') },
  { find: /^@kf\/mock\/server$/, replacement: src('mock', 'server') },
  { find: /^@kf\/mock$/, replacement: src('mock') },
];

/**
 * Tests assert on outcomes, never on elapsed time; this bound only stops a hung test. The reliability suites do
 * thousands of requests, which take seconds on a busy 2-core machine, so it is far above vitest's 5 s default.
 */
export const testTimeout = 30_000;
