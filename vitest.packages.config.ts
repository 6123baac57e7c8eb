import { defineConfig } from 'vitest/config';

// The packaging smoke test: packs every published package, installs the tarballs into a scratch
// project outside the workspace and imports every public entry with `import` and `require()`.
export default defineConfig({
  test: {
    name: 'packaging',
    include: ['scripts/packaging.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
