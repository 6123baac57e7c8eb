// What the README tests read: every README a reader of this repository or of a package tarball sees,
// and the TypeScript/JavaScript blocks in them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** A README: its path from the repository root, its directory and its text. */
export interface Readme {
  readonly path: string;
  readonly dir: string;
  readonly text: string;
}

/**
 * The root README and the README of every package (`groups`), and with `['packages', 'apps']` the
 * apps' too.
 */
export function readmes(groups: readonly string[] = ['packages']): Readme[] {
  const dirs = [root];
  for (const group of groups) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      if (entry.isDirectory()) dirs.push(join(root, group, entry.name));
    }
  }
  return dirs
    .filter((dir) => existsSync(join(dir, 'README.md')))
    .map((dir) => ({
      path: relative(root, join(dir, 'README.md')),
      dir,
      text: readFileSync(join(dir, 'README.md'), 'utf8'),
    }));
}

/**
 * A ```ts or ```js block. `continues` is set by the line `<!-- readme-check: continues -->` right
 * before the fence: the block goes on from the previous one (its names are in scope), as the prose
 * around it says to the reader.
 */
export interface CodeBlock {
  readonly readme: string;
  /** 1-based line of the first line of code in the README. */
  readonly line: number;
  readonly code: string;
  readonly continues: boolean;
}

const CONTINUES = '<!-- readme-check: continues -->';

/** Every ```ts / ```typescript / ```js block of `readme`, in order. */
export function codeBlocks(readme: Readme): CodeBlock[] {
  const lines = readme.text.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!/^```(ts|typescript|js)\s*$/.test(lines[i] ?? '')) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end += 1;
    blocks.push({
      readme: readme.path,
      line: start + 1,
      code: lines.slice(start, end).join('\n'),
      continues: lines[i - 1]?.trim() === CONTINUES,
    });
    i = end;
  }
  return blocks;
}

/** One `import … from '…'` of a block: the specifier and the names it imports. */
export interface ImportedNames {
  readonly readme: string;
  readonly specifier: string;
  /** Names imported as values (they must exist at run time). */
  readonly values: readonly string[];
  /** Names imported with `type` (they must exist as types; the typecheck test sees to that). */
  readonly types: readonly string[];
}

/** The named imports of every block (`import { a, type B } from 'x'`, `import type { C } from 'y'`). */
export function importsOf(blocks: readonly CodeBlock[]): ImportedNames[] {
  const found: ImportedNames[] = [];
  for (const block of blocks) {
    for (const match of block.code.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
      const typeOnly = match[1] !== undefined;
      const names = (match[2] ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
      const values: string[] = [];
      const types: string[] = [];
      for (const name of names) {
        const bare = name.replace(/^type\s+/, '').replace(/\s+as\s+\w+$/, '');
        (typeOnly || name.startsWith('type ') ? types : values).push(bare);
      }
      found.push({ readme: block.readme, specifier: match[3] ?? '', values, types });
    }
  }
  return found;
}
