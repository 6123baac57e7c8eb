import { defineProject } from 'vitest/config';
import { testTimeout, workspaceAlias } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: '@kf/crypto',
    testTimeout,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
