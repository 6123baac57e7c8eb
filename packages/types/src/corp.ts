import * as z from 'zod';
import { ResponseEnvelope } from './internal/envelope.js';
import { looseObject } from './internal/loose.js';

/**
 * Query of `GET /cgi-bin/kf/get_corp_qualification` (获取视频号绑定状态). The endpoint takes
 * nothing but the access token, which the client adds; the empty strict object keeps every
 * endpoint in the same request/response shape and rejects stray parameters.
 */
export const GetCorpQualificationRequest = z.strictObject({});
export type GetCorpQualificationRequest = z.infer<typeof GetCorpQualificationRequest>;

/**
 * How many customers a corp may serve in total (累计接待客户数), by its qualification: an unverified
 * corp (主体未验证) 100, a verified corp without a bound 视频号 10,000, a verified corp with one
 * without limit. Beyond the cap, sending to a new customer fails with 95003 (or, asynchronously,
 * `msg_send_fail` with fail_type 7, 8 or 9). The numbers are quoted in peer SDKs (silenceper/wechat)
 * and not confirmed by the pages read.
 */
export const KF_CUSTOMER_CAPS = Object.freeze({
  unverified: 100,
  verifiedWithoutWechatChannels: 10_000,
});

/** Success body of `get_corp_qualification`. */
export const GetCorpQualificationResponse = looseObject({
  ...ResponseEnvelope.shape,
  /**
   * Whether the corp has at least one successfully bound 视频号 (applied for and confirmed by the
   * 视频号 admin). It decides how many customers the corp may serve.
   */
  wechat_channels_binding: z.boolean(),
});
export type GetCorpQualificationResponse = z.infer<typeof GetCorpQualificationResponse>;
