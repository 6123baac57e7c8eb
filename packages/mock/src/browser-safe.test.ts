import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

/** Every module specifier the main entry reaches through static imports, from the sources. */
function staticImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const external = new Set<string>();
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)\s(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
      const specifier = match[1] ?? '';
      if (specifier.startsWith('.')) walk(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else external.add(specifier);
    }
  };
  walk(entry);
  return external;
}

it('keeps the main entry free of Node built-ins, so setupWorker works in a browser', () => {
  const imports = staticImports(fileURLToPath(new URL('./index.ts', import.meta.url)));
  expect([...imports].sort()).toEqual(['@kf/types', '@kf/types/errors', 'msw']);
});
