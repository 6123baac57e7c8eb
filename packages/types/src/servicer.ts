import * as z from 'zod';
import { ResponseEnvelope } from './internal/envelope.js';
import { bytes, uint32 } from './internal/limits.js';
import { looseObject } from './internal/loose.js';

/** 客服账号ID; 95000 (不合法的open_kfid) is the platform's code for a malformed one. */
const openKfid = bytes('open_kfid', 64, { min: 1, errcode: 95000 });

/**
 * Known values of {@link KfServicer}`.status` (接待状态), as `servicer/list` reports them. Note that
 * the `servicer_status_change` event numbers the same states differently (1 and 2).
 */
export const KfServicerStatus = {
  /** 0 接待中: receiving sessions. */
  Receiving: 0,
  /** 1 停止接待: not receiving; {@link KfServicer}`.stop_type` tells how. */
  Stopped: 1,
} as const;
export type KfServicerStatus = (typeof KfServicerStatus)[keyof typeof KfServicerStatus];

/** Known values of {@link KfServicer}`.stop_type`, the kind of 「停止接待」. */
export const KfServicerStopType = {
  /** 0 停止接待: stopped. */
  Stopped: 0,
  /** 1 暂时挂起: suspended for now. */
  Suspended: 1,
} as const;
export type KfServicerStopType = (typeof KfServicerStopType)[keyof typeof KfServicerStopType];

/**
 * An item of `servicer/list` (接待人员): either a member (`userid`, `status`, `stop_type`) or a
 * department (`department_id`). One object with optional fields rather than a union, because the
 * platform leaves out fields depending on the caller's rights and the member's state.
 */
export const KfServicer = looseObject({
  /** 接待人员的userid (third-party apps get the `open_userid`). Absent for a department item. */
  userid: z.string().optional(),
  /**
   * 接待状态, see {@link KfServicerStatus}. Only returned when the app has management privilege on
   * the account (third-party apps also need 「管理账号、分配会话和收发消息」), and never for a
   * department item.
   */
  status: z.number().int().optional(),
  /** Kind of 停止接待, see {@link KfServicerStopType}. Only present when `status` is 1. */
  stop_type: z.number().int().optional(),
  /** 接待人员部门的id. Present for a department item only. */
  department_id: z.number().int().optional(),
});
export type KfServicer = z.infer<typeof KfServicer>;

/**
 * Per-item outcome in the `result_list` of `servicer/add` and `servicer/del`: one entry per
 * `userid` or `department_id` of the request.
 */
export const KfServicerResult = looseObject({
  /** The member this result is about (absent for a department result). */
  userid: z.string().optional(),
  /** The department this result is about (absent for a member result). */
  department_id: z.number().int().optional(),
  /** 0 when the item was applied or ignored, the platform's error code otherwise. */
  errcode: z.number().int(),
  /** `"success"` when applied, `"ignored"` (errcode 0) when nothing changed, else the error text. */
  errmsg: z.string(),
});
export type KfServicerResult = z.infer<typeof KfServicerResult>;

const MAX_LIST_ITEMS = 100;

/**
 * Request of `servicer/add` and `servicer/del`: both lists are optional, but at least one of them
 * must be present and non-empty (a body whose lists are all absent or empty adds or removes nothing,
 * and is rejected with 40063 参数为空).
 */
function servicerChangeRequest() {
  return z
    .strictObject({
      /** 客服账号ID. */
      open_kfid: openKfid,
      /**
       * 接待人员userid列表 (third-party apps: `open_userid`), 0–100 per call; may be empty or absent
       * only when `department_id_list` has an item.
       */
      userid_list: z
        .array(z.string().min(1))
        .max(MAX_LIST_ITEMS, {
          message: `userid_list may hold at most ${MAX_LIST_ITEMS} items per call`,
        })
        .optional(),
      /** 接待人员部门id列表, 0–100 per call; may be empty or absent only when `userid_list` has an item. */
      department_id_list: z
        .array(uint32)
        .max(MAX_LIST_ITEMS, {
          message: `department_id_list may hold at most ${MAX_LIST_ITEMS} items per call`,
        })
        .optional(),
    })
    .refine((body) => (body.userid_list?.length ?? 0) > 0 || (body.department_id_list?.length ?? 0) > 0, {
      message: 'userid_list or department_id_list must hold at least one item (at least one of the two)',
      path: ['userid_list'],
      params: { errcode: 40063 },
    });
}

/**
 * `POST /cgi-bin/kf/servicer/add` (添加接待人员). An account holds at most 2000 members and 20
 * departments; the members must be inside the app's visible range.
 */
export const ServicerAddRequest = servicerChangeRequest();
export type ServicerAddRequest = z.infer<typeof ServicerAddRequest>;

/** Success body of `servicer/add`: one result per requested member or department. */
export const ServicerAddResponse = looseObject({
  ...ResponseEnvelope.shape,
  /** 操作结果. */
  result_list: z.array(KfServicerResult),
});
export type ServicerAddResponse = z.infer<typeof ServicerAddResponse>;

/** `POST /cgi-bin/kf/servicer/del` (删除接待人员): same body as `servicer/add`. */
export const ServicerDelRequest = servicerChangeRequest();
export type ServicerDelRequest = z.infer<typeof ServicerDelRequest>;

/** Success body of `servicer/del`: one result per requested member or department. */
export const ServicerDelResponse = looseObject({
  ...ResponseEnvelope.shape,
  /** 操作结果. */
  result_list: z.array(KfServicerResult),
});
export type ServicerDelResponse = z.infer<typeof ServicerDelResponse>;

/** Query of `GET /cgi-bin/kf/servicer/list?open_kfid=...` (获取接待人员列表). */
export const ServicerListRequest = z.strictObject({
  /** 客服账号ID. */
  open_kfid: openKfid,
});
export type ServicerListRequest = z.infer<typeof ServicerListRequest>;

/** Success body of `servicer/list`. */
export const ServicerListResponse = looseObject({
  ...ResponseEnvelope.shape,
  /** 客服账号的接待人员列表: members and departments. */
  servicer_list: z.array(KfServicer),
});
export type ServicerListResponse = z.infer<typeof ServicerListResponse>;
