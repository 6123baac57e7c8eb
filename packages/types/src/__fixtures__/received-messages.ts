/*
 * One realistic `sync_msg` item per msgtype and per event type, for tests.
 *
 * Provenance:
 * - [O] the common fields (msgid ... servicer_userid) are the official generic item (kf-api.md F-21).
 * - [O-repro] payload objects reproduced from the official per-type examples of the sync_msg page
 *   (doc 94670) as peer SDK test suites copy them: text, image, voice, video, file, location, link,
 *   business_card, miniprogram, msgmenu, and the enter_session, msg_send_fail,
 *   servicer_status_change and session_status_change events. The official examples put
 *   open_kfid/external_userid/servicer_userid at the top level of event items too; the field notes
 *   say they are not returned for events, so our event fixtures follow the field notes (origin 4).
 * - [P] built from kf-api.md §3 field tables (peer SDK models): channels_shop_product,
 *   channels_shop_order, channels, merged_msg, user_recall_msg, servicer_recall_msg,
 *   reject_customer_msg_switch_change.
 */

const common = {
  msgid: 'from_msgid_4622416642169452483',
  open_kfid: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
  external_userid: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
  send_time: 1615478585,
  origin: 3,
  servicer_userid: 'Zhangsan',
};

const eventCommon = {
  msgid: 'from_msgid_4622416642169452484',
  send_time: 1615478590,
  origin: 4,
};

const ids = {
  open_kfid: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
  external_userid: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
};

/** One item per known msgtype other than `event`, keyed by msgtype. */
export const messageFixtures = {
  // [O-repro]
  text: { ...common, msgtype: 'text', text: { content: 'hello world', menu_id: '101' } },
  // [O-repro]
  image: { ...common, msgtype: 'image', image: { media_id: '2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw' } },
  // [O-repro]
  voice: { ...common, msgtype: 'voice', voice: { media_id: '2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw' } },
  // [O-repro]
  video: { ...common, msgtype: 'video', video: { media_id: '2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw' } },
  // [O-repro]
  file: { ...common, msgtype: 'file', file: { media_id: '2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw' } },
  // [O-repro]
  location: {
    ...common,
    msgtype: 'location',
    location: {
      latitude: 23.106021881103501,
      longitude: 113.320503234863,
      name: '广州国际媒体港(广州市海珠区)',
      address: '广东省广州市海珠区滨江东路',
    },
  },
  // [O-repro]
  link: {
    ...common,
    msgtype: 'link',
    link: { title: 'TITLE', desc: 'DESC', url: 'URL', pic_url: 'PIC_URL' },
  },
  // [O-repro]
  business_card: { ...common, msgtype: 'business_card', business_card: { userid: 'USERID' } },
  // [O-repro]
  miniprogram: {
    ...common,
    msgtype: 'miniprogram',
    miniprogram: { title: 'TITLE', appid: 'APPID', pagepath: 'PAGE_PATH', thumb_media_id: 'THUMB_MEDIA_ID' },
  },
  // [O-repro] plus the text item of the send_msg example (F-41)
  msgmenu: {
    ...common,
    origin: 5,
    msgtype: 'msgmenu',
    msgmenu: {
      head_content: '您对本次服务是否满意呢? ',
      list: [
        { type: 'click', click: { id: '101', content: '满意' } },
        { type: 'click', click: { id: '102', content: '不满意' } },
        { type: 'view', view: { url: 'https://work.weixin.qq.com', content: '点击跳转到自助查询页面' } },
        {
          type: 'miniprogram',
          miniprogram: {
            appid: 'wx123123123123123',
            pagepath: 'pages/index?userid=zhangsan&orderid=123123123',
            content: '点击打开小程序查询更多',
          },
        },
        { type: 'text', text: { content: '纯文本，支持\\n换行', no_newline: 0 } },
      ],
      tail_content: '欢迎再次光临',
    },
  },
  // [P] the head_img / shop_head_img spelling, sales_price as a string
  channels_shop_product: {
    ...common,
    msgtype: 'channels_shop_product',
    channels_shop_product: {
      product_id: '10000017457793',
      head_img: 'https://wx.qlogo.cn/finderhead/product.jpg',
      title: '保温壶 A3',
      sales_price: '9900',
      shop_nickname: '好物小店',
      shop_head_img: 'https://wx.qlogo.cn/finderhead/shop.jpg',
    },
  },
  // [P]
  channels_shop_order: {
    ...common,
    msgtype: 'channels_shop_order',
    channels_shop_order: {
      order_id: '3705115058471208928',
      product_titles: '保温壶 A3,杯套',
      price_wording: '¥99.00',
      state: '待发货',
      image_url: 'https://wx.qlogo.cn/finderhead/order.jpg',
      shop_nickname: '好物小店',
    },
  },
  // [P] sub_type values are undocumented
  channels: {
    ...common,
    msgtype: 'channels',
    channels: { sub_type: 1, nickname: '好物视频号', title: '新品上架' },
  },
  // [P] msg_content is a JSON string of the inner message
  merged_msg: {
    ...common,
    msgtype: 'merged_msg',
    merged_msg: {
      title: '张三和李四的聊天记录',
      item: [
        {
          send_time: 1615478000,
          msgtype: 'text',
          sender_name: '张三',
          msg_content: '{"msgtype":"text","text":{"content":"这个多少钱"}}',
        },
        {
          send_time: 1615478010,
          msgtype: 'image',
          sender_name: '李四',
          msg_content:
            '{"msgtype":"image","image":{"media_id":"2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw"}}',
        },
      ],
    },
  },
} as const;

/** One `event` message per known event type, keyed by event_type. */
export const eventFixtures = {
  // [O-repro] plus wechat_channels (§3.4)
  enter_session: {
    ...eventCommon,
    msgtype: 'event',
    event: {
      event_type: 'enter_session',
      ...ids,
      scene: '123',
      scene_param: 'abc',
      welcome_code: 'aaaaaa',
      wechat_channels: { nickname: '进入会话的视频号名称', scene: 1 },
    },
  },
  // [O-repro]
  msg_send_fail: {
    ...eventCommon,
    msgtype: 'event',
    event: { event_type: 'msg_send_fail', ...ids, fail_msgid: 'FAIL_MSGID', fail_type: 4 },
  },
  // [O-repro] plus stop_type (status 2 only)
  servicer_status_change: {
    ...eventCommon,
    msgtype: 'event',
    event: {
      event_type: 'servicer_status_change',
      servicer_userid: 'SERVICER_USERID',
      status: 2,
      stop_type: 1,
      open_kfid: 'OPEN_KFID',
    },
  },
  // [O-repro]
  session_status_change: {
    ...eventCommon,
    msgtype: 'event',
    event: {
      event_type: 'session_status_change',
      ...ids,
      change_type: 1,
      old_servicer_userid: 'OLD_SERVICER_USERID',
      new_servicer_userid: 'NEW_SERVICER_USERID',
      msg_code: 'MSG_CODE',
    },
  },
  // [P]
  user_recall_msg: {
    ...eventCommon,
    msgtype: 'event',
    event: { event_type: 'user_recall_msg', ...ids, recall_msgid: 'RECALL_MSGID' },
  },
  // [P]
  servicer_recall_msg: {
    ...eventCommon,
    msgtype: 'event',
    event: {
      event_type: 'servicer_recall_msg',
      ...ids,
      recall_msgid: 'RECALL_MSGID',
      servicer_userid: 'SERVICER_USERID',
    },
  },
  // [P]
  reject_customer_msg_switch_change: {
    ...eventCommon,
    msgtype: 'event',
    event: {
      event_type: 'reject_customer_msg_switch_change',
      ...ids,
      servicer_userid: 'zhangsan',
      reject_switch: 1,
    },
  },
} as const;

/** F-21: the official generic item, whose msgtype is the placeholder "MSG_TYPE". */
export const genericItemF21 = {
  msgid: 'from_msgid_4622416642169452483',
  open_kfid: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
  external_userid: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
  send_time: 1615478585,
  origin: 3,
  servicer_userid: 'Zhangsan',
  msgtype: 'MSG_TYPE',
} as const;
