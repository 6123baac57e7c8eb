import * as z from 'zod';
import { ResponseEnvelope } from './internal/envelope.js';
import { bytes } from './internal/limits.js';

/** 客服账号ID; 95000 (不合法的open_kfid) is the platform's code for a malformed one. */
const openKfid = bytes('open_kfid', 64, { min: 1, errcode: 95000 });

/** Most ids one `idconvert/open_kfid` call converts (official doc 97110: 最多不超过1000个). */
export const IDCONVERT_MAX_OPEN_KFIDS = 1000;

/**
 * `POST /cgi-bin/idconvert/open_kfid` (微信客服ID的转换, official doc 97110): converts the
 * `open_kfid` values of the corp (企业主体) into the ones of the service provider (服务商主体). Only a
 * third-party or 代开发 app's token may call it, and the app needs 「微信客服->管理账号、分配会话和收发消息」.
 */
export const IdconvertOpenKfidRequest = z.strictObject({
  /** The `open_kfid` values to convert, 1–1000. */
  open_kfid_list: z
    .array(openKfid)
    .min(1, { message: 'open_kfid_list must not be empty' })
    .max(IDCONVERT_MAX_OPEN_KFIDS, {
      message: `open_kfid_list may hold at most ${IDCONVERT_MAX_OPEN_KFIDS} ids per call`,
    }),
});
export type IdconvertOpenKfidRequest = z.infer<typeof IdconvertOpenKfidRequest>;

/** Success body of `idconvert/open_kfid`. */
export const IdconvertOpenKfidResponse = z.looseObject({
  ...ResponseEnvelope.shape,
  /** The converted ids, one per convertible input. */
  items: z.array(
    z.looseObject({
      /** The id as given (企业主体下的微信客服ID). */
      open_kfid: z.string(),
      /**
       * The id under the service provider (服务商主体下的微信客服ID); equal to `open_kfid` when the
       * given id already was the provider's.
       */
      new_open_kfid: z.string(),
    }),
  ),
  /** Inputs that could not be converted (无法转换的微信客服ID列表). */
  invalid_open_kfid_list: z.array(z.string()).optional(),
});
export type IdconvertOpenKfidResponse = z.infer<typeof IdconvertOpenKfidResponse>;
