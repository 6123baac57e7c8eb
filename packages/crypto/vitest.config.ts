import { defineProject } from 'vitest/config';
import { testTimeout, workspaceAlias } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: '@kf/crypto',
    testTimeout,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // No isolation: the files share one module graph per worker, which saves much of the run (issue 12).
    // They test pure functions (fast-check with fixed seeds); the one module-level cache, `cipher.ts`'s kept
    // deciphers, is keyed by the key and invisible to a test. Nothing is mocked or stubbed, no environment
    // variable or fake timer is set, and the files pass in any order (shuffled runs).
    isolate: false,
  },
});
