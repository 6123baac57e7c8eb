// Someone who picks this project up has only the repository, and a package's user only its tarball:
// every document links what is there. The root README and docs/ may link any file of the repository;
// a package README ships in the tarball, so it links only web pages, anchors and files that ship with it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmes, root } from './readme-blocks.ts';

interface Doc {
  readonly path: string;
  readonly text: string;
}

const docs: Doc[] = [
  ...readmes(['packages', 'apps']).map(({ path, text }) => ({ path, text })),
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => ({ path: `docs/${name}`, text: readFileSync(join(root, 'docs', name), 'utf8') })),
  ...(existsSync(join(root, 'bench', 'README.md'))
    ? [{ path: 'bench/README.md', text: readFileSync(join(root, 'bench', 'README.md'), 'utf8') }]
    : []),
];

/** Markdown link targets outside code blocks and code spans. */
function links(text: string): string[] {
  const prose = text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? '');
}

const local = (target: string) => !/^(https?:|mailto:|#)/.test(target);

describe('documents link only what exists', () => {
  it('reads the root README, every package README and docs/', () => {
    const paths = docs.map((d) => d.path);
    for (const path of ['README.md', 'packages/mock/README.md', 'docs/conventions.md'])
      expect(paths).toContain(path);
  });

  it.each(docs.map((d) => [d.path, d] as const))('%s: every relative link resolves to a file', (_, doc) => {
    const missing = links(doc.text)
      .filter(local)
      .filter(
        (target) => !existsSync(resolve(root, dirname(doc.path), decodeURI(target.split('#')[0] ?? ''))),
      );
    expect(missing).toEqual([]);
  });

  it.each(docs.filter((d) => d.path.startsWith('packages/')).map((d) => [d.path, d] as const))(
    '%s: links nothing outside its tarball',
    (_, doc) => {
      const dir = dirname(doc.path);
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
        files: string[];
      };
      const outside = links(doc.text)
        .filter(local)
        .filter((target) => {
          const file = relative(join(root, dir), resolve(root, dir, target.split('#')[0] ?? ''));
          return !manifest.files.some((shipped) => file === shipped || file.startsWith(`${shipped}/`));
        });
      expect(outside).toEqual([]);
    },
  );

  it.each(docs.map((d) => [d.path, d] as const))(
    '%s: names no document the repository does not have',
    (_, doc) => {
      expect(doc.text).not.toMatch(/style\.md|kf-api\.md|shared docs|research notes/);
    },
  );
});
