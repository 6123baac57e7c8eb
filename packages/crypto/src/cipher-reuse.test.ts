import * as wecom from '@wecom/crypto';
import { describe, expect, test } from 'vitest';
import { CORP_ID, ENCODING_AES_KEY, expectCode, OTHER_ENCODING_AES_KEY } from './__fixtures__/callbacks.js';
import { decodeEncodingAESKey } from './aes-key.js';
import { decrypt } from './cipher.js';
import { KfCryptoErrorCode } from './errors.js';

/**
 * `decrypt` keeps one decipher per key object and streams on through it; each call must still
 * give exactly what a fresh decipher gives, whatever came before it.
 */
describe('decrypt with a kept decipher', () => {
  const messages = ['', 'a', '<xml><A>1</A></xml>', '你好'.repeat(40), 'x'.repeat(1000)];

  test('a run of different ciphertexts under one key decrypts each exactly, first block included', () => {
    const key = decodeEncodingAESKey(ENCODING_AES_KEY);
    for (let round = 0; round < 3; round++) {
      for (const message of messages) {
        const encrypted = wecom.encrypt(ENCODING_AES_KEY, message, CORP_ID);
        expect(decrypt(key, encrypted, CORP_ID)).toEqual({ message, receiveId: CORP_ID });
      }
    }
  });

  test('failures in between (bad padding, wrong ReceiveId, a short value) leave the next call intact', () => {
    const key = decodeEncodingAESKey(ENCODING_AES_KEY);
    const good = wecom.encrypt(ENCODING_AES_KEY, 'hello', CORP_ID);
    const otherKey = wecom.encrypt(OTHER_ENCODING_AES_KEY, 'hello', CORP_ID);
    const short = Buffer.from(good, 'base64').subarray(0, 16).toString('base64');
    for (const bad of [otherKey, short]) {
      const code = expectCode(() => decrypt(key, bad, CORP_ID), KfCryptoErrorCode.DecryptAESError).errcode;
      expect(code).toBe(KfCryptoErrorCode.DecryptAESError);
      expect(decrypt(key, good, CORP_ID).message).toBe('hello');
    }
    expectCode(() => decrypt(key, good, 'other'), KfCryptoErrorCode.ValidateCorpidError);
    expect(decrypt(key, good, CORP_ID).message).toBe('hello');
  });

  test('a one-block value fails the same way as with a fresh decipher, after any history', () => {
    const used = decodeEncodingAESKey(ENCODING_AES_KEY);
    const codeOf = (key: Uint8Array, value: string): number | undefined => {
      try {
        decrypt(key, value, CORP_ID);
        return undefined;
      } catch (error) {
        return (error as { errcode: number }).errcode;
      }
    };
    decrypt(used, wecom.encrypt(ENCODING_AES_KEY, 'warm up', CORP_ID), CORP_ID);
    for (let i = 0; i < 64; i++) {
      const block = Buffer.alloc(16, i).toString('base64');
      // A new key object has a decipher without history.
      expect(codeOf(used, block)).toBe(codeOf(decodeEncodingAESKey(ENCODING_AES_KEY), block));
    }
  });

  test('changing the bytes of a key object takes effect at once', () => {
    const key = decodeEncodingAESKey(ENCODING_AES_KEY);
    const encrypted = wecom.encrypt(OTHER_ENCODING_AES_KEY, 'moved', CORP_ID);
    expect(() => decrypt(key, wecom.encrypt(ENCODING_AES_KEY, 'x', CORP_ID), CORP_ID)).not.toThrow();
    key.set(decodeEncodingAESKey(OTHER_ENCODING_AES_KEY));
    expect(decrypt(key, encrypted, CORP_ID).message).toBe('moved');
  });
});
