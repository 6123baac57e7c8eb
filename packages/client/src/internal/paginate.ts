import { KfResponseValidationError } from '../errors.js';

/** A page of a cursor-paged endpoint (`has_more` / `next_cursor`). */
interface CursorPage {
  readonly has_more: unknown;
  /** Optional in the knowledge schemas: the last page may leave it out. */
  readonly next_cursor?: unknown;
}

/**
 * `has_more` is documented as 0/1; `true` and `"1"` are accepted too, so that a harmless change of
 * representation (returned as is in `'warn'` mode) never silently ends a walk after one page.
 */
export function moreFollows(value: unknown): boolean {
  return value === 1 || value === true || value === '1';
}

/**
 * How many pages in a row may answer `has_more` with the very cursor they were asked with before
 * the walk gives up: asking again with the same cursor would repeat the same request forever.
 */
export const MAX_STALLED_PAGES = 3;

/**
 * Walks a cursor-paged endpoint, yielding every page, and follows the server's own signal:
 * `has_more` decides, never the number of items (a page may be empty while more follow). A page
 * whose `next_cursor` is the cursor it was asked with does not advance; after
 * {@link MAX_STALLED_PAGES} such pages in a row the walk throws `KfResponseValidationError`
 * instead of looping forever.
 */
export async function* cursorPages<P extends CursorPage>(
  endpoint: string,
  first: string | undefined,
  fetchPage: (cursor: string | undefined) => Promise<P>,
): AsyncGenerator<P, void, undefined> {
  let cursor = first;
  let stalled = 0;
  for (;;) {
    const page = await fetchPage(cursor);
    yield page;
    if (!moreFollows(page.has_more)) return;
    if (typeof page.next_cursor !== 'string' || page.next_cursor === '') {
      // Following has_more without a cursor would restart from the first page forever.
      throw new KfResponseValidationError(endpoint, [
        { path: ['next_cursor'], message: 'has_more is 1 but next_cursor is missing or empty' },
      ]);
    }
    stalled = page.next_cursor === cursor ? stalled + 1 : 0;
    if (stalled >= MAX_STALLED_PAGES) {
      throw new KfResponseValidationError(endpoint, [
        {
          path: ['next_cursor'],
          message: `has_more is 1 but next_cursor did not advance for ${stalled} pages in a row`,
        },
      ]);
    }
    cursor = page.next_cursor;
  }
}

/** The list field of a page, checked to be an array even when validation is `'warn'` or `'off'`. */
export function listOf<T>(endpoint: string, page: object, field: string): readonly T[] {
  const list = (page as Record<string, unknown>)[field];
  if (!Array.isArray(list)) {
    throw new KfResponseValidationError(endpoint, [{ path: [field], message: 'expected an array' }]);
  }
  return list as T[];
}
