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

/**
 * A string limited in UTF-8 bytes. `label` is the field as the docs name it, used in the message
 * so a failed check reads like the documentation: "text.content must be at most 2048 bytes (UTF-8)".
 */
export function bytes(label: string, max: number, min = 0): z.ZodString {
  let schema = z.string().refine((v) => utf8Bytes(v) <= max, {
    message: `${label} must be at most ${max} bytes (UTF-8)`,
    abort: true,
  });
  if (min > 0) {
    schema = schema.refine((v) => utf8Bytes(v) >= min, {
      message: `${label} must be at least ${min} byte${min === 1 ? '' : 's'}`,
    });
  }
  return schema;
}

/** A string limited in characters (code points). */
export function chars(label: string, max: number, min = 0): z.ZodString {
  let schema = z.string().refine((v) => charCount(v) <= max, {
    message: `${label} must be at most ${max} characters`,
    abort: true,
  });
  if (min > 0) {
    schema = schema.refine((v) => charCount(v) >= min, {
      message: `${label} must be at least ${min} character${min === 1 ? '' : 's'}`,
    });
  }
  return schema;
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
