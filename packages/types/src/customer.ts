import * as z from 'zod';
import { KfWechatChannels } from './common.js';
import { ResponseEnvelope } from './internal/envelope.js';
import { bytes } from './internal/limits.js';
import { looseObject } from './internal/loose.js';

/** 客服账号ID; 95000 (不合法的open_kfid) is the platform's code for a malformed one. */
const openKfid = bytes('open_kfid', 64, { min: 1, errcode: 95000 });

/**
 * Context of the customer's last entry into a session within 48 hours (进入会话的上下文), returned
 * by `customer/batchget` when `need_enter_session_context` is 1.
 */
export const KfCustomerEnterSessionContext = looseObject({
  /** 场景值: the `scene` of the `add_contact_way` link the customer came through. */
  scene: z.string().optional(),
  /** The `scene_param` appended to that link, verbatim. */
  scene_param: z.string().optional(),
  /** 视频号 context: only when the customer entered from WeChat Channels. */
  wechat_channels: KfWechatChannels.optional(),
});
export type KfCustomerEnterSessionContext = z.infer<typeof KfCustomerEnterSessionContext>;

/** A WeChat customer (微信客户) of `customer/batchget`. */
export const KfCustomer = looseObject({
  /** 微信客户的external_userid. */
  external_userid: z.string(),
  /** 微信昵称. Optional: not promised to third-party and 代开发 apps (see `gender`). */
  nickname: z.string().optional(),
  /** 微信头像 URL. Not available to third-party and 代开发 apps. */
  avatar: z.string().optional(),
  /**
   * 性别: 0 unknown, 1 male, 2 female. Not available to third-party and 代开发 apps, which get 0 or
   * nothing, so it is optional.
   */
  gender: z.number().int().optional(),
  /**
   * unionid: needs a WeChat developer account bound to the kf console; not available to
   * third-party apps.
   */
  unionid: z.string().optional(),
  /** 48小时内最后一次进入会话的上下文: only when the request set `need_enter_session_context` to 1. */
  enter_session_context: KfCustomerEnterSessionContext.optional(),
});
export type KfCustomer = z.infer<typeof KfCustomer>;

const MAX_BATCHGET_IDS = 100;

/**
 * `POST /cgi-bin/kf/customer/batchget` (获取客户基础信息). An id is only answered when the customer
 * entered a session or messaged the account within the last 48 hours; the others come back in
 * `invalid_external_userid`.
 */
export const CustomerBatchgetRequest = z.strictObject({
  /** external_userid列表: 1–100 ids; call again for more. */
  external_userid_list: z
    .array(z.string().min(1))
    .min(1, { message: 'external_userid_list must hold 1 to 100 ids' })
    .max(MAX_BATCHGET_IDS, { message: 'external_userid_list must hold 1 to 100 ids' }),
  /**
   * 1 to also return each customer's {@link KfCustomerEnterSessionContext}, 0 not to. The platform
   * defaults to 0.
   */
  need_enter_session_context: z.literal([0, 1]).optional(),
});
export type CustomerBatchgetRequest = z.infer<typeof CustomerBatchgetRequest>;

/**
 * Success body of `customer/batchget`. Both lists may be absent when empty; parsing gives `[]`
 * for a missing one, so no `?? []` is needed.
 */
export const CustomerBatchgetResponse = looseObject({
  ...ResponseEnvelope.shape,
  /** The customers found (`[]` when absent). */
  customer_list: z.array(KfCustomer).default([]),
  /** Requested ids that are invalid or without activity in the last 48 hours (`[]` when absent). */
  invalid_external_userid: z.array(z.string()).default([]),
});
export type CustomerBatchgetResponse = z.infer<typeof CustomerBatchgetResponse>;

/**
 * Query of `GET /cgi-bin/kf/customer/get_upgrade_service_config` (获取配置的专员与客户群). The
 * endpoint takes nothing but the access token, which the client adds; the empty strict object
 * keeps every endpoint in the same request/response shape and rejects stray parameters.
 */
export const CustomerGetUpgradeServiceConfigRequest = z.strictObject({});
export type CustomerGetUpgradeServiceConfigRequest = z.infer<typeof CustomerGetUpgradeServiceConfigRequest>;

/** 专员服务配置范围 as received: every list may be absent (a corp may have configured nothing). */
const UpgradeServiceMemberRangeWire = looseObject({
  /** 专员userid列表 (`[]` when absent). */
  userid_list: z.array(z.string()).default([]),
  /** 专员部门id列表, as the official example spells it. */
  department_id_list: z.array(z.number().int()).optional(),
  /** 专员部门id列表, as the field table spells it; read `department_id_list`, which is filled from it. */
  department_list: z.array(z.number().int()).optional(),
});

/**
 * 专员服务配置范围. The example spells the department list `department_id_list`, the field table
 * `department_list`: both are accepted, and after parsing `department_id_list` is always there,
 * taken from `department_list` when only that one came (`[]` when neither did).
 */
const UpgradeServiceMemberRange = UpgradeServiceMemberRangeWire.transform(
  (range): z.output<typeof UpgradeServiceMemberRangeWire> & { department_id_list: number[] } => ({
    ...range,
    department_id_list: range.department_id_list ?? range.department_list ?? [],
  }),
);

/**
 * Success body of `customer/get_upgrade_service_config`: the members and group chats configured in
 * 「微信客服 - 升级服务」. A corp that configured nothing may get empty or absent lists, or no range
 * at all: parsing gives every list as an array (`[]` when absent), so no `?? []` is needed.
 */
export const CustomerGetUpgradeServiceConfigResponse = looseObject({
  ...ResponseEnvelope.shape,
  /** 专员服务配置范围 (empty lists when absent). */
  member_range: UpgradeServiceMemberRange.prefault({}),
  /** 客户群配置范围 (an empty list when absent). */
  groupchat_range: looseObject({
    /** 客户群id列表 (`[]` when absent). */
    chat_id_list: z.array(z.string()).default([]),
  }).prefault({}),
});
export type CustomerGetUpgradeServiceConfigResponse = z.infer<typeof CustomerGetUpgradeServiceConfigResponse>;

/** Values of `type` in `customer/upgrade_service`. */
export const KfUpgradeServiceType = {
  /** 1 专员服务: recommend a member (`member`). */
  Member: 1,
  /** 2 客户群服务: recommend a group chat (`groupchat`). */
  GroupChat: 2,
} as const;
export type KfUpgradeServiceType = (typeof KfUpgradeServiceType)[keyof typeof KfUpgradeServiceType];

const upgradeTarget = {
  /** 客服账号ID. */
  open_kfid: openKfid,
  /** 微信客户的external_userid. */
  external_userid: z.string().min(1),
};

/**
 * `POST /cgi-bin/kf/customer/upgrade_service` (为客户升级为专员或客户群服务). `type` decides which
 * object is sent: `member` for 1, `groupchat` for 2. The userid / chat_id must be configured in
 * 升级服务 (95021 otherwise) and the member must be within 客户联系's usage range.
 */
export const CustomerUpgradeServiceRequest = z.discriminatedUnion('type', [
  z.strictObject({
    ...upgradeTarget,
    /** 1: upgrade to a 专员 (member). */
    type: z.literal(KfUpgradeServiceType.Member),
    /** 推荐的服务专员. */
    member: z.strictObject({
      /** 服务专员的userid. */
      userid: z.string().min(1),
      /** 推荐语. */
      wording: z.string().optional(),
    }),
  }),
  z.strictObject({
    ...upgradeTarget,
    /** 2: upgrade to a 客户群 (group chat). */
    type: z.literal(KfUpgradeServiceType.GroupChat),
    /** 推荐的客户群. */
    groupchat: z.strictObject({
      /** 客户群id. */
      chat_id: z.string().min(1),
      /** 推荐语. */
      wording: z.string().optional(),
    }),
  }),
]);
export type CustomerUpgradeServiceRequest = z.infer<typeof CustomerUpgradeServiceRequest>;

/** Success body of `customer/upgrade_service`: the envelope only. */
export const CustomerUpgradeServiceResponse = looseObject({ ...ResponseEnvelope.shape });
export type CustomerUpgradeServiceResponse = z.infer<typeof CustomerUpgradeServiceResponse>;

/**
 * `POST /cgi-bin/kf/customer/cancel_upgrade_service` (为客户取消推荐): clears the member or group
 * chat recommended to the customer, and the hint shown to the servicer.
 */
export const CustomerCancelUpgradeServiceRequest = z.strictObject({ ...upgradeTarget });
export type CustomerCancelUpgradeServiceRequest = z.infer<typeof CustomerCancelUpgradeServiceRequest>;

/** Success body of `customer/cancel_upgrade_service`: the envelope only. */
export const CustomerCancelUpgradeServiceResponse = looseObject({ ...ResponseEnvelope.shape });
export type CustomerCancelUpgradeServiceResponse = z.infer<typeof CustomerCancelUpgradeServiceResponse>;
