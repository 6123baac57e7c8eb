import * as z from 'zod';
import { isRecord } from './is-record.js';

/** 40008 不合法的msgtype参数: the platform's answer to a `msgtype` it does not send. */
export const INVALID_MSGTYPE = 40008;

/**
 * `union` behind a gate that only lets objects whose `key` is one of `allowed` through, reporting
 * the platform's code otherwise. A plain discriminated union would report "no matching
 * discriminator" without a code, and the mock needs the code to answer like the platform. The gate
 * is typed with the union's input, so `z.input` of the result stays precise.
 */
export function gatedUnion<U extends z.ZodType>(
  key: string,
  allowed: readonly string[],
  errcode: number,
  union: U,
) {
  return (
    z
      .custom<z.input<U>>()
      .superRefine((value, ctx) => {
        // Not an object at all: leave it to the union, whose message ("expected object") is clearer.
        if (!isRecord(value)) return;
        const tag = value[key];
        if (typeof tag === 'string' && allowed.includes(tag)) return;
        ctx.addIssue({
          code: 'custom',
          path: [key],
          input: tag,
          message: `${key} must be one of ${allowed.join(', ')}`,
          params: { errcode },
        });
      })
      // The cast only restates what U is: zod cannot see that a union accepts its own input type.
      .pipe(union as unknown as z.ZodType<z.output<U>, z.input<U>>)
  );
}
