import { KfRequestFacts } from '@kf/types';
import type * as z from 'zod';

/**
 * Reading a request the way the platform reads it, before the strict schema of `@kf/types` sees
 * it. Real SDKs (go-workwx, silenceper/wechat, PowerWeChat, WxJava, EasyWeChat) send shapes the
 * strict schemas refuse but the platform accepts: `""` or `null` for a field they leave unset,
 * fields of another endpoint, `limit: 0` for "the default", query parameters on a GET. The docs
 * say such fields "may be left unfilled" (可不填) without telling missing from empty, and never list
 * "unknown field" among 40058's causes.
 *
 * One walk over the request schema, generic for every endpoint:
 * - a field the schema does not know is dropped (`ignored unknown field "agentid"`);
 * - `""` or `null` for an optional field is dropped (`empty "cursor" read as absent`), so an empty
 *   filter id lists everything instead of filtering by the empty id, and an empty `msgid` gets a
 *   generated one;
 * - `0` for a field `KfRequestFacts` marks `zeroMeansDefault` is dropped;
 * - a digit string for a number field is a number when the fields came from a query string.
 *
 * Required fields are never touched: a missing or empty one is still refused, as is a wrong type
 * and every limit. Each change is reported as a warning, recorded on the call.
 */

/** Where the fields came from: a query string carries every value as a string. */
export interface LenientSource {
  readonly fromQuery: boolean;
}

/** The fields as the platform reads them, and what had to be read leniently. */
export interface LenientResult {
  readonly fields: Record<string, unknown>;
  readonly warnings: readonly string[];
}

/** Returned by {@link normalise} for a value that reads as absent: the caller drops the key. */
const ABSENT: unique symbol = Symbol('absent');

interface Walk {
  readonly warnings: string[];
  readonly fromQuery: boolean;
}

type Def = z.core.$ZodTypeDef;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function defOf(schema: z.core.$ZodType): Def {
  return schema._zod.def;
}

function fieldName(path: string): string {
  return path === '' ? '(body)' : path;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** The schema under wrappers that do not change what the wire value is. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (let depth = 0; depth < 16; depth++) {
    const def = defOf(current);
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') {
      current = (def as z.core.$ZodOptionalDef).innerType;
    } else if (def.type === 'pipe') {
      current = pipeSide(def as z.core.$ZodPipeDef);
    } else return current;
  }
  return current;
}

/**
 * The side of a pipe that describes the wire value: its input, unless the input is an untyped gate
 * (`z.custom()` before a union, as `gatedUnion` builds) whose output says what is accepted.
 */
function pipeSide(def: z.core.$ZodPipeDef): z.core.$ZodType {
  const input = defOf(def.in).type;
  return input === 'custom' || input === 'unknown' || input === 'any' ? def.out : def.in;
}

/** The values an object option's literal fields take, to pick a union's option by its tag. */
function matchesLiterals(option: z.core.$ZodType, value: Record<string, unknown>): boolean {
  const def = defOf(unwrap(option));
  if (def.type !== 'object') return false;
  for (const [key, field] of Object.entries((def as z.core.$ZodObjectDef).shape)) {
    const fieldDef = defOf(unwrap(field));
    if (fieldDef.type !== 'literal') continue;
    const values = (fieldDef as z.core.$ZodLiteralDef<z.core.util.Literal>).values as readonly unknown[];
    if (!values.includes(value[key])) return false;
  }
  return true;
}

function normaliseOptional(
  def: z.core.$ZodOptionalDef,
  value: unknown,
  path: string,
  walk: Walk,
): unknown | typeof ABSENT {
  if (value === null) {
    walk.warnings.push(`null "${fieldName(path)}" read as absent`);
    return ABSENT;
  }
  if (value === '') {
    walk.warnings.push(`empty "${fieldName(path)}" read as absent`);
    return ABSENT;
  }
  if (value === 0 || (walk.fromQuery && value === '0')) {
    const inner = unwrap(def.innerType);
    if (KfRequestFacts.get(def.innerType)?.zeroMeansDefault || KfRequestFacts.get(inner)?.zeroMeansDefault) {
      walk.warnings.push(`"${fieldName(path)}": 0 read as the default`);
      return ABSENT;
    }
  }
  return normalise(def.innerType, value, path, walk);
}

function normaliseObject(
  def: z.core.$ZodObjectDef,
  value: Record<string, unknown>,
  path: string,
  walk: Walk,
): Record<string, unknown> {
  // A loose object keeps what it does not know; only a strict one (catchall `never`) refuses it.
  const strict = def.catchall !== undefined && defOf(def.catchall).type === 'never';
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const schema = Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
    if (schema === undefined) {
      if (strict) {
        walk.warnings.push(`ignored unknown field "${join(path, key)}"`);
        continue;
      }
      out[key] = field;
      continue;
    }
    const read = normalise(schema, field, join(path, key), walk);
    if (read !== ABSENT) out[key] = read;
  }
  return out;
}

function normalise(
  schema: z.core.$ZodType,
  value: unknown,
  path: string,
  walk: Walk,
): unknown | typeof ABSENT {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
      return value === undefined
        ? value
        : normaliseOptional(def as z.core.$ZodOptionalDef, value, path, walk);
    case 'nullable':
    case 'default':
      return normalise((def as z.core.$ZodNullableDef).innerType, value, path, walk);
    case 'pipe':
      return normalise(pipeSide(def as z.core.$ZodPipeDef), value, path, walk);
    case 'lazy':
      return normalise((def as z.core.$ZodLazyDef).getter(), value, path, walk);
    case 'object':
      return isRecord(value) ? normaliseObject(def as z.core.$ZodObjectDef, value, path, walk) : value;
    case 'array': {
      if (!Array.isArray(value)) return value;
      const element = (def as z.core.$ZodArrayDef).element;
      // An element never reads as absent: `[""]` is a list holding an empty value.
      return value.map((item, index) => {
        const read = normalise(element, item, `${path}[${index}]`, walk);
        return read === ABSENT ? item : read;
      });
    }
    case 'union': {
      if (!isRecord(value)) return value;
      // The option the value's tag (`msgtype`, `type`) names; without one the schema reports it.
      const option = (def as z.core.$ZodUnionDef).options.find((candidate) =>
        matchesLiterals(candidate, value),
      );
      return option === undefined ? value : normalise(option, value, path, walk);
    }
    case 'number':
    case 'int':
      // A query string carries numbers as text (`?offset=1&limit=1`).
      return walk.fromQuery && typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
    default:
      return value;
  }
}

/**
 * Reads `fields` with `schema` the way the platform does (see the module comment), returning the
 * fields to parse with the strict schema and the warnings to record on the call.
 */
export function readLeniently(
  schema: z.core.$ZodType,
  fields: Record<string, unknown>,
  source: LenientSource,
): LenientResult {
  const walk: Walk = { warnings: [], fromQuery: source.fromQuery };
  const read = normalise(schema, fields, '', walk);
  return { fields: isRecord(read) ? read : fields, warnings: walk.warnings };
}
