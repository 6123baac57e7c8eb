const STANDARD_CHAR = /^[A-Za-z0-9+/]$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Decodes `value` when it is canonical standard base64 (RFC 4648 §4: standard alphabet, `=`
 * padding to a multiple of four, unused trailing bits zero); returns `undefined` otherwise.
 *
 * Node's decoder is lenient: it skips characters outside the alphabet, accepts the URL-safe
 * alphabet and missing padding. So the checks around it are: the length is a multiple of four; no
 * URL-safe character; every character was used (a skipped one shortens the output below the
 * length the string implies); and the bits the last character does not fill are zero. All of them
 * are native scans or O(1), cheaper than encoding the result again for comparison.
 */
export function decodeCanonicalBase64(value: string): Buffer | undefined {
  const length = value.length;
  if (length % 4 !== 0) return undefined;
  if (length === 0) return Buffer.alloc(0);
  if (value.includes('-') || value.includes('_')) return undefined;
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== (length / 4) * 3 - padding) return undefined;
  if (padding > 0) {
    const last = value[length - padding - 1] ?? '';
    if (!STANDARD_CHAR.test(last)) return undefined;
    const unusedBits = padding === 2 ? 0b1111 : 0b11;
    if ((ALPHABET.indexOf(last) & unusedBits) !== 0) return undefined;
  }
  return bytes;
}
