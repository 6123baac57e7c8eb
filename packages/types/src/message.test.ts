import { describe, expect, it } from 'vitest';
import { errcodes } from './__fixtures__/issues.js';
import { eventFixtures, genericItemF21, messageFixtures } from './__fixtures__/received-messages.js';
import { f41 } from './__fixtures__/send-messages.js';
import { unlistedField } from './common.js';
import {
  KfVoiceFormat,
  SendMsgOnEventRequest,
  SendMsgOnEventResponse,
  SendMsgRequest,
  SendMsgResponse,
  SyncMsgRequest,
  SyncMsgResponse,
} from './message.js';

/** F-20 sync_msg request [O]. */
const f20 = {
  cursor: '4gw7MepFLfgF2VC5npN',
  token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
  limit: 1000,
  voice_format: 0,
  open_kfid: 'wkxxxxxx',
};

/** F-21 sync_msg response [O]. */
const f21 = {
  errcode: 0,
  errmsg: 'ok',
  next_cursor: '4gw7MepFLfgF2VC5npN',
  has_more: 1,
  msg_list: [genericItemF21],
};

/** F-40 send_msg text request [O-mirror]. */
const f40 = {
  touser: 'EXTERNAL_USERID',
  open_kfid: 'OPEN_KFID',
  msgid: 'MSGID',
  msgtype: 'text',
  text: { content: '你购买的物品已发货，可点击链接查看物流状态http://work.weixin.qq.com/xxxxxx' },
};
const { msgtype: _t, text: _x, ...f40Header } = f40;

/** F-44 send_msg_on_event requests [P:SKIT]. */
const f44Text = { code: 'CODE', msgid: 'MSG_ID', msgtype: 'text', text: { content: '欢迎咨询' } };
const f44Menu = {
  code: 'CODE',
  msgid: 'MSG_ID',
  msgtype: 'msgmenu',
  msgmenu: {
    head_content: '欢迎咨询',
    list: [
      { type: 'click', click: { id: '101', content: '接入人工' } },
      { type: 'click', click: { id: '102', content: '继续跟机器人聊天' } },
      { type: 'view', view: { url: 'https://work.weixin.qq.com', content: '点击跳转到自助查询页面' } },
      {
        type: 'miniprogram',
        miniprogram: {
          appid: 'wx123123123123123',
          pagepath: 'pages/index?userid=zhangsan&orderid=123123123',
          content: '点击打开小程序查询更多',
        },
      },
      { type: 'text', text: { content: '纯文本，支持\n换行', no_newline: 0 } },
    ],
    tail_content: '如有问题，随时转人工服务',
  },
};

describe('SyncMsgRequest', () => {
  it('parses F-20', () => {
    expect(SyncMsgRequest.parse(f20)).toEqual(f20);
    expect(KfVoiceFormat).toEqual({ Amr: 0, Silk: 1 });
  });

  it('needs only open_kfid', () => {
    expect(SyncMsgRequest.parse({ open_kfid: 'wk1' })).toEqual({ open_kfid: 'wk1' });
    expect(SyncMsgRequest.safeParse({ cursor: 'c' }).error?.issues[0]?.path).toEqual(['open_kfid']);
  });

  it('is strict', () => {
    expect(SyncMsgRequest.safeParse({ ...f20, limt: 10 }).error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it.each([
    ['cursor', 64],
    ['token', 128],
    ['open_kfid', 64],
  ])('limits %s to %i bytes', (key, max) => {
    expect(SyncMsgRequest.safeParse({ ...f20, [key]: 'c'.repeat(max) }).success).toBe(true);
    const result = SyncMsgRequest.safeParse({ ...f20, [key]: 'c'.repeat(max + 1) });
    expect(result.error?.issues[0]?.message).toBe(`${key} must be at most ${max} bytes (UTF-8)`);
  });

  it('counts the cursor in UTF-8 bytes', () => {
    expect(SyncMsgRequest.safeParse({ ...f20, cursor: `${'中'.repeat(21)}a` }).success).toBe(true);
    expect(SyncMsgRequest.safeParse({ ...f20, cursor: `${'中'.repeat(21)}ab` }).success).toBe(false);
  });

  it('accepts limit 1–1000 and rejects 0, 1001 and fractions', () => {
    expect(SyncMsgRequest.safeParse({ ...f20, limit: 1 }).success).toBe(true);
    expect(SyncMsgRequest.safeParse({ ...f20, limit: 1000 }).success).toBe(true);
    expect(SyncMsgRequest.safeParse({ ...f20, limit: 0 }).error?.issues[0]?.message).toBe(
      'limit must be between 1 and 1000',
    );
    expect(SyncMsgRequest.safeParse({ ...f20, limit: 1001 }).success).toBe(false);
    expect(SyncMsgRequest.safeParse({ ...f20, limit: 10.5 }).success).toBe(false);
  });

  it('rejects an empty open_kfid with errcode 95000', () => {
    expect(errcodes(SyncMsgRequest.safeParse({ ...f20, open_kfid: '' }))).toEqual([95000]);
    expect(errcodes(SyncMsgRequest.safeParse({ ...f20, open_kfid: 'w'.repeat(65) }))).toEqual([95000]);
  });

  it('accepts voice_format 0 and 1 only', () => {
    expect(SyncMsgRequest.safeParse({ ...f20, voice_format: KfVoiceFormat.Silk }).success).toBe(true);
    expect(SyncMsgRequest.safeParse({ ...f20, voice_format: 2 }).success).toBe(false);
  });
});

describe('SyncMsgResponse', () => {
  it('parses F-21, whose placeholder msgtype lands in the unknown variant', () => {
    const response = SyncMsgResponse.parse(f21);
    expect(response).toMatchObject({ errcode: 0, next_cursor: '4gw7MepFLfgF2VC5npN', has_more: 1 });
    expect(response.msg_list).toHaveLength(1);
    expect(response.msg_list[0]).toMatchObject({
      msgtype: 'unknown',
      raw: genericItemF21,
      msgid: genericItemF21.msgid,
    });
  });

  it('parses a page of every message and event type', () => {
    const items = [...Object.values(messageFixtures), ...Object.values(eventFixtures)];
    const response = SyncMsgResponse.parse({ ...f21, has_more: 0, msg_list: items });
    expect(response.msg_list.map((m) => m.msgtype)).toEqual(items.map((m) => m.msgtype));
  });

  it('never fails on odd items: each becomes the unknown variant in place', () => {
    const page = {
      ...f21,
      msg_list: [
        null,
        messageFixtures.text,
        7,
        { ...messageFixtures.link, link: 'x' },
        eventFixtures.user_recall_msg,
      ],
    };
    const response = SyncMsgResponse.parse(page);
    expect(response.msg_list.map((m) => m.msgtype)).toEqual([
      'unknown',
      'text',
      'unknown',
      'unknown',
      'event',
    ]);
    const bad = response.msg_list[3];
    expect(bad?.msgtype === 'unknown' && bad.issues?.[0]?.path).toEqual(['link']);
  });

  it('accepts an empty page that says there is more', () => {
    expect(SyncMsgResponse.parse({ ...f21, msg_list: [] }).has_more).toBe(1);
  });

  it('still fails when the page itself is malformed', () => {
    expect(SyncMsgResponse.safeParse({ ...f21, msg_list: undefined }).success).toBe(false);
    expect(SyncMsgResponse.safeParse({ ...f21, next_cursor: 5 }).success).toBe(false);
  });

  it('accepts a page without next_cursor and does not invent one (an empty cursor would restart)', () => {
    const { next_cursor: _n, ...withoutCursor } = f21;
    const page = SyncMsgResponse.parse(withoutCursor);
    expect(page.next_cursor).toBeUndefined();
    expect('next_cursor' in page).toBe(false);
  });

  it('keeps unknown top-level fields and is idempotent', () => {
    const once = SyncMsgResponse.parse({
      ...f21,
      trace_id: 't1',
      msg_list: [messageFixtures.channels_shop_product],
    });
    expect(unlistedField(once, 'trace_id')).toBe('t1');
    expect(SyncMsgResponse.parse(once)).toEqual(once);
  });
});

describe('SendMsgRequest', () => {
  it('parses F-40', () => {
    expect(SendMsgRequest.parse(f40)).toEqual(f40);
  });

  it.each(Object.entries(f41))('parses the F-41 %s object with the F-40 header', (msgtype, payload) => {
    const request = { ...f40Header, msgtype, [msgtype]: payload };
    expect(SendMsgRequest.parse(request)).toEqual(request);
  });

  it('makes msgid optional', () => {
    const { msgid: _m, ...withoutMsgid } = f40;
    expect(SendMsgRequest.parse(withoutMsgid)).toEqual(withoutMsgid);
  });

  it('limits msgid to 32 bytes of [0-9a-zA-Z_-]', () => {
    expect(SendMsgRequest.safeParse({ ...f40, msgid: 'a-_Z9'.repeat(6).concat('ab') }).success).toBe(true);
    expect(SendMsgRequest.safeParse({ ...f40, msgid: 'a'.repeat(33) }).error?.issues[0]?.message).toBe(
      'msgid must be at most 32 bytes',
    );
    expect(SendMsgRequest.safeParse({ ...f40, msgid: 'msg.1' }).error?.issues[0]?.message).toBe(
      'msgid may only contain 0-9, a-z, A-Z, _ and -',
    );
  });

  it('limits open_kfid to 1–64 bytes with errcode 95000', () => {
    expect(SendMsgRequest.safeParse({ ...f40, open_kfid: 'w'.repeat(64) }).success).toBe(true);
    expect(errcodes(SendMsgRequest.safeParse({ ...f40, open_kfid: 'w'.repeat(65) }))).toEqual([95000]);
    expect(SendMsgRequest.safeParse({ ...f40, open_kfid: 'w' }).success).toBe(true);
    expect(errcodes(SendMsgRequest.safeParse({ ...f40, open_kfid: '' }))).toEqual([95000]);
  });

  it('requires touser and open_kfid', () => {
    const result = SendMsgRequest.safeParse({ msgtype: 'text', text: { content: 'hi' } });
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(['open_kfid', 'touser']);
  });

  it('accepts a 1-character touser and rejects an empty one', () => {
    expect(SendMsgRequest.safeParse({ ...f40, touser: 'w' }).success).toBe(true);
    const result = SendMsgRequest.safeParse({ ...f40, touser: '' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['touser']);
    expect(result.error?.issues[0]?.message).toBe('touser must not be empty');
  });

  it('is strict at the top level and in the payload', () => {
    expect(SendMsgRequest.safeParse({ ...f40, to_user: 'x' }).error?.issues[0]?.code).toBe(
      'unrecognized_keys',
    );
    expect(SendMsgRequest.safeParse({ ...f40, code: 'CODE' }).success).toBe(false);
    expect(SendMsgRequest.safeParse({ ...f40, text: { content: 'x', mentioned: [] } }).success).toBe(false);
  });

  it('enforces the content limits with their errcodes', () => {
    expect(errcodes(SendMsgRequest.safeParse({ ...f40, text: { content: '中'.repeat(683) } }))).toEqual([
      45002,
    ]);
    expect(errcodes(SendMsgRequest.safeParse({ ...f40, text: { content: '' } }))).toEqual([44004]);
  });

  it('rejects an unknown msgtype with errcode 40008', () => {
    const result = SendMsgRequest.safeParse({ ...f40Header, msgtype: 'MSG_TYPE' });
    expect(errcodes(result)).toEqual([40008]);
  });
});

describe('send responses', () => {
  it('parses F-42 as the send_msg and send_msg_on_event response', () => {
    const f42 = { errcode: 0, errmsg: 'ok', msgid: 'MSG_ID' };
    expect(SendMsgResponse.parse(f42)).toEqual(f42);
    expect(SendMsgOnEventResponse.parse(f42)).toEqual(f42);
    expect(SendMsgResponse.safeParse({ errcode: 0, errmsg: 'ok' }).success).toBe(false);
  });
});

describe('SendMsgOnEventRequest', () => {
  it('parses both F-44 requests', () => {
    expect(SendMsgOnEventRequest.parse(f44Text)).toEqual(f44Text);
    expect(SendMsgOnEventRequest.parse(f44Menu)).toEqual(f44Menu);
  });

  it('rejects the F-43 generic request: its msgtype is a placeholder (40008)', () => {
    const f43 = { code: 'CODE', msgid: 'MSG_ID', msgtype: 'MSG_TYPE' };
    const result = SendMsgOnEventRequest.safeParse(f43);
    expect(result.success).toBe(false);
    expect(errcodes(result)).toEqual([40008]);
    expect(result.error?.issues[0]?.path).toEqual(['msgtype']);
  });

  it('rejects types other than text and msgmenu with errcode 40008', () => {
    const result = SendMsgOnEventRequest.safeParse({ code: 'C', msgtype: 'image', image: { media_id: 'm' } });
    expect(errcodes(result)).toEqual([40008]);
  });

  it('requires code and rejects send_msg fields', () => {
    const { code: _c, ...withoutCode } = f44Text;
    expect(SendMsgOnEventRequest.safeParse(withoutCode).error?.issues[0]?.path).toEqual(['code']);
    expect(SendMsgOnEventRequest.safeParse({ ...f44Text, touser: 'wm1' }).error?.issues[0]?.code).toBe(
      'unrecognized_keys',
    );
  });

  it('accepts a 1-character code and rejects an empty one', () => {
    expect(SendMsgOnEventRequest.safeParse({ ...f44Text, code: 'C' }).success).toBe(true);
    const result = SendMsgOnEventRequest.safeParse({ ...f44Text, code: '' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['code']);
    expect(result.error?.issues[0]?.message).toBe('code must not be empty');
  });

  it('limits msgid to 32 bytes of [0-9a-zA-Z_-] as send_msg does', () => {
    expect(SendMsgOnEventRequest.safeParse({ ...f44Text, msgid: 'm'.repeat(32) }).success).toBe(true);
    expect(SendMsgOnEventRequest.safeParse({ ...f44Text, msgid: 'm'.repeat(33) }).success).toBe(false);
    expect(SendMsgOnEventRequest.safeParse({ ...f44Text, msgid: 'm 1' }).success).toBe(false);
  });

  it('applies the msgmenu limits (95008)', () => {
    const list = Array.from({ length: 11 }, (_, i) => ({
      type: 'click',
      click: { id: `${i}`, content: 'c' },
    }));
    const result = SendMsgOnEventRequest.safeParse({ ...f44Menu, msgmenu: { list } });
    expect(errcodes(result)).toEqual([95008]);
  });
});
