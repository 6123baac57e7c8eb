import { defineProject } from 'vitest/config';
import { testTimeout, workspaceAlias } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: '@kf/mock',
    testTimeout,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // No isolation: the files share one module graph per worker, which saves most of the run (issue 12).
    // The mock keeps no module-level state (a world per `createKfMock`; the console's file cache and
    // watcher map are keyed by file and by mock); each file's MSW server is closed in its `afterAll`, fake
    // timers are restored where they are set, nothing is mocked or stubbed, and no environment variable
    // is set. The files pass in any order (shuffled runs).
    isolate: false,
  },
});
