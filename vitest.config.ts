import { defineConfig } from 'vitest/config';

// Logs of passing tests (the reliability suites' statistics) are shown only when asked for.
const verbose = process.env.KF_TEST_VERBOSE === '1';
// `.ci/run` runs the README's `pnpm test` as printed; it asks for a JSON report through the environment.
const jsonReport = process.env.KF_TEST_JSON;

export default defineConfig({
  test: {
    silent: verbose ? false : 'passed-only',
    ...(jsonReport ? { reporters: ['default', ['json', { outputFile: jsonReport }]] } : {}),
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      // The repository's own checks (READMEs, changesets); the packaging smoke test has its own config.
      'scripts/vitest.config.ts',
      {
        // Every package's type tests, and a type check of every source and test file, in one tsc run
        // over tsconfig.test.json (one program, one incremental cache, one experimental notice).
        test: {
          name: 'type tests',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['packages/*/src/**/*.test-d.ts', 'apps/*/src/**/*.test-d.ts'],
            tsconfig: './tsconfig.test.json',
          },
        },
      },
    ],
  },
});
