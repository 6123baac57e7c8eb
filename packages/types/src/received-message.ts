import * as z from 'zod';
import { KfEvent } from './event.js';
import { isRecord } from './internal/is-record.js';
import { unixSeconds } from './internal/limits.js';
import { looseObject } from './internal/loose.js';
import { routeUnknown } from './internal/route-unknown.js';
import { KfMenuItemType } from './send-message.js';

/*
 * Received messages: the items of `sync_msg`'s `msg_list`. Loose objects throughout, so a field the
 * platform adds later is kept. Where the docs do not say whether a payload field is always present
 * it is optional; the common fields the docs promise (msgid, send_time, origin, and for every type
 * but `event` the account and customer ids) are required, so code that replies to a message gets
 * `open_kfid` and `external_userid` as plain strings.
 */

/** Who produced a received message (`origin`, 消息来源). Open set: the field is typed `number`. */
export const KfMsgOrigin = {
  /** 3: sent by the WeChat customer (微信客户发送的消息). */
  Customer: 3,
  /** 4: an event pushed by the system (系统推送的事件消息). */
  SystemEvent: 4,
  /** 5: sent by a servicer from the WeCom client (接待人员在企业微信客户端发送的消息). */
  Servicer: 5,
} as const;
export type KfMsgOrigin = (typeof KfMsgOrigin)[keyof typeof KfMsgOrigin];

/**
 * The `msgtype` values of received messages known to this version. Open set: any other value
 * parses into {@link KfUnknownMsg}.
 */
export const KfMsgType = {
  Text: 'text',
  Image: 'image',
  Voice: 'voice',
  Video: 'video',
  File: 'file',
  /** 位置 */
  Location: 'location',
  /** 链接 */
  Link: 'link',
  /** 名片 */
  BusinessCard: 'business_card',
  /** 小程序 */
  Miniprogram: 'miniprogram',
  /** 菜单 */
  MsgMenu: 'msgmenu',
  /** 视频号商品 */
  ChannelsShopProduct: 'channels_shop_product',
  /** 视频号订单 */
  ChannelsShopOrder: 'channels_shop_order',
  /** 视频号 (a shared 视频号 post/live) */
  Channels: 'channels',
  /** 聊天记录 (forwarded chat history) */
  MergedMsg: 'merged_msg',
  /** 事件: the payload is in `event`, see {@link KfEvent}. */
  Event: 'event',
} as const;
export type KfMsgType = (typeof KfMsgType)[keyof typeof KfMsgType];

/** Validates a known {@link KfMsgType} value (the union type shares the const object's name). */
export const KfMsgTypeSchema = z.enum(KfMsgType);

/** A 回复菜单 item as received in a `msgmenu` message (loose, no limits). */
export const KfMenuClickItem = looseObject({
  type: z.literal(KfMenuItemType.Click),
  click: looseObject({
    /** 菜单ID: echoed as `text.menu_id` when the customer taps the item. */
    id: z.string().optional(),
    /** 菜单显示内容. */
    content: z.string(),
  }),
});
export type KfMenuClickItem = z.infer<typeof KfMenuClickItem>;

/** A 超链接菜单 item as received. */
export const KfMenuViewItem = looseObject({
  type: z.literal(KfMenuItemType.View),
  view: looseObject({
    /** 点击后跳转的链接. */
    url: z.string(),
    /** 菜单显示内容. */
    content: z.string(),
  }),
});
export type KfMenuViewItem = z.infer<typeof KfMenuViewItem>;

/** A 小程序菜单 item as received. */
export const KfMenuMiniprogramItem = looseObject({
  type: z.literal(KfMenuItemType.Miniprogram),
  miniprogram: looseObject({
    /** 小程序appid. */
    appid: z.string(),
    /** 点击后进入的小程序页面. */
    pagepath: z.string(),
    /** 菜单显示内容. */
    content: z.string(),
  }),
});
export type KfMenuMiniprogramItem = z.infer<typeof KfMenuMiniprogramItem>;

/** A 纯文本 item as received. */
export const KfMenuTextItem = looseObject({
  type: z.literal(KfMenuItemType.Text),
  text: looseObject({
    /** 文本内容. */
    content: z.string(),
    /** 0: line break after the item (default), 1: none. */
    no_newline: z.number().int().optional(),
  }),
});
export type KfMenuTextItem = z.infer<typeof KfMenuTextItem>;

/**
 * A received menu item whose `type` this version does not know. `raw` is the item exactly as
 * received. The literal `'unknown'` keeps `switch (item.type)` narrowing intact.
 */
export const KfUnknownMenuItem = looseObject({
  type: z.literal('unknown'),
  /** The item as received. */
  raw: z.unknown(),
});
export type KfUnknownMenuItem = z.infer<typeof KfUnknownMenuItem>;

const knownMenuItemTypes: ReadonlySet<string> = new Set(Object.values(KfMenuItemType));

/**
 * Routes a menu item with an unlisted `type` to {@link KfUnknownMenuItem} before the discriminated
 * union sees it, as {@link KfMsg} does for an unlisted `msgtype`. An already-built unknown item
 * passes through, so parsing a parsed value gives the same value; a missing or non-string `type` is
 * malformed, not new, and is left to the union to report.
 */
const routeUnknownMenuItem = routeUnknown('type', knownMenuItemTypes, (input) => ({
  type: 'unknown',
  raw: input,
}));

/**
 * One item of a received menu, discriminated on `type`. An item type this version does not know
 * parses into {@link KfUnknownMenuItem}, so one new item type does not make the whole `msgmenu`
 * message unreadable.
 */
export const KfMenuItem = z.preprocess(
  routeUnknownMenuItem,
  z.discriminatedUnion('type', [
    KfMenuClickItem,
    KfMenuViewItem,
    KfMenuMiniprogramItem,
    KfMenuTextItem,
    KfUnknownMenuItem,
  ]),
);
export type KfMenuItem = z.infer<typeof KfMenuItem>;

/**
 * One message of a forwarded chat history (聊天记录). `msg_content` is the inner message as a JSON
 * **string** (`{"msgtype":"text","text":{...}}`); read it with {@link parseMergedMsgContent}.
 * The parsed form is not added to the item so that a parsed message serializes back to what the
 * platform sent.
 */
export const KfMergedMsgItem = looseObject({
  /** When the inner message was sent (unix seconds). */
  send_time: z.number().optional(),
  /** The inner message's type, repeated inside `msg_content`. */
  msgtype: z.string().optional(),
  /** Display name of the inner message's sender. */
  sender_name: z.string().optional(),
  /** The inner message as a JSON string. */
  msg_content: z.string(),
});
export type KfMergedMsgItem = z.infer<typeof KfMergedMsgItem>;

/** Fills whichever spelling of a picture field is missing from the other one. */
function fillSpelling<T extends Record<string, unknown>>(target: T, a: keyof T, b: keyof T): void {
  if (target[a] === undefined && target[b] !== undefined) target[a] = target[b];
  else if (target[b] === undefined && target[a] !== undefined) target[b] = target[a];
}

/**
 * The sources spell two fields of 视频号商品 two ways (`head_img`/`head_image`,
 * `shop_head_img`/`shop_head_image`). Both are accepted, and parsing fills the missing spelling from
 * the present one, so either name can be read.
 */
const ChannelsShopProductPayload = looseObject({
  /**
   * 商品ID: a string in the examples. A number is accepted too: the sources disagree on the types
   * of this payload's fields (`sales_price` is a string in one, a number in another), and a
   * numeric id must not turn the whole message into an unknown one.
   */
  product_id: z.union([z.string(), z.number()]),
  /** 商品图片 (also spelt `head_image`). */
  head_img: z.string().optional(),
  /** 商品图片 (also spelt `head_img`). */
  head_image: z.string().optional(),
  /** 商品标题. */
  title: z.string().optional(),
  /** 商品价格, in fen (分). A number in some examples, a string in others. */
  sales_price: z.union([z.string(), z.number()]).optional(),
  /** 店铺名称. */
  shop_nickname: z.string().optional(),
  /** 店铺头像 (also spelt `shop_head_image`). */
  shop_head_img: z.string().optional(),
  /** 店铺头像 (also spelt `shop_head_img`). */
  shop_head_image: z.string().optional(),
}).transform((payload) => {
  const out = { ...payload };
  fillSpelling(out, 'head_img', 'head_image');
  fillSpelling(out, 'shop_head_img', 'shop_head_image');
  return out;
});

/** `msgtype` + payload of each known type: the part shared by a message and a merged-msg item. */
const contentShapes = {
  text: {
    msgtype: z.literal(KfMsgType.Text),
    text: looseObject({
      /** 文本内容. */
      content: z.string(),
      /** 客户点击菜单消息，触发的回复消息中附带的菜单ID: the id of the tapped `click` menu item. */
      menu_id: z.string().optional(),
    }),
  },
  image: {
    msgtype: z.literal(KfMsgType.Image),
    /** 图片文件id: download with `media/get` within 3 days. */
    image: looseObject({ media_id: z.string() }),
  },
  voice: {
    msgtype: z.literal(KfMsgType.Voice),
    /** 语音文件id (AMR or SILK per `voice_format`): download with `media/get` within 3 days. */
    voice: looseObject({ media_id: z.string() }),
  },
  video: {
    msgtype: z.literal(KfMsgType.Video),
    /** 视频文件id: download with `media/get` within 3 days. */
    video: looseObject({ media_id: z.string() }),
  },
  file: {
    msgtype: z.literal(KfMsgType.File),
    /** 文件id: download with `media/get` within 3 days. */
    file: looseObject({ media_id: z.string() }),
  },
  location: {
    msgtype: z.literal(KfMsgType.Location),
    location: looseObject({
      /** 纬度. */
      latitude: z.number(),
      /** 经度. */
      longitude: z.number(),
      /** 位置名. */
      name: z.string().optional(),
      /** 地址详情说明. */
      address: z.string().optional(),
    }),
  },
  link: {
    msgtype: z.literal(KfMsgType.Link),
    link: looseObject({
      /** 标题. */
      title: z.string(),
      /** 描述. */
      desc: z.string().optional(),
      /** 点击后跳转的链接. */
      url: z.string(),
      /** 缩略图链接. */
      pic_url: z.string().optional(),
    }),
  },
  business_card: {
    msgtype: z.literal(KfMsgType.BusinessCard),
    /** 名片: the WeCom member whose card was shared. */
    business_card: looseObject({ userid: z.string() }),
  },
  miniprogram: {
    msgtype: z.literal(KfMsgType.Miniprogram),
    miniprogram: looseObject({
      /** 标题. */
      title: z.string().optional(),
      /** 小程序appid. */
      appid: z.string(),
      /** 点击消息卡片后进入的小程序页面路径. */
      pagepath: z.string(),
      /** 小程序消息封面的文件id. */
      thumb_media_id: z.string().optional(),
    }),
  },
  msgmenu: {
    msgtype: z.literal(KfMsgType.MsgMenu),
    msgmenu: looseObject({
      /** 起始文本. */
      head_content: z.string().optional(),
      /** 菜单项. */
      list: z.array(KfMenuItem).optional(),
      /** 结束文本. */
      tail_content: z.string().optional(),
    }),
  },
  channels_shop_product: {
    msgtype: z.literal(KfMsgType.ChannelsShopProduct),
    channels_shop_product: ChannelsShopProductPayload,
  },
  channels_shop_order: {
    msgtype: z.literal(KfMsgType.ChannelsShopOrder),
    channels_shop_order: looseObject({
      /** 订单号. */
      order_id: z.string(),
      /** 商品标题. */
      product_titles: z.string().optional(),
      /** 订单价格描述. */
      price_wording: z.string().optional(),
      /** 订单状态. */
      state: z.string().optional(),
      /** 订单缩略图. */
      image_url: z.string().optional(),
      /** 店铺名称. */
      shop_nickname: z.string().optional(),
    }),
  },
  channels: {
    msgtype: z.literal(KfMsgType.Channels),
    channels: looseObject({
      /** 视频号消息类型; the values are not documented. */
      sub_type: z.number().int().optional(),
      /** 视频号名称. */
      nickname: z.string().optional(),
      /** 视频号动态标题. */
      title: z.string().optional(),
    }),
  },
  merged_msg: {
    msgtype: z.literal(KfMsgType.MergedMsg),
    merged_msg: looseObject({
      /** 聊天记录标题. */
      title: z.string().optional(),
      /** The forwarded messages. */
      item: z.array(KfMergedMsgItem),
    }),
  },
  event: {
    msgtype: z.literal(KfMsgType.Event),
    /** The event; discriminate on `event.event_type`. */
    event: KfEvent,
  },
};

/** Fields of every received message, events included. */
const MsgMetaShape = {
  /** 消息ID. */
  msgid: z.string(),
  /** 消息发送时间 (unix seconds). */
  send_time: unixSeconds,
  /** 消息来源; known values in {@link KfMsgOrigin}. */
  origin: z.number().int(),
};

/** Fields of every message but events (for events they live inside `event`). */
const ConversationShape = {
  /** 客服账号ID. */
  open_kfid: z.string(),
  /** 客户UserID. */
  external_userid: z.string(),
  /**
   * 从企业微信给客户发消息的接待人员userid: for origin 5 (the official generic example also shows it
   * with origin 3).
   */
  servicer_userid: z.string().optional(),
};

/** 文本消息. When the customer tapped a `click` menu item, `text.menu_id` is that item's id. */
export const KfTextMsg = looseObject({ ...MsgMetaShape, ...ConversationShape, ...contentShapes.text });
export type KfTextMsg = z.infer<typeof KfTextMsg>;

/** 图片消息 (media over 2 MB arrives as a text hint instead). */
export const KfImageMsg = looseObject({ ...MsgMetaShape, ...ConversationShape, ...contentShapes.image });
export type KfImageMsg = z.infer<typeof KfImageMsg>;

/** 语音消息 (media over 2 MB arrives as a text hint instead). */
export const KfVoiceMsg = looseObject({ ...MsgMetaShape, ...ConversationShape, ...contentShapes.voice });
export type KfVoiceMsg = z.infer<typeof KfVoiceMsg>;

/** 视频消息 (media over 10 MB arrives as a text hint instead). */
export const KfVideoMsg = looseObject({ ...MsgMetaShape, ...ConversationShape, ...contentShapes.video });
export type KfVideoMsg = z.infer<typeof KfVideoMsg>;

/** 文件消息 (media over 20 MB arrives as a text hint instead). */
export const KfFileMsg = looseObject({ ...MsgMetaShape, ...ConversationShape, ...contentShapes.file });
export type KfFileMsg = z.infer<typeof KfFileMsg>;

/** 位置消息. */
export const KfLocationMsg = looseObject({
  ...MsgMetaShape,
  ...ConversationShape,
  ...contentShapes.location,
});
export type KfLocationMsg = z.infer<typeof KfLocationMsg>;

/** 链接消息. */
export const KfLinkMsg = looseObject({ ...MsgMetaShape, ...ConversationShape, ...contentShapes.link });
export type KfLinkMsg = z.infer<typeof KfLinkMsg>;

/** 名片消息. */
export const KfBusinessCardMsg = looseObject({
  ...MsgMetaShape,
  ...ConversationShape,
  ...contentShapes.business_card,
});
export type KfBusinessCardMsg = z.infer<typeof KfBusinessCardMsg>;

/** 小程序消息. */
export const KfMiniprogramMsg = looseObject({
  ...MsgMetaShape,
  ...ConversationShape,
  ...contentShapes.miniprogram,
});
export type KfMiniprogramMsg = z.infer<typeof KfMiniprogramMsg>;

/** 菜单消息 (e.g. one a servicer sent from the WeCom client). */
export const KfMenuMsg = looseObject({ ...MsgMetaShape, ...ConversationShape, ...contentShapes.msgmenu });
export type KfMenuMsg = z.infer<typeof KfMenuMsg>;

/**
 * 视频号商品消息. Both spellings of the picture fields are accepted and, after parsing, both are
 * present whenever either was sent (`head_img`/`head_image`, `shop_head_img`/`shop_head_image`).
 */
export const KfChannelsShopProductMsg = looseObject({
  ...MsgMetaShape,
  ...ConversationShape,
  ...contentShapes.channels_shop_product,
});
export type KfChannelsShopProductMsg = z.infer<typeof KfChannelsShopProductMsg>;

/** 视频号订单消息. */
export const KfChannelsShopOrderMsg = looseObject({
  ...MsgMetaShape,
  ...ConversationShape,
  ...contentShapes.channels_shop_order,
});
export type KfChannelsShopOrderMsg = z.infer<typeof KfChannelsShopOrderMsg>;

/** 视频号消息: a shared 视频号 post or live stream. */
export const KfChannelsMsg = looseObject({
  ...MsgMetaShape,
  ...ConversationShape,
  ...contentShapes.channels,
});
export type KfChannelsMsg = z.infer<typeof KfChannelsMsg>;

/** 聊天记录消息: forwarded chat history; read each item with {@link parseMergedMsgContent}. */
export const KfMergedMsg = looseObject({
  ...MsgMetaShape,
  ...ConversationShape,
  ...contentShapes.merged_msg,
});
export type KfMergedMsg = z.infer<typeof KfMergedMsg>;

/**
 * 事件消息 (origin 4). The account and customer ids are inside `event`, not at the top level (if
 * the platform does send them at the top level, as some examples show, they are kept as unknown fields).
 */
export const KfEventMsg = looseObject({ ...MsgMetaShape, ...contentShapes.event });
export type KfEventMsg = z.infer<typeof KfEventMsg>;

/**
 * A message this version could not read: its `msgtype` is unknown, or (from {@link parseKfMsg}) its
 * payload did not match its type, in which case `issues` says why. `raw` is the item exactly as
 * received; the common fields are copied up when they have the right type so routing and
 * de-duplication still work. The literal `'unknown'` keeps `switch (m.msgtype)` narrowing intact.
 */
export const KfUnknownMsg = looseObject({
  msgtype: z.literal('unknown'),
  /** The item as received (an object, unless {@link parseKfMsg} was given something else). */
  raw: z.unknown(),
  /** Why a known type was rejected; absent when the type itself is unknown. */
  issues: z.array(z.custom<z.core.$ZodIssue>()).optional(),
  msgid: z.string().optional(),
  open_kfid: z.string().optional(),
  external_userid: z.string().optional(),
  send_time: z.number().optional(),
  origin: z.number().optional(),
});
export type KfUnknownMsg = z.infer<typeof KfUnknownMsg>;

const knownMsgTypes: ReadonlySet<string> = new Set(Object.values(KfMsgType));

/** Builds the unknown variant, copying the common fields that have the right type. Never throws. */
function unknownMsgOf(raw: unknown, issues?: z.core.$ZodIssue[]): KfUnknownMsg {
  const out: KfUnknownMsg = { msgtype: 'unknown', raw };
  if (issues !== undefined) out.issues = issues;
  try {
    if (!isRecord(raw)) return out;
    for (const key of ['msgid', 'open_kfid', 'external_userid'] as const) {
      const value = raw[key];
      if (typeof value === 'string') out[key] = value;
    }
    for (const key of ['send_time', 'origin'] as const) {
      const value = raw[key];
      // Finite only: z.number() rejects NaN and Infinity, and re-parsing must not fail.
      if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
    }
  } catch {
    // A hostile getter: the fields are a convenience, `raw` still has everything.
  }
  return out;
}

/**
 * Routes a message with an unlisted `msgtype` to the unknown variant before the discriminated union
 * sees it. An already-built unknown variant (`msgtype: 'unknown'` with `raw`) passes through, so
 * parsing a parsed value gives the same value.
 */
const routeUnknownMsg = routeUnknown('msgtype', knownMsgTypes, (input) => unknownMsgOf(input));

/**
 * Any received message (an item of `sync_msg`'s `msg_list`), discriminated on `msgtype`. An
 * unknown `msgtype` parses into {@link KfUnknownMsg}; a known type with a malformed payload fails
 * with that type's issues. To never fail, use {@link parseKfMsg} (as `SyncMsgResponse` does).
 */
export const KfMsg = z.preprocess(
  routeUnknownMsg,
  z.discriminatedUnion('msgtype', [
    KfTextMsg,
    KfImageMsg,
    KfVoiceMsg,
    KfVideoMsg,
    KfFileMsg,
    KfLocationMsg,
    KfLinkMsg,
    KfBusinessCardMsg,
    KfMiniprogramMsg,
    KfMenuMsg,
    KfChannelsShopProductMsg,
    KfChannelsShopOrderMsg,
    KfChannelsMsg,
    KfMergedMsg,
    KfEventMsg,
    KfUnknownMsg,
  ]),
);
export type KfMsg = z.infer<typeof KfMsg>;

/**
 * Parses one received message and never throws: anything {@link KfMsg} rejects (a known type with a
 * malformed payload, a missing `msgtype`, `null`, a number...) becomes {@link KfUnknownMsg} with the
 * zod `issues` attached, so one odd item never fails a whole `sync_msg` page.
 */
export function parseKfMsg(raw: unknown): KfMsg {
  try {
    const result = KfMsg.safeParse(raw);
    return result.success ? result.data : unknownMsgOf(raw, result.error.issues);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return unknownMsgOf(raw, [
      { code: 'custom', path: [], message: `could not read the message: ${message}` },
    ]);
  }
}

/**
 * The content of a message without the envelope (`{ msgtype, <msgtype>: {...} }`): what a
 * {@link KfMergedMsgItem}'s `msg_content` holds. Unknown types parse into {@link KfUnknownMsg}.
 */
export const KfMsgContent = z.preprocess(
  routeUnknownMsg,
  z.discriminatedUnion('msgtype', [
    looseObject(contentShapes.text),
    looseObject(contentShapes.image),
    looseObject(contentShapes.voice),
    looseObject(contentShapes.video),
    looseObject(contentShapes.file),
    looseObject(contentShapes.location),
    looseObject(contentShapes.link),
    looseObject(contentShapes.business_card),
    looseObject(contentShapes.miniprogram),
    looseObject(contentShapes.msgmenu),
    looseObject(contentShapes.channels_shop_product),
    looseObject(contentShapes.channels_shop_order),
    looseObject(contentShapes.channels),
    looseObject(contentShapes.merged_msg),
    looseObject(contentShapes.event),
    KfUnknownMsg,
  ]),
);
export type KfMsgContent = z.infer<typeof KfMsgContent>;

/**
 * Reads the inner message of a forwarded chat item (`merged_msg.item[].msg_content`, a JSON string).
 * Never throws: invalid JSON or an unreadable payload gives {@link KfUnknownMsg} with `issues`
 * (`raw` is the string itself when it is not JSON). A nested `merged_msg` is returned as is; call
 * this again on its items.
 */
export function parseMergedMsgContent(content: string | KfMergedMsgItem): KfMsgContent {
  const json = typeof content === 'string' ? content : content.msg_content;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return unknownMsgOf(json, [{ code: 'custom', path: [], message: `msg_content is not JSON: ${message}` }]);
  }
  try {
    const result = KfMsgContent.safeParse(value);
    return result.success ? result.data : unknownMsgOf(value, result.error.issues);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return unknownMsgOf(value, [
      { code: 'custom', path: [], message: `could not read msg_content: ${message}` },
    ]);
  }
}
