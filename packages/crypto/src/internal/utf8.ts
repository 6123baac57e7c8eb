import { isAscii, transcode } from 'node:buffer';

/**
 * Below this many bytes V8's own UTF-8 decoding is cheaper than the fixed cost of a transcode call
 * (about a microsecond); above it, for text that is not ASCII, V8 decodes character by character at
 * roughly ten times the cost of ICU's converter (a 4 KiB Chinese message: ≈ 40 µs against ≈ 4 µs).
 */
const TRANSCODE_MIN_BYTES = 256;

/**
 * `bytes[start, end)` as a string, for bytes the caller has already checked to be valid UTF-8
 * (`isUtf8`). The result is exactly `bytes.toString('utf8', start, end)`: for valid UTF-8 every
 * decoder agrees (no replacement characters, no BOM handling in either), which
 * `utf8.test.ts` checks for every code point and for random strings.
 *
 * Long non-ASCII text goes through `buffer.transcode` to UTF-16LE, whose bytes become the string by
 * a plain copy. `transcode` needs ICU; a Node built without it decodes the usual way.
 */
export function decodeValidUtf8(bytes: Buffer, start: number, end: number): string {
  if (end - start < TRANSCODE_MIN_BYTES || transcode === undefined) return bytes.toString('utf8', start, end);
  const part = bytes.subarray(start, end);
  if (isAscii(part)) return bytes.toString('latin1', start, end);
  return transcode(part, 'utf8', 'utf16le').toString('utf16le');
}
