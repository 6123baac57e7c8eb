import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CursorStore } from '@kf/client';

/**
 * A {@link CursorStore} in a JSON file (`{ "<open_kfid>": "<cursor>" }`), so a restarted bot goes on
 * from the last page it finished instead of pulling (and answering) the last 3 days again. Each save
 * writes a temporary file and renames it over the old one, so a crash never leaves half a file.
 * Enough for one process; several instances share a database or Redis instead.
 */
export class FileCursorStore implements CursorStore {
  readonly #path: string;
  #cursors: Record<string, string> | undefined;
  #writing: Promise<void> = Promise.resolve();

  /** `path`: the JSON file; created, with its folder, on the first save. */
  constructor(path: string) {
    this.#path = path;
  }

  /** The saved cursor of the account, or `undefined`. */
  async get(open_kfid: string): Promise<string | undefined> {
    return (await this.#load())[open_kfid];
  }

  /** Saves the cursor of the account (writes are serialised, the last one wins). */
  async set(open_kfid: string, cursor: string): Promise<void> {
    const cursors = await this.#load();
    cursors[open_kfid] = cursor;
    const text = `${JSON.stringify(cursors, null, 2)}\n`;
    const write = this.#writing.then(async () => {
      await mkdir(dirname(this.#path), { recursive: true });
      const temporary = `${this.#path}.${process.pid}.tmp`;
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, this.#path);
    });
    // A failed write must not block the next one; this call still reports it.
    this.#writing = write.catch(() => undefined);
    await write;
  }

  async #load(): Promise<Record<string, string>> {
    if (this.#cursors !== undefined) return this.#cursors;
    let parsed: unknown = {};
    try {
      parsed = JSON.parse(await readFile(this.#path, 'utf8'));
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
    }
    const cursors: Record<string, string> = {};
    if (typeof parsed === 'object' && parsed !== null) {
      for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') cursors[key] = value;
    }
    this.#cursors = cursors;
    return cursors;
  }
}
