import { readFileSync } from 'node:fs';

/**
 * An example payload of kf-api.md §7, by file name without `.json` (e.g. `F-08-account-list-response`).
 * Returned as `unknown`, as a body off the wire would be, so tests parse it like the client and mock do.
 */
export function endpointFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8'));
}
