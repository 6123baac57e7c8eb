import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../vitest.shared.ts';

// The repository's own documents: README code blocks, the names they import, the links they make.
export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'docs',
    include: ['readme-*.test.ts'],
  },
});
