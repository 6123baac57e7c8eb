// Each changeset becomes an entry in the CHANGELOG of every package it names, word for word. A changeset that
// names two packages puts one package's news into the other's changelog, so each names exactly one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedPackages, root } from './workspace-packages.mjs';

const dir = join(root, '.changeset');
const names = new Set(publishedPackages().map((pkg) => pkg.name));
const changesets = readdirSync(dir)
  .filter((file) => file.endsWith('.md') && file !== 'README.md')
  .map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
    const releases = (match?.[1] ?? '')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => /^"([^"]+)":\s*(major|minor|patch)\s*$/.exec(line)?.slice(1) ?? [line]);
    return { file, releases, summary: match?.[2]?.trim() ?? '' };
  });

describe('changesets', () => {
  it('version the published packages together, and nothing private', () => {
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(config.fixed).toEqual([['@kf/*']]);
    expect(config.privatePackages).toEqual({ version: false, tag: false });
  });

  it.each(changesets)(
    '$file names one published package with a bump and has a summary',
    ({ releases, summary }) => {
      expect(releases).toHaveLength(1);
      const [name, bump] = releases[0] ?? [];
      expect(names.has(name ?? '')).toBe(true);
      expect(bump).toMatch(/^(major|minor|patch)$/);
      expect(summary.length).toBeGreaterThan(20);
    },
  );
});
