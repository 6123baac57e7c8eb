import { defineProject } from 'vitest/config';
import { testTimeout, workspaceAlias } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: '@kf/redis',
    testTimeout,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['src/__fixtures__/global-setup.ts'],
    // The Redis suites share one server: files run one after another, each with its own key prefix.
    fileParallelism: false,
  },
});
