import * as z from 'zod';
import { ResponseEnvelope } from './internal/envelope.js';

/**
 * Query of `GET /cgi-bin/kf/get_corp_qualification` (获取视频号绑定状态). The endpoint takes
 * nothing but the access token, which the client adds; the empty strict object keeps every
 * endpoint in the same request/response shape and rejects stray parameters.
 */
export const GetCorpQualificationRequest = z.strictObject({});
export type GetCorpQualificationRequest = z.infer<typeof GetCorpQualificationRequest>;

/** Success body of `get_corp_qualification`. */
export const GetCorpQualificationResponse = z.looseObject({
  ...ResponseEnvelope.shape,
  /**
   * Whether the corp has at least one successfully bound 视频号 (applied for and confirmed by the
   * 视频号 admin). It decides how many customers the corp may serve.
   */
  wechat_channels_binding: z.boolean(),
});
export type GetCorpQualificationResponse = z.infer<typeof GetCorpQualificationResponse>;
