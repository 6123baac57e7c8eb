/**
 * Decodes `value` when it is canonical standard base64 (RFC 4648 §4: standard alphabet, `=`
 * padding to a multiple of four, unused trailing bits zero); returns `undefined` otherwise.
 *
 * Node's decoder is lenient: it skips characters outside the alphabet, accepts the URL-safe
 * alphabet and missing padding. Encoding its result again gives the one canonical spelling of
 * those bytes, so the input was canonical exactly when the two strings are equal. This is both
 * complete and, being two native passes, faster than a character loop in JavaScript.
 */
export function decodeCanonicalBase64(value: string): Buffer | undefined {
  const bytes = Buffer.from(value, 'base64');
  return bytes.toString('base64') === value ? bytes : undefined;
}
