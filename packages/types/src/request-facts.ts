import * as z from 'zod';

/**
 * What the docs say about a request field beyond its type: the facts a server needs to read a
 * request the way the platform reads it.
 */
export interface KfRequestFieldFacts {
  /**
   * `0` means "use the default": the field's docs give a default and a maximum but no minimum, and
   * widely used SDKs send `0` for "not set" (silenceper/wechat's `limit` of `sync_msg` and of the
   * knowledge lists). A server reads such a `0` as the field left out. Fields whose docs give a
   * range starting at 1 (`account/list`'s `limit`, 1–100) are not marked: `0` is outside it.
   */
  readonly zeroMeansDefault?: true;
}

/**
 * Facts about request fields, keyed by the field's schema (the schema inside `.optional()`).
 * The request schemas stay strict for what a client sends; this registry lets the mock accept what
 * the platform accepts without a per-endpoint patch.
 */
export const KfRequestFacts = z.registry<KfRequestFieldFacts>();

/** Marks `schema` as a field whose `0` reads as "use the default" (see {@link KfRequestFieldFacts}). */
export function zeroMeansDefault<S extends z.ZodType>(schema: S): S {
  KfRequestFacts.add(schema, { zeroMeansDefault: true });
  return schema;
}
