import { isRecord } from './is-record.js';

/**
 * The pre-step of an open discriminated union: an object whose `key` is a string this version does
 * not know becomes `wrap(input)` (the union's `unknown` variant) before the union sees it. A missing
 * or non-string discriminant is malformed, not new, and is left to the union to report; an
 * already-built unknown variant (`key: 'unknown'` with `raw`) passes through, so parsing a parsed
 * value gives the same value.
 */
export function routeUnknown(
  key: string,
  known: ReadonlySet<string>,
  wrap: (input: Record<string, unknown>) => unknown,
): (input: unknown) => unknown {
  return (input) => {
    if (!isRecord(input)) return input;
    const type = input[key];
    if (typeof type !== 'string' || known.has(type)) return input;
    if (type === 'unknown' && 'raw' in input) return input;
    return wrap(input);
  };
}
