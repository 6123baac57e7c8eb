// Every name a README block imports from a kf package exists there: the entry is one the package
// exports (a reader cannot import `@kf/mock/internal/...`), and each value name is there at run
// time. Type-only names are checked by readme-snippets.test.ts, which compiles the blocks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlocks, importsOf, readmes, root } from './readme-blocks.ts';

const imports = importsOf(readmes().flatMap(codeBlocks)).filter((i) => i.specifier.startsWith('@kf/'));

function exportedEntries(pkg: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, unknown>;
  };
  return Object.keys(manifest.exports)
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
}

describe('names the READMEs import', () => {
  it('are found in the blocks of every package README', () => {
    const from = new Set(imports.map((i) => i.readme));
    for (const pkg of ['types', 'crypto', 'client', 'mock'])
      expect(from).toContain(`packages/${pkg}/README.md`);
  });

  it.each(imports.map((i) => [`${i.readme}: ${i.specifier}`, i] as const))('%s', async (_, found) => {
    const pkg = found.specifier.split('/')[1] ?? '';
    expect(exportedEntries(pkg)).toContain(found.specifier);
    const module = (await import(found.specifier)) as Record<string, unknown>;
    for (const name of found.values) expect(module[name], `${name} from ${found.specifier}`).toBeDefined();
  });
});
