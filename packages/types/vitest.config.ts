import { defineProject } from 'vitest/config';
import { testTimeout, workspaceAlias } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: '@kf/types',
    testTimeout,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // No isolation: the files share one module graph per worker, which saves most of the run (issue 12).
    // They test schemas and pure functions: no module-level state, mocked module, stubbed global, environment
    // variable or fake timer can leak from one file to the next, and they pass in any order (shuffled runs).
    isolate: false,
  },
});
