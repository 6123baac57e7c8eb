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
 * Walks a cursor-paged endpoint, yielding every page, and follows the server's own signal:
 * `has_more` decides, never the number of items (a page may be empty while more follow).
 *
 * A walk must make progress: a `next_cursor` already seen in this walk (the cursor it was asked
 * with, or any earlier one: `A → A`, `A → B → A`) would repeat requests forever, so the walk
 * throws `KfResponseValidationError` instead of asking for it again. Memory stays proportional to
 * the pages actually walked (one cursor string each).
 */
export async function* cursorPages<P extends CursorPage>(
  endpoint: string,
  first: string | undefined,
  fetchPage: (cursor: string | undefined) => Promise<P>,
): AsyncGenerator<P, void, undefined> {
  let cursor = first;
  const seen = new Set<string>();
  if (first !== undefined && first !== '') seen.add(first);
  for (;;) {
    const page = await fetchPage(cursor);
    yield page;
    if (!moreFollows(page.has_more)) return;
    const next = page.next_cursor;
    if (typeof next !== 'string' || next === '') {
      // Following has_more without a cursor would restart from the first page forever.
      throw new KfResponseValidationError({
        endpoint,
        issues: [{ path: ['next_cursor'], message: 'has_more is 1 but next_cursor is missing or empty' }],
      });
    }
    if (seen.has(next)) {
      throw new KfResponseValidationError({
        endpoint,
        issues: [
          {
            path: ['next_cursor'],
            message: 'has_more is 1 but next_cursor did not advance (it repeats a cursor of this walk)',
          },
        ],
      });
    }
    seen.add(next);
    cursor = next;
  }
}

/** The list field of a page, checked to be an array even when validation is `'warn'` or `'off'`. */
export function listOf<T>(endpoint: string, page: object, field: string): readonly T[] {
  const list = (page as Record<string, unknown>)[field];
  if (!Array.isArray(list)) {
    throw new KfResponseValidationError({
      endpoint,
      issues: [{ path: [field], message: 'expected an array' }],
    });
  }
  return list as T[];
}
