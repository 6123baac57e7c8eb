import * as z from 'zod';

/**
 * The zod object config of everything kf receives (responses, received messages, events, callback
 * fields). At runtime such an object is a `z.looseObject`: a field the platform adds later is kept,
 * never rejected. In the types it lists the known fields only, with no `[k: string]: unknown` index
 * signature, so a misspelt field (`msg.text.contnet`, `page.acount_list`) is a compile error rather
 * than an `unknown` read. Read a field this version does not list with {@link unlistedField}.
 */
export interface KfKnownFields {
  // The shape of zod's own `$strip` config: what makes `z.infer` list the declared keys only.
  // biome-ignore lint/complexity/noBannedTypes: `{}` is zod's spelling of "no extra keys in the type".
  out: {};
  // biome-ignore lint/complexity/noBannedTypes: as above, for `z.input`.
  in: {};
}

/**
 * `z.looseObject(shape)` (unknown keys kept when parsing) typed with {@link KfKnownFields}, so
 * the inferred input and output types carry the declared fields only.
 */
export function looseObject<const Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
): z.ZodObject<z.core.util.Writeable<Shape>, KfKnownFields> {
  // The runtime schema is exactly z.looseObject's; only the config in its type differs, and the
  // config is read by the type inference alone.
  return z.looseObject(shape) as unknown as z.ZodObject<z.core.util.Writeable<Shape>, KfKnownFields>;
}

/**
 * Reads a field that this version's types do not list, from an object kf received: a field the
 * platform added after this release, kept by the loose parsing. The explicit escape hatch for what
 * the types no longer allow (`value.new_field` does not compile); returns `undefined` when absent.
 */
export function unlistedField(value: object, key: string): unknown {
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
