import { defineProject } from 'vitest/config';
import { testTimeout, workspaceAlias } from '../vitest.shared.ts';

// The repository's own documents: README code blocks, the names they import, the links they make; changesets.
export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'repo',
    testTimeout,
    include: ['*.test.ts'],
    exclude: ['packaging.test.ts'],
  },
});
