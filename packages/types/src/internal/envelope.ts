import * as z from 'zod';
import { looseObject } from './loose.js';

/**
 * Fields every platform response carries. `errcode` 0 is success; on failure the business fields
 * are absent. Responses are loose objects: a field the platform adds later must never break a user.
 */
export const ResponseEnvelope = looseObject({
  /** 0 on success, the platform's error code otherwise. */
  errcode: z.number().int(),
  /** "ok" on success in most examples ("" for media/upload); the error text otherwise. */
  errmsg: z.string(),
});
