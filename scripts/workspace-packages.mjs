import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** The published packages: every non-private package under packages/, with its public entries. */
export function publishedPackages() {
  const dir = join(root, 'packages');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const path = join(dir, d.name);
      const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
      return { path, manifest };
    })
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ path, manifest }) => ({
      name: manifest.name,
      version: manifest.version,
      path,
      manifest,
      entries: Object.keys(manifest.exports ?? {})
        .filter((key) => key !== './package.json')
        .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`)),
    }));
}
