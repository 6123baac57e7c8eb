import * as z from 'zod';
import { ResponseEnvelope } from './internal/envelope.js';

/** Base of every response: `errcode` and `errmsg`, loose so new platform fields survive. */
export const KfResponse = ResponseEnvelope;
export type KfResponse = z.infer<typeof KfResponse>;

/** A failed call: `errcode` is non-zero and the business fields are absent. */
export const KfErrorResponse = z.looseObject({
  ...ResponseEnvelope.shape,
  errcode: z
    .number()
    .int()
    .refine((code) => code !== 0, { message: 'an error response has a non-zero errcode' }),
});
export type KfErrorResponse = z.infer<typeof KfErrorResponse>;
