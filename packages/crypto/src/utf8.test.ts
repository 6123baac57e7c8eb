import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { unicodeText } from './__fixtures__/callbacks.js';
import { decodeValidUtf8 } from './internal/utf8.js';

/** Fixed seed: a failure reproduces, and the run is the same on every machine. */
const SEED = 0x75746638;

/** Every scalar value (no surrogates), as one string. */
function everyCodePoint(): string {
  const parts: string[] = [];
  for (let start = 0; start <= 0x10ffff; start += 0x1000) {
    const points: number[] = [];
    for (let cp = start; cp < start + 0x1000 && cp <= 0x10ffff; cp++) {
      if (cp < 0xd800 || cp > 0xdfff) points.push(cp);
    }
    parts.push(String.fromCodePoint(...points));
  }
  return parts.join('');
}

describe('decodeValidUtf8 gives exactly what toString("utf8") gives on valid UTF-8', () => {
  test('every code point, in one long buffer and in every 4 KiB window of it', () => {
    const text = everyCodePoint();
    const bytes = Buffer.from(text, 'utf8');
    expect(isUtf8(bytes)).toBe(true);
    expect(decodeValidUtf8(bytes, 0, bytes.length)).toBe(text);
    // Windows that start and end on character boundaries: the UTF-8 lead bytes.
    let checked = 0;
    for (let start = 0; start < bytes.length; start += 4096) {
      let from = start;
      while (((bytes[from] ?? 0) & 0xc0) === 0x80) from++;
      let to = Math.min(from + 4096, bytes.length);
      while (to < bytes.length && ((bytes[to] ?? 0) & 0xc0) === 0x80) to++;
      expect(decodeValidUtf8(bytes, from, to)).toBe(bytes.toString('utf8', from, to));
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });

  test('a BOM, NUL and noncharacters are kept, short and long, ASCII and not', () => {
    for (const text of [
      '\uFEFF<xml/>',
      `\uFEFF${'你好'.repeat(200)}`,
      `\u0000${'a'.repeat(300)}\u0000`,
      `\uFFFE\uFFFF${'é'.repeat(300)}\u{10FFFF}`,
      'a'.repeat(1000),
      '',
    ]) {
      const bytes = Buffer.from(`xx${text}yy`, 'utf8');
      expect(decodeValidUtf8(bytes, 2, bytes.length - 2)).toBe(text);
    }
  });

  test('random text of every length around the transcode threshold, at random offsets', () => {
    fc.assert(
      fc.property(unicodeText(700), fc.nat(8), fc.nat(8), (text, before, after) => {
        const bytes = Buffer.concat([
          Buffer.alloc(before, 0x41),
          Buffer.from(text),
          Buffer.alloc(after, 0x42),
        ]);
        const end = bytes.length - after;
        expect(decodeValidUtf8(bytes, before, end)).toBe(bytes.toString('utf8', before, end));
        expect(decodeValidUtf8(bytes, before, end)).toBe(text);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
