import { KfEndpoints, KfWechatChannels } from '@kf/types';
import * as z from 'zod';
import { MAX_CLOCK_TIME } from '../../clock.js';

/*
 * Bodies of the control API. Field names are those of the JavaScript scenario API (wire names such
 * as `open_kfid` stay wire names); objects are strict so a typo is a 400, not a silent default.
 */

const id = z.string().min(1);
const conversation = { open_kfid: id, external_userid: id };
/** `{ msgtype, <msgtype>: {...} }`: checked by the world against the received-message schemas. */
const message = z.looseObject({ msgtype: z.string().min(1) });

/** Callback configuration, as `KfMockCallbackConfig`. */
export const CallbackConfigBody = z.strictObject({
  url: z.string(),
  token: z.string(),
  encodingAESKey: z.string(),
  timeoutMs: z.number().optional(),
  retries: z.number().optional(),
  retryDelayMs: z.number().optional(),
  verifyTimeoutMs: z.number().optional(),
});

/** An app's visible range, as `KfMockVisibleRange`. */
const visibleRange = z.strictObject({
  userids: z.array(id).optional(),
  department_ids: z.array(z.number().int().positive()).optional(),
});

/** The seed file of the CLI and the body of `POST /__kf_mock/setup`. */
const appBody = z.strictObject({
  name: id,
  secret: id,
  kfApi: z.boolean().optional(),
  apiSwitch: z.boolean().optional(),
  visibleRange: visibleRange.optional(),
});

const thirdPartyAppBody = z.strictObject({
  name: id,
  secret: id,
  callback: CallbackConfigBody.optional(),
  visibleRange: visibleRange.optional(),
});

/** A parsed visible range without its `undefined` keys (`exactOptionalPropertyTypes`). */
export function rangeInput(range: z.infer<typeof visibleRange>): {
  userids?: string[];
  department_ids?: number[];
} {
  return defined(range);
}

export const SetupBody = z.strictObject({
  corpVerified: z.boolean().optional(),
  wechatChannelsBinding: z.boolean().optional(),
  apps: z.array(appBody).optional(),
  thirdPartyApps: z.array(thirdPartyAppBody).optional(),
  members: z
    .array(
      z.strictObject({
        userid: id,
        departments: z.array(z.number().int().positive()).optional(),
        activated: z.boolean().optional(),
      }),
    )
    .optional(),
  accounts: z
    .array(
      z.strictObject({
        name: z.string().optional(),
        servicers: z.array(id).optional(),
        managedBy: z.array(id).optional(),
        authorizedTo: z.array(id).optional(),
      }),
    )
    .optional(),
  customers: z
    .array(
      z.strictObject({
        nickname: z.string().optional(),
        avatar: z.string().optional(),
        gender: z.number().int().optional(),
        unionid: z.string().optional(),
      }),
    )
    .optional(),
  callback: CallbackConfigBody.optional(),
});

const endpoint = z.union([
  z.literal('*'),
  z.string().refine((name) => Object.hasOwn(KfEndpoints, name), { message: 'unknown endpoint name' }),
]);

/** Bodies per control route. */
export const Bodies = {
  account: z.strictObject({ name: z.string().optional() }),
  member: z.strictObject({
    userid: id,
    departments: z.array(z.number().int()).optional(),
    activated: z.boolean().optional(),
  }),
  department: z.strictObject({ department_id: z.number().int() }),
  servicer: z.strictObject({ open_kfid: id, userid: id }),
  customer: z.strictObject({
    nickname: z.string().optional(),
    avatar: z.string().optional(),
    gender: z.number().int().optional(),
    unionid: z.string().optional(),
  }),
  media: z.strictObject({
    type: z.enum(['image', 'voice', 'video', 'file']),
    text: z.string().optional(),
    base64: z.base64().optional(),
    filename: z.string().optional(),
    contentType: z.string().optional(),
  }),
  upgradeService: z.strictObject({
    userid_list: z.array(z.string()).optional(),
    department_id_list: z.array(z.number().int()).optional(),
    chat_id_list: z.array(z.string()).optional(),
  }),
  binding: z.strictObject({ bound: z.boolean() }),
  corpVerified: z.strictObject({ verified: z.boolean() }),
  enterSession: z.union([
    z.strictObject({ external_userid: id, url: z.string() }),
    z.strictObject({
      external_userid: id,
      open_kfid: id,
      scene: z.string().optional(),
      scene_param: z.string().optional(),
      wechat_channels: KfWechatChannels.optional(),
    }),
  ]),
  customerSend: z.strictObject({ ...conversation, message }),
  customerRecall: z.strictObject({ ...conversation, msgid: id }),
  servicerConversation: z.strictObject({ ...conversation, servicer_userid: id }),
  conversation: z.strictObject(conversation),
  servicerReply: z.strictObject({ ...conversation, servicer_userid: id, message }),
  servicerRecall: z.strictObject({ ...conversation, servicer_userid: id, msgid: id }),
  servicerStatus: z.strictObject({ userid: id, status: z.enum(['receiving', 'stopped', 'suspended']) }),
  servicerReject: z.strictObject({ ...conversation, servicer_userid: id, reject: z.boolean() }),
  app: appBody,
  appAccess: z.strictObject({ name: id, kfApi: z.boolean().optional(), apiSwitch: z.boolean().optional() }),
  accountManaged: z.strictObject({ app: id, open_kfid: id, managed: z.boolean() }),
  appVisibleRange: z.strictObject({ name: id, visibleRange: visibleRange.nullable() }),
  thirdPartyApp: thirdPartyAppBody,
  accountAuth: z.strictObject({ app: id, add: z.array(id).optional(), del: z.array(id).optional() }),
  surveySent: z.strictObject({ ...conversation, servicer_userid: id.optional() }),
  surveyAnswer: z.strictObject({
    ...conversation,
    answer: z.enum(['satisfied', 'middling', 'dissatisfied']),
  }),
  // Time inputs stay within what a clock and a timer can hold: 400 with nothing changed beyond.
  advance: z.strictObject({ ms: z.number().nonnegative().max(MAX_CLOCK_TIME) }),
  setTime: z.strictObject({
    time: z.union([z.number().min(-MAX_CLOCK_TIME).max(MAX_CLOCK_TIME), z.iso.datetime({ offset: true })]),
  }),
  fault: z.strictObject({
    kind: z.enum(['fail', 'system-busy', 'rate-limit', 'drop', 'lose-response', 'delay']),
    endpoint,
    errcode: z.number().int().optional(),
    // A real-time delay is a timer: at most setTimeout's 2^31 - 1 ms (24.8 days).
    ms: z.number().nonnegative().max(2_147_483_647).optional(),
    times: z.number().int().positive().optional(),
    realTime: z.boolean().optional(),
  }),
  empty: z.strictObject({}),
};

/** Drops the keys whose value is `undefined`, as `exactOptionalPropertyTypes` requires. */
export function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
