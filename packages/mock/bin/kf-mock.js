#!/usr/bin/env node
// The `kf-mock` command. It lives outside dist/ so that installing the workspace can link it before anything is
// built (pnpm links bins at install time); the program is the compiled src/cli.ts.
try {
  await import('../dist/cli.js');
} catch (error) {
  const code = error && typeof error === 'object' && 'code' in error ? error.code : undefined;
  if (code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('kf-mock: @kf/mock is not built; run `pnpm build` first (in the kf repository).\n');
    process.exit(1);
  }
  throw error;
}
