import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Readers learn the records of `mock.world` from the README, not from a failing assertion: each
// record interface of world-view.ts is named in the README's world table with every field.
const source = readFileSync(new URL('./world-view.ts', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const world = readme.slice(readme.indexOf('### `world`'), readme.indexOf('### `scenario`'));

function fieldsOf(name: string): string[] {
  const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1] ?? '';
  return [...body.matchAll(/^ {2}readonly (\w+)\??:/gm)].map((m) => m[1] ?? '');
}

describe('the README documents every record of mock.world', () => {
  const records = [...source.matchAll(/^export interface (KfMock\w+) \{/gm)]
    .map((m) => m[1] ?? '')
    .filter((name) => name !== 'KfMockWorld');

  it('finds the records', () => {
    expect(records).toEqual([
      'KfMockAccount',
      'KfMockCustomer',
      'KfMockSession',
      'KfMockSentMessage',
      'KfMockMedia',
      'KfMockCall',
      'KfMockHeldCall',
    ]);
  });

  it.each(records)('%s and its fields', (name) => {
    const row = world.split('\n').find((line) => line.includes(`\`${name}`));
    expect(row, `a row of the world table names ${name}`).toBeDefined();
    const fields = fieldsOf(name);
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields)
      expect(row, `${name}.${field}`).toMatch(new RegExp(`[{,] ${field}\\??[ :\`,]`));
  });

  it('names every method of KfMockWorld', () => {
    const methods = [
      ...(/export interface KfMockWorld \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '').matchAll(/^ {2}(\w+)\(/gm),
    ].map((m) => m[1] ?? '');
    expect(methods.length).toBe(10);
    for (const method of methods) expect(world).toContain(`| \`${method}(`);
  });
});
