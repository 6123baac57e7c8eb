import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileCursorStore } from './cursor-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kf-cursors-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileCursorStore', () => {
  it('has no cursor before the first save, and creates the file and its folder on save', async () => {
    const path = join(dir, 'state', 'cursors.json');
    const store = new FileCursorStore(path);
    expect(await store.get('wkA')).toBeUndefined();
    await store.set('wkA', 'cursor-1');
    await store.set('wkB', 'cursor-9');
    await store.set('wkA', 'cursor-2');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ wkA: 'cursor-2', wkB: 'cursor-9' });
  });

  it('gives a restarted process the cursors saved before', async () => {
    const path = join(dir, 'cursors.json');
    await new FileCursorStore(path).set('wkA', 'cursor-7');
    expect(await new FileCursorStore(path).get('wkA')).toBe('cursor-7');
  });

  it('refuses a file that is not JSON rather than starting over silently', async () => {
    const path = join(dir, 'cursors.json');
    await writeFile(path, 'not json');
    await expect(new FileCursorStore(path).get('wkA')).rejects.toThrow(SyntaxError);
  });
});
