import * as z from 'zod';
import { ResponseEnvelope } from './internal/envelope.js';
import { looseObject } from './internal/loose.js';

/** Base of every response: `errcode` and `errmsg`, loose so new platform fields survive. */
export const KfResponse = ResponseEnvelope;
export type KfResponse = z.infer<typeof KfResponse>;

/** A failed call: `errcode` is non-zero and the business fields are absent. */
export const KfErrorResponse = looseObject({
  ...ResponseEnvelope.shape,
  errcode: z
    .number()
    .int()
    .refine((code) => code !== 0, { message: 'an error response has a non-zero errcode' }),
});
export type KfErrorResponse = z.infer<typeof KfErrorResponse>;

/**
 * 视频号 context of a customer who entered the session from WeChat Channels: in the `enter_session`
 * event and in `customer/batchget`'s `enter_session_context`.
 */
export const KfWechatChannels = looseObject({
  /** 视频号名称: present for scenes 1–3. */
  nickname: z.string().optional(),
  /** 视频号小店名称: present for scenes 4–5. */
  shop_nickname: z.string().optional(),
  /**
   * 视频号场景: 1 视频号主页, 2 直播间商品列表页, 3 商品橱窗页, 4 小店商品详情页, 5 小店订单页.
   * Open set: the platform may add scenes. Optional: the sources do not promise it, and a missing
   * scene must not turn the whole `enter_session` event into an unknown one.
   */
  scene: z.number().int().optional(),
});
export type KfWechatChannels = z.infer<typeof KfWechatChannels>;

/** Known values of {@link KfWechatChannels}`.scene`. */
export const KfWechatChannelsScene = {
  ProfilePage: 1,
  LiveRoomProductList: 2,
  ProductShowcase: 3,
  ShopProductDetail: 4,
  ShopOrder: 5,
} as const;
export type KfWechatChannelsScene = (typeof KfWechatChannelsScene)[keyof typeof KfWechatChannelsScene];

/**
 * Most bytes of a JSON request body to the API. The platform documents no such bound; its
 * largest documented requests (a `send_msg` with a menu, a knowledge intent with its answers,
 * a `batchget` of 100 ids) are far below 64 KiB, so 1 MiB refuses nothing real. The mock answers
 * a larger body with HTTP 413 and errcode 45002 without reading the rest.
 */
export const KF_REQUEST_BODY_MAX_BYTES = 1024 * 1024;

export { type KfKnownFields, unlistedField } from './internal/loose.js';
