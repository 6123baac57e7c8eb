import * as z from 'zod';
import { ResponseEnvelope } from './internal/envelope.js';
import { bytes, chars, token, uint32 } from './internal/limits.js';

/**
 * 客服账号ID. 95000 (不合法的open_kfid) is the platform's answer to a malformed id, so the mock can
 * reply with it when this check fails.
 */
const openKfid = bytes('open_kfid', 64, { min: 1, errcode: 95000 });

/** 客服名称: the platform answers 95006 (不合法的客服账号名) for an empty or over-long name. */
const accountName = chars('name', 16, { min: 1, errcode: 95006 });

/** Avatar: a temporary media id from `media/upload` (type `image`). */
const avatarMediaId = bytes('media_id', 128, { min: 1 });

/**
 * A 客服账号 (kf account) as listed by `account/list`.
 */
export const KfAccount = z.looseObject({
  /** 客服账号ID (starts with `wk` in the examples). */
  open_kfid: z.string(),
  /** 客服名称. */
  name: z.string(),
  /** 客服头像 URL. */
  avatar: z.string(),
  /**
   * Whether the calling app may manage this account (edit it, assign sessions, send and receive
   * messages). Not returned to 微信客服组件应用 (kf component apps), hence optional.
   */
  manage_privilege: z.boolean().optional(),
});
export type KfAccount = z.infer<typeof KfAccount>;

/**
 * `POST /cgi-bin/kf/account/add` (添加客服账号). A corp may hold at most 5000 accounts (95005);
 * an unverified corp only 10 (95027).
 */
export const AccountAddRequest = z.strictObject({
  /** 客服名称: 1–16 characters (95006 otherwise). */
  name: accountName,
  /** 客服头像临时素材: a `media_id` from `media/upload`, at most 128 bytes. */
  media_id: avatarMediaId,
});
export type AccountAddRequest = z.infer<typeof AccountAddRequest>;

/** Success body of `account/add`: the id of the new account. */
export const AccountAddResponse = z.looseObject({
  ...ResponseEnvelope.shape,
  /** 新创建的客服账号ID. */
  open_kfid: z.string(),
});
export type AccountAddResponse = z.infer<typeof AccountAddResponse>;

/** `POST /cgi-bin/kf/account/del` (删除客服账号). */
export const AccountDelRequest = z.strictObject({
  /** 客服账号ID, at most 64 bytes. 95004 when it does not exist (another corp, or already deleted). */
  open_kfid: openKfid,
});
export type AccountDelRequest = z.infer<typeof AccountDelRequest>;

/** Success body of `account/del`: the envelope only. */
export const AccountDelResponse = z.looseObject({ ...ResponseEnvelope.shape });
export type AccountDelResponse = z.infer<typeof AccountDelResponse>;

/**
 * `POST /cgi-bin/kf/account/update` (修改客服账号). Omitted fields keep their current value.
 */
export const AccountUpdateRequest = z.strictObject({
  /** 要修改的客服账号ID, at most 64 bytes. */
  open_kfid: openKfid,
  /** New 客服名称: 1–16 characters (95006 otherwise). Omit to keep the name. */
  name: accountName.optional(),
  /** New avatar `media_id`, at most 128 bytes. Omit to keep the avatar. */
  media_id: avatarMediaId.optional(),
});
export type AccountUpdateRequest = z.infer<typeof AccountUpdateRequest>;

/** Success body of `account/update`: the envelope only. */
export const AccountUpdateResponse = z.looseObject({ ...ResponseEnvelope.shape });
export type AccountUpdateResponse = z.infer<typeof AccountUpdateResponse>;

/**
 * `POST /cgi-bin/kf/account/list` (获取客服账号列表). Both fields are optional and the body may be
 * empty; older SDKs call the endpoint with `GET` and no body, which the platform also accepts.
 * Paging rule from the docs: stop when a page holds fewer accounts than `limit`.
 */
export const AccountListRequest = z.strictObject({
  /** Zero-based offset (uint32); the platform defaults to 0. */
  offset: uint32.optional(),
  /** Page size, 1–100; the platform defaults to 100. */
  limit: z
    .number()
    .int()
    .min(1, { message: 'limit must be between 1 and 100' })
    .max(100, { message: 'limit must be between 1 and 100' })
    .optional(),
});
export type AccountListRequest = z.infer<typeof AccountListRequest>;

/** Success body of `account/list`. */
export const AccountListResponse = z.looseObject({
  ...ResponseEnvelope.shape,
  /** 客服账号列表. */
  account_list: z.array(KfAccount),
});
export type AccountListResponse = z.infer<typeof AccountListResponse>;

/** `POST /cgi-bin/kf/add_contact_way` (获取客服账号链接). */
export const AddContactWayRequest = z.strictObject({
  /** 客服账号ID. */
  open_kfid: openKfid,
  /**
   * 场景值, chosen by the developer: at most 32 bytes of `[0-9a-zA-Z_-]`. When it is non-empty,
   * `&scene_param=...` (urlencoded, at most 128 bytes before encoding) may be appended to the
   * returned URL and comes back verbatim in the `enter_session` event.
   */
  scene: token('scene', 32).optional(),
});
export type AddContactWayRequest = z.infer<typeof AddContactWayRequest>;

/** Success body of `add_contact_way`. */
export const AddContactWayResponse = z.looseObject({
  ...ResponseEnvelope.shape,
  /**
   * 客服链接, e.g. `https://work.weixin.qq.com/kf/kfc...?enc_scene=...`. It must not be altered
   * (other than appending `scene_param`), or the enter-session callback is not produced.
   */
  url: z.string(),
});
export type AddContactWayResponse = z.infer<typeof AddContactWayResponse>;
