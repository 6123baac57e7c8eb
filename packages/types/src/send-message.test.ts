import { describe, expect, it } from 'vitest';
import { errcodes } from './__fixtures__/issues.js';
import { f41 } from './__fixtures__/send-messages.js';
import {
  KfMenuItemType,
  KfSendMsgType,
  SendMenuItem,
  SendMsgContent,
  SendMsgLink,
  SendMsgLocation,
  SendMsgMenu,
  SendMsgMiniprogram,
  SendMsgOnEventContent,
  SendMsgText,
} from './send-message.js';

describe('SendMsgContent', () => {
  it('parses the F-40 text content', () => {
    const content = {
      msgtype: 'text',
      text: { content: '你购买的物品已发货，可点击链接查看物流状态http://work.weixin.qq.com/xxxxxx' },
    };
    expect(SendMsgContent.parse(content)).toEqual(content);
  });

  it.each(Object.entries(f41))('parses the F-41 %s object', (msgtype, payload) => {
    const content = { msgtype, [msgtype]: payload };
    expect(SendMsgContent.parse(content)).toEqual(content);
  });

  it('covers the 10 sendable types', () => {
    expect(Object.values(KfSendMsgType).sort()).toEqual([...Object.keys(f41), 'text'].sort());
  });

  it('rejects an unknown msgtype with errcode 40008', () => {
    const result = SendMsgContent.safeParse({ msgtype: 'MSG_TYPE', MSG_TYPE: {} });
    expect(errcodes(result)).toEqual([40008]);
    expect(result.error?.issues[0]?.path).toEqual(['msgtype']);
  });

  it('rejects a missing msgtype and a received-only type (business_card) with errcode 40008', () => {
    expect(errcodes(SendMsgContent.safeParse({ text: { content: 'hi' } }))).toEqual([40008]);
    expect(
      errcodes(SendMsgContent.safeParse({ msgtype: 'business_card', business_card: { userid: 'u' } })),
    ).toEqual([40008]);
  });

  it('rejects a non-object without a platform code', () => {
    const result = SendMsgContent.safeParse('text');
    expect(result.success).toBe(false);
    expect(errcodes(result)).toEqual([undefined]);
  });

  it('is strict: a misspelt or extra field is rejected', () => {
    const typo = SendMsgContent.safeParse({ msgtype: 'text', text: { contnet: 'hi' } });
    expect(typo.success).toBe(false);
    expect(typo.error?.issues.map((i) => i.code)).toContain('unrecognized_keys');
    const extra = SendMsgContent.safeParse({
      msgtype: 'image',
      image: { media_id: 'm' },
      text: { content: 'x' },
    });
    expect(extra.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('rejects a message without its payload object', () => {
    const result = SendMsgContent.safeParse({ msgtype: 'text' });
    expect(result.error?.issues[0]?.path).toEqual(['text']);
  });
});

describe('text limits', () => {
  it('accepts 2048 bytes and rejects 2049 with errcode 45002', () => {
    expect(SendMsgText.safeParse({ content: 'a'.repeat(2048) }).success).toBe(true);
    expect(errcodes(SendMsgText.safeParse({ content: 'a'.repeat(2049) }))).toEqual([45002]);
  });

  it('counts UTF-8 bytes: 682 × 中 (2046 bytes) passes, 683 (2049 bytes) fails', () => {
    expect(SendMsgText.safeParse({ content: '中'.repeat(682) }).success).toBe(true);
    const result = SendMsgText.safeParse({ content: '中'.repeat(683) });
    expect(errcodes(result)).toEqual([45002]);
    expect(result.error?.issues[0]?.message).toBe('text.content must be at most 2048 bytes (UTF-8)');
  });

  it('counts a 4-byte emoji as 4 bytes', () => {
    expect(SendMsgText.safeParse({ content: `${'😀'.repeat(511)}abcd` }).success).toBe(true);
    expect(SendMsgText.safeParse({ content: `${'😀'.repeat(511)}abcde` }).success).toBe(false);
  });

  it('rejects an empty content with errcode 44004 and accepts one byte', () => {
    expect(errcodes(SendMsgText.safeParse({ content: '' }))).toEqual([44004]);
    expect(SendMsgText.safeParse({ content: 'a' }).success).toBe(true);
  });
});

describe('link and miniprogram limits', () => {
  const link = { title: 't', url: 'https://a', thumb_media_id: 'm' };

  it('limits link.title to 128 bytes', () => {
    expect(SendMsgLink.safeParse({ ...link, title: `${'中'.repeat(42)}ab` }).success).toBe(true);
    const result = SendMsgLink.safeParse({ ...link, title: `${'中'.repeat(42)}abc` });
    expect(result.error?.issues[0]?.message).toBe('link.title must be at most 128 bytes (UTF-8)');
  });

  it('limits link.desc to 512 bytes (rejected, not truncated)', () => {
    expect(SendMsgLink.safeParse({ ...link, desc: 'd'.repeat(512) }).success).toBe(true);
    expect(SendMsgLink.safeParse({ ...link, desc: 'd'.repeat(513) }).success).toBe(false);
  });

  it('limits link.url to 2048 bytes', () => {
    expect(SendMsgLink.safeParse({ ...link, url: `https://a/${'p'.repeat(2038)}` }).success).toBe(true);
    expect(SendMsgLink.safeParse({ ...link, url: `https://a/${'p'.repeat(2039)}` }).success).toBe(false);
  });

  it('requires title, url and thumb_media_id; desc is optional', () => {
    expect(SendMsgLink.safeParse(link).success).toBe(true);
    const result = SendMsgLink.safeParse({});
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(['thumb_media_id', 'title', 'url']);
  });

  it('limits miniprogram.title to 64 bytes and keeps it optional', () => {
    const mp = { appid: 'wx1', thumb_media_id: 'm', pagepath: 'pages/index.html' };
    expect(SendMsgMiniprogram.safeParse(mp).success).toBe(true);
    expect(SendMsgMiniprogram.safeParse({ ...mp, title: `${'中'.repeat(21)}a` }).success).toBe(true);
    expect(SendMsgMiniprogram.safeParse({ ...mp, title: `${'中'.repeat(21)}ab` }).success).toBe(false);
  });
});

describe('required strings are non-empty (the platform answers 40063 / 41006 for an empty one)', () => {
  const cases = [
    ['image', 'media_id'],
    ['voice', 'media_id'],
    ['video', 'media_id'],
    ['file', 'media_id'],
    ['link', 'thumb_media_id'],
    ['miniprogram', 'thumb_media_id'],
    ['miniprogram', 'appid'],
    ['miniprogram', 'pagepath'],
    ['ca_link', 'link_url'],
  ] as const;

  it.each(cases)('accepts a 1-character %s.%s and rejects an empty one', (msgtype, field) => {
    const content = (value: string) => ({ msgtype, [msgtype]: { ...f41[msgtype], [field]: value } });
    expect(SendMsgContent.safeParse(content('x')).success).toBe(true);
    const result = SendMsgContent.safeParse(content(''));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [[msgtype, field], `${msgtype}.${field} must not be empty`],
    ]);
  });

  it('accepts a 1-byte link.title and link.url and rejects empty ones', () => {
    const link = { title: 't', url: 'u', thumb_media_id: 'm' };
    expect(SendMsgLink.safeParse(link).success).toBe(true);
    expect(SendMsgLink.safeParse({ ...link, title: '' }).error?.issues[0]?.message).toBe(
      'link.title must be at least 1 byte (UTF-8)',
    );
    expect(SendMsgLink.safeParse({ ...link, url: '' }).error?.issues[0]?.message).toBe(
      'link.url must be at least 1 byte (UTF-8)',
    );
  });
});

describe('msgmenu limits', () => {
  const click = (id: string, content = 'c') => ({ type: 'click', click: { id, content } });

  it('limits head_content and tail_content to 1024 bytes', () => {
    for (const key of ['head_content', 'tail_content']) {
      expect(SendMsgMenu.safeParse({ list: [], [key]: 'h'.repeat(1024) }).success).toBe(true);
      const result = SendMsgMenu.safeParse({ list: [], [key]: 'h'.repeat(1025) });
      expect(result.error?.issues[0]?.path).toEqual([key]);
    }
  });

  it('accepts 10 items and rejects 11 with errcode 95008', () => {
    const items = Array.from({ length: 11 }, (_, i) => click(String(i)));
    expect(SendMsgMenu.safeParse({ list: items.slice(0, 10) }).success).toBe(true);
    const result = SendMsgMenu.safeParse({ list: items });
    expect(errcodes(result)).toEqual([95008]);
    expect(result.error?.issues[0]?.path).toEqual(['list']);
  });

  it('requires the list', () => {
    expect(SendMsgMenu.safeParse({ head_content: 'h' }).error?.issues[0]?.path).toEqual(['list']);
  });

  it('rejects an unknown item type with errcode 95009', () => {
    const result = SendMsgMenu.safeParse({ list: [click('1'), { type: 'poll', poll: {} }] });
    expect(errcodes(result)).toEqual([95009]);
    expect(result.error?.issues[0]?.path).toEqual(['list', 1, 'type']);
    expect(Object.values(KfMenuItemType)).toEqual(['click', 'view', 'miniprogram', 'text']);
  });

  it.each([
    ['click.id', (v: string) => click(v), 1, 64],
    ['click.content', (v: string) => click('1', v), 1, 128],
    ['view.url', (v: string) => ({ type: 'view', view: { url: v, content: 'c' } }), 1, 2048],
    ['view.content', (v: string) => ({ type: 'view', view: { url: 'u', content: v } }), 1, 1024],
    [
      'miniprogram.appid',
      (v: string) => ({ type: 'miniprogram', miniprogram: { appid: v, pagepath: 'p', content: 'c' } }),
      1,
      32,
    ],
    [
      'miniprogram.pagepath',
      (v: string) => ({ type: 'miniprogram', miniprogram: { appid: 'a', pagepath: v, content: 'c' } }),
      1,
      1024,
    ],
    [
      'miniprogram.content',
      (v: string) => ({ type: 'miniprogram', miniprogram: { appid: 'a', pagepath: 'p', content: v } }),
      1,
      1024,
    ],
    ['menu text.content', (v: string) => ({ type: 'text', text: { content: v } }), 1, 256],
  ])('limits %s to %i–%i bytes', (label, item, min, max) => {
    expect(SendMenuItem.safeParse(item('x'.repeat(min))).success).toBe(true);
    expect(SendMenuItem.safeParse(item('x'.repeat(max))).success).toBe(true);
    expect(SendMenuItem.safeParse(item('x'.repeat(min - 1))).error?.issues[0]?.message).toBe(
      `${label} must be at least ${min} byte (UTF-8)`,
    );
    expect(SendMenuItem.safeParse(item('x'.repeat(max + 1))).error?.issues[0]?.message).toBe(
      `${label} must be at most ${max} bytes (UTF-8)`,
    );
  });

  it('counts menu limits in UTF-8 bytes', () => {
    expect(SendMenuItem.safeParse(click(`${'中'.repeat(21)}a`)).success).toBe(true);
    expect(SendMenuItem.safeParse(click(`${'中'.repeat(21)}ab`)).success).toBe(false);
  });

  it('accepts no_newline 0 and 1 only', () => {
    const text = (no_newline: number) => ({ type: 'text', text: { content: 'c', no_newline } });
    expect(SendMenuItem.safeParse(text(0)).success).toBe(true);
    expect(SendMenuItem.safeParse(text(1)).success).toBe(true);
    expect(SendMenuItem.safeParse(text(2)).success).toBe(false);
  });

  it('is strict inside items', () => {
    const result = SendMenuItem.safeParse({ type: 'click', click: { id: '1', content: 'c', color: 'red' } });
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});

describe('location limits', () => {
  const at = (latitude: number, longitude: number) => SendMsgLocation.safeParse({ latitude, longitude });

  it('accepts latitude −90..90 and longitude −180..180', () => {
    expect(at(-90, -180).success).toBe(true);
    expect(at(90, 180).success).toBe(true);
    expect(at(23.106021881103501, 113.320503234863).success).toBe(true);
  });

  it('rejects the first values outside the range', () => {
    expect(at(90.000001, 0).error?.issues[0]?.message).toBe('location.latitude must be between -90 and 90');
    expect(at(-90.000001, 0).success).toBe(false);
    expect(at(0, 180.000001).error?.issues[0]?.message).toBe(
      'location.longitude must be between -180 and 180',
    );
    expect(at(0, -180.000001).success).toBe(false);
  });
});

describe('SendMsgOnEventContent', () => {
  it('accepts text and msgmenu', () => {
    expect(SendMsgOnEventContent.parse({ msgtype: 'text', text: { content: '欢迎咨询' } }).msgtype).toBe(
      'text',
    );
    expect(SendMsgOnEventContent.parse({ msgtype: 'msgmenu', msgmenu: f41.msgmenu }).msgtype).toBe('msgmenu');
  });

  it('rejects the other sendable types with errcode 40008', () => {
    expect(errcodes(SendMsgOnEventContent.safeParse({ msgtype: 'image', image: f41.image }))).toEqual([
      40008,
    ]);
  });
});
