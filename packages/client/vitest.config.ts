import { defineProject } from 'vitest/config';
import { testTimeout, workspaceAlias } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: '@kf/client',
    testTimeout,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // No isolation: the files share one module graph per worker, which halves the run (issue 12). The
    // client keeps no module-level state; each file's MSW and loopback servers are closed in its hooks,
    // fake timers are restored in `afterEach`, the abuse suite removes its `unhandledRejection` listener
    // (its generator state lives in a fixture only it imports), nothing is mocked or stubbed, and no
    // environment variable is set. The files pass in any order (shuffled runs).
    isolate: false,
  },
});
