import { describe, expect, it } from 'vitest';
import { bytes, charCount, chars, utf8Bytes } from './limits.js';

describe('limits', () => {
  it('counts UTF-8 bytes, not UTF-16 units', () => {
    expect(utf8Bytes('中文')).toBe(6);
    expect(utf8Bytes('😀')).toBe(4);
    expect(utf8Bytes('')).toBe(0);
  });

  it('counts characters by code point', () => {
    expect(charCount('😀a')).toBe(2);
    expect(charCount('客服')).toBe(2);
  });

  it('accepts the last valid byte length and rejects the first invalid one', () => {
    const s = bytes('text.content', 6);
    expect(s.safeParse('中文').success).toBe(true);
    const r = s.safeParse('中文a');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('text.content must be at most 6 bytes (UTF-8)');
  });

  it('attaches the platform errcode to the issue when given', () => {
    const r = bytes('text.content', 2, { errcode: 45002 }).safeParse('abc');
    const issue = r.error?.issues[0];
    expect(issue?.code).toBe('custom');
    expect(issue && 'params' in issue ? issue.params : undefined).toEqual({ errcode: 45002 });
  });

  it('enforces a minimum', () => {
    const s = bytes('click.id', 64, { min: 1 });
    expect(s.safeParse('').success).toBe(false);
    expect(s.safeParse('a').success).toBe(true);
    const n = chars('name', 2, { min: 1 });
    expect(n.safeParse('客服').success).toBe(true);
    expect(n.safeParse('客服a').success).toBe(false);
    expect(n.safeParse('').success).toBe(false);
  });
});
