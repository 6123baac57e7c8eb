import * as z from 'zod';

const encoder = new TextEncoder();

/** UTF-8 length in bytes: the platform counts "bytes" limits this way, not in UTF-16 units. */
export function utf8Bytes(value: string): number {
  return encoder.encode(value).length;
}

/** Length in Unicode code points: the platform's "字"/character limits count characters, not bytes. */
export function charCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** Options of {@link bytes} and {@link chars}. */
export interface LimitOptions {
  /** Smallest accepted length (default 0). */
  min?: number;
  /**
   * The platform's own error code for this limit (e.g. 45002 for an over-long text), attached to the
   * zod issue as `params.errcode` so the mock can answer with the code the platform would send.
   */
  errcode?: number;
}

function limited(
  measure: (value: string) => number,
  unit: (n: number) => string,
  label: string,
  max: number,
  { min = 0, errcode }: LimitOptions,
): z.ZodString {
  const params = errcode === undefined ? undefined : { errcode };
  let schema = z.string().refine((v) => measure(v) <= max, {
    message: `${label} must be at most ${unit(max)}`,
    abort: true,
    ...(params && { params }),
  });
  if (min > 0) {
    schema = schema.refine((v) => measure(v) >= min, {
      message: `${label} must be at least ${unit(min)}`,
      ...(params && { params }),
    });
  }
  return schema;
}

/**
 * A string limited in UTF-8 bytes. `label` is the field as the docs name it, used in the message
 * so a failed check reads like the documentation: "text.content must be at most 2048 bytes (UTF-8)".
 */
export function bytes(label: string, max: number, options: LimitOptions = {}): z.ZodString {
  return limited(utf8Bytes, (n) => (n === 1 ? '1 byte (UTF-8)' : `${n} bytes (UTF-8)`), label, max, options);
}

/** A string limited in characters (code points), the docs' "字". */
export function chars(label: string, max: number, options: LimitOptions = {}): z.ZodString {
  return limited(charCount, (n) => (n === 1 ? '1 character' : `${n} characters`), label, max, options);
}

/** Unsigned 32-bit integer, the docs' `uint32`. */
export const uint32 = z.number().int().min(0).max(0xffff_ffff);

/** Unsigned integer for the docs' `uint64` counters (JSON numbers above 2^53 lose precision anyway). */
export const uint64 = z.number().int().min(0);

/** Unix time in seconds. */
export const unixSeconds = z.number().int().min(0);

/** The docs' 0/1 flags (`has_more`, `is_default`). Loose in responses: only 0 and 1 are documented. */
export const flag = z.number().int();

/**
 * A caller-chosen id such as `msgid` or `scene`: at most `max` bytes of `[0-9a-zA-Z_-]`.
 */
export function token(label: string, max: number): z.ZodString {
  return z
    .string()
    .regex(/^[0-9a-zA-Z_-]*$/, { message: `${label} may only contain 0-9, a-z, A-Z, _ and -` })
    .max(max, { message: `${label} must be at most ${max} bytes` });
}
