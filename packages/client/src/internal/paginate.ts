import { KfEndpointFacts, type KfEndpointName } from '@kf/types';
import { KfResponseValidationError } from '../errors.js';

/** The endpoints that page (`KfEndpointFacts[name].paging` is not `null`). */
export type PagedName = {
  [N in KfEndpointName]: (typeof KfEndpointFacts)[N]['paging'] extends null ? never : N;
}[KfEndpointName];

/** The endpoints that page by cursor (`KfEndpointFacts[name].paging.kind === 'cursor'`). */
export type CursorPagedName = {
  [N in KfEndpointName]: (typeof KfEndpointFacts)[N]['paging'] extends { readonly kind: 'cursor' }
    ? N
    : never;
}[KfEndpointName];

/**
 * `has_more` is documented as 0/1; `true` and `"1"` are accepted too, so that a harmless change of
 * representation (returned as is in `'warn'` mode) never silently ends a walk after one page.
 */
export function moreFollows(value: unknown): boolean {
  return value === 1 || value === true || value === '1';
}

/**
 * Walks a cursor-paged endpoint, yielding every page, and follows the server's own signal:
 * `has_more` decides, never the number of items (a page may be empty while more follow). The field
 * names are the endpoint's `KfEndpointFacts` paging; `next_cursor` may be absent on the last page.
 *
 * A walk must make progress: a `next_cursor` already seen in this walk (the cursor it was asked
 * with, or any earlier one: `A → A`, `A → B → A`) would repeat requests forever, so the walk
 * throws `KfResponseValidationError` instead of asking for it again. Memory stays proportional to
 * the pages actually walked (one cursor string each).
 */
export async function* cursorPages<P extends object>(
  endpoint: CursorPagedName,
  first: string | undefined,
  fetchPage: (cursor: string | undefined) => Promise<P>,
): AsyncGenerator<P, void, undefined> {
  const { hasMore, nextCursor } = KfEndpointFacts[endpoint].paging;
  let cursor = first;
  const seen = new Set<string>();
  if (first !== undefined && first !== '') seen.add(first);
  for (;;) {
    const page = await fetchPage(cursor);
    yield page;
    const fields = page as Record<string, unknown>;
    if (!moreFollows(fields[hasMore])) return;
    const next = fields[nextCursor];
    if (typeof next !== 'string' || next === '') {
      // Following has_more without a cursor would restart from the first page forever.
      throw new KfResponseValidationError({
        endpoint,
        issues: [{ path: [nextCursor], message: `${hasMore} is 1 but ${nextCursor} is missing or empty` }],
      });
    }
    if (seen.has(next)) {
      throw new KfResponseValidationError({
        endpoint,
        issues: [
          {
            path: [nextCursor],
            message: `${hasMore} is 1 but ${nextCursor} did not advance (it repeats a cursor of this walk)`,
          },
        ],
      });
    }
    seen.add(next);
    cursor = next;
  }
}

/**
 * The items of a page (the list field of the endpoint's `KfEndpointFacts` paging), checked to be an
 * array even when validation is `'warn'` or `'off'`.
 */
export function listOf<T>(endpoint: PagedName, page: object): readonly T[] {
  const field = KfEndpointFacts[endpoint].paging.list;
  const list = (page as Record<string, unknown>)[field];
  if (!Array.isArray(list)) {
    throw new KfResponseValidationError({
      endpoint,
      issues: [{ path: [field], message: 'expected an array' }],
    });
  }
  return list as T[];
}
