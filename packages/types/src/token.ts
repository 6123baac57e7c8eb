import * as z from 'zod';
import { ResponseEnvelope } from './internal/envelope.js';
import { looseObject } from './internal/loose.js';

/**
 * Query of `GET /cgi-bin/gettoken?corpid=ID&corpsecret=SECRET` (获取access_token). Since
 * 2023-12-01 the kf system app's secret no longer works for new corps: use a self-built app added
 * to 「微信客服 - 可调用接口的应用」, or a third-party / 代开发 app with the kf permissions.
 */
export const GetTokenRequest = z.strictObject({
  /** 企业ID. Empty answers 41002 (缺少corpid参数). */
  corpid: z.string().refine((value) => value.length > 0, {
    message: 'corpid is required',
    params: { errcode: 41002 },
  }),
  /** 应用的凭证密钥 (the app must be enabled). Empty answers 41004 (缺少secret参数). */
  corpsecret: z.string().refine((value) => value.length > 0, {
    message: 'corpsecret is required',
    params: { errcode: 41004 },
  }),
});
export type GetTokenRequest = z.infer<typeof GetTokenRequest>;

/**
 * Success body of `gettoken`. Cache the token per corp and app: the endpoint is rate limited, and
 * the platform may invalidate a token before `expires_in` (refetch on 40014 / 42001).
 */
export const GetTokenResponse = looseObject({
  ...ResponseEnvelope.shape,
  /**
   * 获取到的凭证. The docs give it at most 512 bytes: reserve at least 512 bytes of storage for it.
   * The response does not enforce that cap, so a longer token from a later platform version still
   * parses instead of failing every call.
   */
  access_token: z.string().min(1, { message: 'access_token must not be empty' }),
  /** 凭证的有效时间, in seconds (normally 7200). */
  expires_in: z.number().int(),
});
export type GetTokenResponse = z.infer<typeof GetTokenResponse>;
