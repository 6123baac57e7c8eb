import * as z from 'zod';
import { gatedUnion, INVALID_MSGTYPE } from './internal/gated-union.js';
import { bytes } from './internal/limits.js';

/*
 * Sendable message content (send_msg, send_msg_on_event). Requests: every object is strict, so a
 * misspelt field is an error as on the platform, and every documented limit is enforced.
 *
 * Where the docs say a value over the limit is "auto-truncated" (link title/desc, miniprogram title)
 * we reject instead: the platform cuts silently at a byte boundary, possibly mid-character, and the
 * caller never learns what was shown. Trim before sending if truncation is what you want.
 */

/** The `msgtype` values `send_msg` accepts (2023/12/19 list). */
export const KfSendMsgType = {
  Text: 'text',
  Image: 'image',
  Voice: 'voice',
  Video: 'video',
  File: 'file',
  /** 图文链接 */
  Link: 'link',
  Miniprogram: 'miniprogram',
  /** 菜单消息 */
  MsgMenu: 'msgmenu',
  /** 地理位置 */
  Location: 'location',
  /** 获客链接 */
  CaLink: 'ca_link',
} as const;
export type KfSendMsgType = (typeof KfSendMsgType)[keyof typeof KfSendMsgType];

/** The `msgtype` values `send_msg_on_event` accepts (which one depends on the code's scenario). */
export const KfSendMsgOnEventType = {
  Text: 'text',
  MsgMenu: 'msgmenu',
} as const;
export type KfSendMsgOnEventType = (typeof KfSendMsgOnEventType)[keyof typeof KfSendMsgOnEventType];

/** Item types of a menu message (菜单项类型); anything else is rejected with errcode 95009. */
export const KfMenuItemType = {
  /** 回复菜单: tapping sends a text message with `menu_id` = the item id. */
  Click: 'click',
  /** 超链接菜单 */
  View: 'view',
  /** 小程序菜单 */
  Miniprogram: 'miniprogram',
  /** 纯文本 */
  Text: 'text',
} as const;
export type KfMenuItemType = (typeof KfMenuItemType)[keyof typeof KfMenuItemType];

/** `no_newline` of a text menu item. */
export const KfMenuTextNewline = {
  /** 0 (default): a line break follows the item. */
  Newline: 0,
  /** 1: no line break after the item. */
  NoNewline: 1,
} as const;
export type KfMenuTextNewline = (typeof KfMenuTextNewline)[keyof typeof KfMenuTextNewline];

/**
 * A required string that must not be empty. The platform answers an empty required parameter with
 * 40063 (参数为空) or 41006 (缺少media_id参数); the mock maps an empty value to 40063.
 */
function required(label: string): z.ZodString {
  return z.string().min(1, { message: `${label} must not be empty` });
}

/** 文本消息 content. */
export const SendMsgText = z.strictObject({
  /** 消息内容: 1–2048 bytes (UTF-8). Empty → 44004, too long → 45002. */
  content: bytes('text.content', 2048, { errcode: 45002 }).refine((v) => v.length > 0, {
    message: 'text.content must not be empty',
    params: { errcode: 44004 },
  }),
});
export type SendMsgText = z.infer<typeof SendMsgText>;

/** 图片消息: an image uploaded with `media/upload` (type image). */
export const SendMsgImage = z.strictObject({
  /** 图片文件id, from `media/upload`; valid 3 days. Not empty. */
  media_id: required('image.media_id'),
});
export type SendMsgImage = z.infer<typeof SendMsgImage>;

/** 语音消息: an AMR voice uploaded with `media/upload` (type voice). */
export const SendMsgVoice = z.strictObject({
  /** 语音文件id, from `media/upload`; valid 3 days. Not empty. */
  media_id: required('voice.media_id'),
});
export type SendMsgVoice = z.infer<typeof SendMsgVoice>;

/** 视频消息: a video uploaded with `media/upload` (type video). */
export const SendMsgVideo = z.strictObject({
  /** 视频文件id, from `media/upload`; valid 3 days. Not empty. */
  media_id: required('video.media_id'),
});
export type SendMsgVideo = z.infer<typeof SendMsgVideo>;

/** 文件消息: a file uploaded with `media/upload` (type file). */
export const SendMsgFile = z.strictObject({
  /** 文件id, from `media/upload`; valid 3 days. Not empty. */
  media_id: required('file.media_id'),
});
export type SendMsgFile = z.infer<typeof SendMsgFile>;

/** 图文链接消息. */
export const SendMsgLink = z.strictObject({
  /** 标题: 1–128 bytes (the platform would truncate a longer one; we reject, see the file comment). */
  title: bytes('link.title', 128, { min: 1 }),
  /** 描述: at most 512 bytes (the platform would truncate; we reject). */
  desc: bytes('link.desc', 512).optional(),
  /** 点击后跳转的链接: 1–2048 bytes, including the http/https scheme. */
  url: bytes('link.url', 2048, { min: 1 }),
  /** 缩略图的media_id, from `media/upload`. Not empty. */
  thumb_media_id: required('link.thumb_media_id'),
});
export type SendMsgLink = z.infer<typeof SendMsgLink>;

/** 小程序消息: a mini program card. */
export const SendMsgMiniprogram = z.strictObject({
  /** 小程序appid: must be a mini program linked to the corp. Not empty. */
  appid: required('miniprogram.appid'),
  /** 小程序消息标题: at most 64 bytes (the platform would truncate; we reject). */
  title: bytes('miniprogram.title', 64).optional(),
  /** 小程序消息封面的media_id (suggested size 520×416). Not empty. */
  thumb_media_id: required('miniprogram.thumb_media_id'),
  /** 点击消息卡片后进入的小程序页面路径. Not empty. */
  pagepath: required('miniprogram.pagepath'),
});
export type SendMsgMiniprogram = z.infer<typeof SendMsgMiniprogram>;

/**
 * 回复菜单 item. The id comes back as `text.menu_id` when the customer taps the item. Sources
 * disagree on its limit (1–64 bytes and required, or 1–128 bytes and optional); we take the
 * stricter reading, which every reading accepts.
 */
export const SendMenuClickItem = z.strictObject({
  type: z.literal(KfMenuItemType.Click),
  click: z.strictObject({
    /** 菜单ID: 1–64 bytes. */
    id: bytes('click.id', 64, { min: 1 }),
    /** 菜单显示内容: 1–128 bytes. */
    content: bytes('click.content', 128, { min: 1 }),
  }),
});
export type SendMenuClickItem = z.infer<typeof SendMenuClickItem>;

/** 超链接菜单 item. */
export const SendMenuViewItem = z.strictObject({
  type: z.literal(KfMenuItemType.View),
  view: z.strictObject({
    /** 点击后跳转的链接: 1–2048 bytes. */
    url: bytes('view.url', 2048, { min: 1 }),
    /** 菜单显示内容: 1–1024 bytes. */
    content: bytes('view.content', 1024, { min: 1 }),
  }),
});
export type SendMenuViewItem = z.infer<typeof SendMenuViewItem>;

/** 小程序菜单 item. */
export const SendMenuMiniprogramItem = z.strictObject({
  type: z.literal(KfMenuItemType.Miniprogram),
  miniprogram: z.strictObject({
    /** 小程序appid: 1–32 bytes. */
    appid: bytes('miniprogram.appid', 32, { min: 1 }),
    /** 点击后进入的小程序页面: 1–1024 bytes. */
    pagepath: bytes('miniprogram.pagepath', 1024, { min: 1 }),
    /** 菜单显示内容: 1–1024 bytes. */
    content: bytes('miniprogram.content', 1024, { min: 1 }),
  }),
});
export type SendMenuMiniprogramItem = z.infer<typeof SendMenuMiniprogramItem>;

/** 纯文本 item. */
export const SendMenuTextItem = z.strictObject({
  type: z.literal(KfMenuItemType.Text),
  text: z.strictObject({
    /**
     * 文本内容: 1–256 bytes. The docs describe line breaks as `\n` written as two characters
     * (backslash, n); whether a real newline also works is not documented.
     */
    content: bytes('menu text.content', 256, { min: 1 }),
    /** {@link KfMenuTextNewline}: 0 (default) line break after the item, 1 none. */
    no_newline: z.union([z.literal(0), z.literal(1)]).optional(),
  }),
});
export type SendMenuTextItem = z.infer<typeof SendMenuTextItem>;

/** One menu item (菜单项), discriminated on `type`; an unknown type is rejected with errcode 95009. */
export const SendMenuItem = gatedUnion(
  'type',
  Object.values(KfMenuItemType),
  95009,
  z.discriminatedUnion('type', [
    SendMenuClickItem,
    SendMenuViewItem,
    SendMenuMiniprogramItem,
    SendMenuTextItem,
  ]),
);
export type SendMenuItem = z.infer<typeof SendMenuItem>;

/** 菜单消息. */
export const SendMsgMenu = z.strictObject({
  /** 起始文本: at most 1024 bytes. */
  head_content: bytes('msgmenu.head_content', 1024).optional(),
  /** 菜单项配置: at most 10 items (errcode 95008). */
  list: z.array(SendMenuItem).refine((list) => list.length <= 10, {
    message: 'msgmenu.list must have at most 10 items',
    params: { errcode: 95008 },
  }),
  /** 结束文本: at most 1024 bytes. */
  tail_content: bytes('msgmenu.tail_content', 1024).optional(),
});
export type SendMsgMenu = z.infer<typeof SendMsgMenu>;

/** 地理位置消息. */
export const SendMsgLocation = z.strictObject({
  /** 位置名. */
  name: z.string().optional(),
  /** 地址详情说明. */
  address: z.string().optional(),
  /** 纬度: −90 to 90. */
  latitude: z
    .number()
    .min(-90, { message: 'location.latitude must be between -90 and 90' })
    .max(90, { message: 'location.latitude must be between -90 and 90' }),
  /** 经度: −180 to 180. */
  longitude: z
    .number()
    .min(-180, { message: 'location.longitude must be between -180 and 180' })
    .max(180, { message: 'location.longitude must be between -180 and 180' }),
});
export type SendMsgLocation = z.infer<typeof SendMsgLocation>;

/** 获客链接消息. */
export const SendMsgCaLink = z.strictObject({
  /** 获客链接 URL, e.g. `https://work.weixin.qq.com/ca/xxxxxx`. Not empty. */
  link_url: required('ca_link.link_url'),
});
export type SendMsgCaLink = z.infer<typeof SendMsgCaLink>;

/** A text message's content: `{ msgtype: 'text', text }`. */
export const SendMsgTextContent = z.strictObject({
  msgtype: z.literal(KfSendMsgType.Text),
  text: SendMsgText,
});
export type SendMsgTextContent = z.infer<typeof SendMsgTextContent>;

/** An image message's content: `{ msgtype: 'image', image }`. */
export const SendMsgImageContent = z.strictObject({
  msgtype: z.literal(KfSendMsgType.Image),
  image: SendMsgImage,
});
export type SendMsgImageContent = z.infer<typeof SendMsgImageContent>;

/** A voice message's content: `{ msgtype: 'voice', voice }`. */
export const SendMsgVoiceContent = z.strictObject({
  msgtype: z.literal(KfSendMsgType.Voice),
  voice: SendMsgVoice,
});
export type SendMsgVoiceContent = z.infer<typeof SendMsgVoiceContent>;

/** A video message's content: `{ msgtype: 'video', video }`. */
export const SendMsgVideoContent = z.strictObject({
  msgtype: z.literal(KfSendMsgType.Video),
  video: SendMsgVideo,
});
export type SendMsgVideoContent = z.infer<typeof SendMsgVideoContent>;

/** A file message's content: `{ msgtype: 'file', file }`. */
export const SendMsgFileContent = z.strictObject({
  msgtype: z.literal(KfSendMsgType.File),
  file: SendMsgFile,
});
export type SendMsgFileContent = z.infer<typeof SendMsgFileContent>;

/** A link message's content: `{ msgtype: 'link', link }`. */
export const SendMsgLinkContent = z.strictObject({
  msgtype: z.literal(KfSendMsgType.Link),
  link: SendMsgLink,
});
export type SendMsgLinkContent = z.infer<typeof SendMsgLinkContent>;

/** A mini program message's content: `{ msgtype: 'miniprogram', miniprogram }`. */
export const SendMsgMiniprogramContent = z.strictObject({
  msgtype: z.literal(KfSendMsgType.Miniprogram),
  miniprogram: SendMsgMiniprogram,
});
export type SendMsgMiniprogramContent = z.infer<typeof SendMsgMiniprogramContent>;

/** A menu message's content: `{ msgtype: 'msgmenu', msgmenu }`. */
export const SendMsgMenuContent = z.strictObject({
  msgtype: z.literal(KfSendMsgType.MsgMenu),
  msgmenu: SendMsgMenu,
});
export type SendMsgMenuContent = z.infer<typeof SendMsgMenuContent>;

/** A location message's content: `{ msgtype: 'location', location }`. */
export const SendMsgLocationContent = z.strictObject({
  msgtype: z.literal(KfSendMsgType.Location),
  location: SendMsgLocation,
});
export type SendMsgLocationContent = z.infer<typeof SendMsgLocationContent>;

/** A 获客链接 message's content: `{ msgtype: 'ca_link', ca_link }`. */
export const SendMsgCaLinkContent = z.strictObject({
  msgtype: z.literal(KfSendMsgType.CaLink),
  ca_link: SendMsgCaLink,
});
export type SendMsgCaLinkContent = z.infer<typeof SendMsgCaLinkContent>;

/**
 * The content of a `send_msg` message: `msgtype` plus the object of the same name, for each of the
 * 10 sendable types. Strict; any other `msgtype` fails with `params.errcode` 40008.
 */
export const SendMsgContent = gatedUnion(
  'msgtype',
  Object.values(KfSendMsgType),
  INVALID_MSGTYPE,
  z.discriminatedUnion('msgtype', [
    SendMsgTextContent,
    SendMsgImageContent,
    SendMsgVoiceContent,
    SendMsgVideoContent,
    SendMsgFileContent,
    SendMsgLinkContent,
    SendMsgMiniprogramContent,
    SendMsgMenuContent,
    SendMsgLocationContent,
    SendMsgCaLinkContent,
  ]),
);
export type SendMsgContent = z.infer<typeof SendMsgContent>;

/**
 * The content of a `send_msg_on_event` message: text or msgmenu only (any other `msgtype` fails
 * with errcode 40008).
 */
export const SendMsgOnEventContent = gatedUnion(
  'msgtype',
  Object.values(KfSendMsgOnEventType),
  INVALID_MSGTYPE,
  z.discriminatedUnion('msgtype', [SendMsgTextContent, SendMsgMenuContent]),
);
export type SendMsgOnEventContent = z.infer<typeof SendMsgOnEventContent>;
