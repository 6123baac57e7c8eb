import { describe, expect, test } from 'vitest';
import { ENCODING_AES_KEY, expectCode, keyBytes } from './__fixtures__/callbacks.js';
import { decodeEncodingAESKey } from './aes-key.js';
import { KfCryptoErrorCode } from './errors.js';

describe('decodeEncodingAESKey', () => {
  test('decodes base64(EncodingAESKey + "=") to 32 bytes', () => {
    const key = Buffer.from(decodeEncodingAESKey(ENCODING_AES_KEY));
    expect(key).toHaveLength(32);
    expect(key.toString('hex')).toBe(keyBytes(ENCODING_AES_KEY).key.toString('hex'));
    expect(key.toString('hex')).toBe('69b71d79f8218a39259a7a29aabb2dbafc31cb3d35db7e39ebbf3d0010831051');
  });

  test('accepts a last character whose two spare bits are set, as the console may generate', () => {
    // 'H' = 7 = 0b000111: the low two bits are not part of the 32 bytes and are ignored.
    const withSpareBits = `${ENCODING_AES_KEY.slice(0, 42)}H`;
    const key = Buffer.from(decodeEncodingAESKey(withSpareBits));
    expect(key).toHaveLength(32);
    expect(key.equals(keyBytes(withSpareBits).key)).toBe(true);
  });

  test('returns a new buffer on each call, so that a caller may wipe its copy', () => {
    const first = decodeEncodingAESKey(ENCODING_AES_KEY);
    first.fill(0);
    expect(Buffer.from(decodeEncodingAESKey(ENCODING_AES_KEY)).equals(first)).toBe(false);
  });

  test.each([
    ['42 characters', ENCODING_AES_KEY.slice(0, 42)],
    ['44 characters', `${ENCODING_AES_KEY}A`],
    ['a trailing "="', `${ENCODING_AES_KEY.slice(0, 42)}=`],
    ['a "+"', `+${ENCODING_AES_KEY.slice(1)}`],
    ['a "/"', `/${ENCODING_AES_KEY.slice(1)}`],
    ['a space', ` ${ENCODING_AES_KEY.slice(1)}`],
    ['a non-ASCII letter', `é${ENCODING_AES_KEY.slice(1)}`],
    ['the empty string', ''],
  ])('rejects a key with %s as -40004', (_case, key) => {
    const error = expectCode(() => decodeEncodingAESKey(key), KfCryptoErrorCode.IllegalAesKey);
    expect(error.message).toContain('43 characters');
    if (key !== '') expect(error.message).not.toContain(key);
  });

  test.each([undefined, null, 43, {}, Buffer.from(ENCODING_AES_KEY)])('rejects %o as -40004', (value) => {
    expectCode(() => decodeEncodingAESKey(value as unknown as string), KfCryptoErrorCode.IllegalAesKey);
  });
});
