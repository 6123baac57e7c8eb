import * as wecom from '@wecom/crypto';
import { describe, expect, test } from 'vitest';
import {
  CORP_ID,
  ENCODING_AES_KEY,
  expectCode,
  F64,
  layout,
  OTHER_ENCODING_AES_KEY,
  pad,
  RANDOM16,
  rawEncrypt,
} from './__fixtures__/callbacks.js';
import { decodeEncodingAESKey } from './aes-key.js';
import { decrypt, encrypt } from './cipher.js';
import { KfCryptoErrorCode } from './errors.js';

const key = decodeEncodingAESKey(ENCODING_AES_KEY);

describe('encrypt', () => {
  test('is deterministic for injected random bytes and random otherwise', () => {
    expect(encrypt(key, F64, CORP_ID, RANDOM16)).toBe(encrypt(key, F64, CORP_ID, RANDOM16));
    expect(encrypt(key, F64, CORP_ID)).not.toBe(encrypt(key, F64, CORP_ID));
  });

  test('returns canonical base64 of a multiple of 32 bytes', () => {
    const encrypted = encrypt(key, 'hello', CORP_ID, RANDOM16);
    const bytes = Buffer.from(encrypted, 'base64');
    expect(bytes.toString('base64')).toBe(encrypted);
    expect(bytes.length % 32).toBe(0);
  });

  test('encodes a lone surrogate as U+FFFD, as Buffer and @wecom/crypto do', () => {
    const encrypted = encrypt(key, 'a\uD800b', CORP_ID, RANDOM16);
    expect(encrypted).toBe(wecom.encrypt(ENCODING_AES_KEY, 'a\uD800b', CORP_ID, RANDOM16));
    expect(decrypt(key, encrypted, CORP_ID).message).toBe('a\uFFFDb');
  });

  test.each([
    ['a 15-byte random prefix', Buffer.alloc(15)],
    ['a 17-byte random prefix', Buffer.alloc(17)],
    ['a string as random prefix', 'x'.repeat(16)],
  ])('rejects %s as -40006', (_case, random) => {
    expectCode(
      () => encrypt(key, F64, CORP_ID, random as unknown as Uint8Array),
      KfCryptoErrorCode.EncryptAESError,
    );
  });

  test('rejects a non-string message or ReceiveId as -40006 and a bad key as -40004', () => {
    expectCode(() => encrypt(key, 42 as unknown as string, CORP_ID), KfCryptoErrorCode.EncryptAESError);
    expectCode(() => encrypt(key, F64, null as unknown as string), KfCryptoErrorCode.EncryptAESError);
    expectCode(() => encrypt(key.subarray(0, 16), F64, CORP_ID), KfCryptoErrorCode.IllegalAesKey);
    expectCode(
      () => encrypt(ENCODING_AES_KEY as unknown as Uint8Array, F64, CORP_ID),
      KfCryptoErrorCode.IllegalAesKey,
    );
  });
});

describe('decrypt: ReceiveId', () => {
  const encrypted = encrypt(key, F64, CORP_ID);

  test('returns the ReceiveId found', () => {
    expect(decrypt(key, encrypted, CORP_ID).receiveId).toBe(CORP_ID);
  });

  test('rejects another ReceiveId as -40005 without naming either', () => {
    const error = expectCode(
      () => decrypt(key, encrypted, 'ww0000000000000000'),
      KfCryptoErrorCode.ValidateCorpidError,
    );
    expect(error.message).not.toContain(CORP_ID);
    expect(error.message).not.toContain('ww0000000000000000');
  });

  test('checks an empty expected ReceiveId too: \'\' is not "skip"', () => {
    expectCode(() => decrypt(key, encrypted, ''), KfCryptoErrorCode.ValidateCorpidError);
    const empty = encrypt(key, F64, '');
    expect(decrypt(key, empty, '')).toEqual({ message: F64, receiveId: '' });
    expectCode(() => decrypt(key, empty, CORP_ID), KfCryptoErrorCode.ValidateCorpidError);
  });

  test('skips the comparison only for an explicit null', () => {
    expect(decrypt(key, encrypted, null)).toEqual({ message: F64, receiveId: CORP_ID });
    expectCode(
      () => decrypt(key, encrypted, undefined as unknown as string),
      KfCryptoErrorCode.ValidateCorpidError,
    );
  });
});

describe('decrypt: base64 and length', () => {
  const encrypted = encrypt(key, F64, CORP_ID, RANDOM16);

  test.each([
    ['a character outside the alphabet', `${encrypted.slice(0, 10)}*${encrypted.slice(11)}`],
    ['URL-safe characters', encrypted.replaceAll('+', '-').replaceAll('/', '_').replace(/^./, '-')],
    ['a space where "+" was (URL-decoding a raw query twice)', ` ${encrypted.slice(1)}`],
    ['a line break', `${encrypted.slice(0, 76)}\n${encrypted.slice(76)}`],
    ['missing padding', 'QUJDRA'],
    ['a length that is not a multiple of 4', `${encrypted}A`],
    ['padding in the middle', `QQ==${encrypted}`],
    ['non-zero unused bits before "="', 'QR=='],
    ['non-zero unused bits before a single "="', 'QUJ='],
    ['a non-ASCII character', `${encrypted.slice(0, 4)}é${encrypted.slice(5)}`],
  ])('rejects %s as -40010', (_case, value) => {
    expectCode(() => decrypt(key, value, CORP_ID), KfCryptoErrorCode.DecodeBase64Error);
  });

  test.each([
    ['the empty string', ''],
    ['15 bytes', Buffer.alloc(15).toString('base64')],
    ['17 bytes', Buffer.alloc(17).toString('base64')],
    [
      'the ciphertext less its last byte',
      Buffer.from(encrypted, 'base64').subarray(0, -1).toString('base64'),
    ],
  ])('rejects %s of ciphertext as -40007', (_case, value) => {
    expectCode(() => decrypt(key, value, CORP_ID), KfCryptoErrorCode.DecryptAESError);
  });

  test('rejects non-string ciphertext as -40010', () => {
    expectCode(() => decrypt(key, Buffer.from(encrypted) as unknown as string, CORP_ID), -40010);
    expectCode(() => decrypt(key, undefined as unknown as string, CORP_ID), -40010);
  });
});

describe('decrypt: padding (strict, documented decision)', () => {
  const content = layout(F64, CORP_ID);

  test('accepts every correct pad, 1 to 32 bytes', () => {
    for (let extra = 0; extra < 32; extra++) {
      const message = F64 + ' '.repeat(extra);
      const encrypted = rawEncrypt(ENCODING_AES_KEY, pad(layout(message, CORP_ID)));
      expect(decrypt(key, encrypted, CORP_ID).message).toBe(message);
    }
  });

  test.each([
    ['a pad byte of 0', 0],
    ['a pad byte of 33', 33],
    ['a pad byte of 255', 255],
  ])('rejects %s as -40007, where @wecom/crypto would keep the bytes', (_case, value) => {
    const unpadded = content.length % 16 === 0 ? content : pad(content, 16 - (content.length % 16), 0x20);
    const padded = Buffer.concat([unpadded, Buffer.alloc(16, value)]);
    expectCode(
      () => decrypt(key, rawEncrypt(ENCODING_AES_KEY, padded), CORP_ID),
      KfCryptoErrorCode.DecryptAESError,
    );
  });

  test('rejects a pad whose bytes disagree as -40007', () => {
    const padded = pad(content);
    const count = padded.at(-1) ?? 0;
    expect(count).toBeGreaterThan(1);
    padded[padded.length - count] = count - 1;
    expectCode(
      () => decrypt(key, rawEncrypt(ENCODING_AES_KEY, padded), CORP_ID),
      KfCryptoErrorCode.DecryptAESError,
    );
  });

  test('rejects a pad longer than the plaintext as -40007', () => {
    expectCode(
      () => decrypt(key, rawEncrypt(ENCODING_AES_KEY, Buffer.alloc(16, 32)), CORP_ID),
      KfCryptoErrorCode.DecryptAESError,
    );
  });

  test('rejects the wrong key as -40007 (the pad does not survive)', () => {
    const encrypted = encrypt(key, F64, CORP_ID, RANDOM16);
    expectCode(
      () => decrypt(decodeEncodingAESKey(OTHER_ENCODING_AES_KEY), encrypted, CORP_ID),
      KfCryptoErrorCode.DecryptAESError,
    );
  });
});

describe('decrypt: plaintext layout', () => {
  test('rejects a length prefix past the end of the plaintext as -40008', () => {
    const tooLong = layout(F64, CORP_ID, Buffer.byteLength(F64) + CORP_ID.length + 1);
    expectCode(() => decrypt(key, rawEncrypt(ENCODING_AES_KEY, pad(tooLong)), CORP_ID), -40008);
    const huge = layout(F64, CORP_ID, 0xffffffff);
    expectCode(() => decrypt(key, rawEncrypt(ENCODING_AES_KEY, pad(huge)), CORP_ID), -40008);
  });

  test('accepts a length prefix that leaves the ReceiveId empty, then checks the ReceiveId', () => {
    const all = layout(F64 + CORP_ID, '', Buffer.byteLength(F64) + CORP_ID.length);
    const encrypted = rawEncrypt(ENCODING_AES_KEY, pad(all));
    expect(decrypt(key, encrypted, '')).toEqual({ message: F64 + CORP_ID, receiveId: '' });
    expectCode(() => decrypt(key, encrypted, CORP_ID), KfCryptoErrorCode.ValidateCorpidError);
  });

  test('rejects a plaintext shorter than random(16) + msg_len(4) as -40008', () => {
    for (const length of [0, 1, 19]) {
      const encrypted = rawEncrypt(ENCODING_AES_KEY, pad(Buffer.alloc(length, 0x41)));
      expectCode(() => decrypt(key, encrypted, CORP_ID), KfCryptoErrorCode.IllegalBuffer);
    }
  });

  test('rejects invalid UTF-8 in the message or the ReceiveId as -40008', () => {
    const badMessage = Buffer.concat([RANDOM16, Buffer.from([0, 0, 0, 2, 0xc3, 0x28]), Buffer.from(CORP_ID)]);
    expectCode(() => decrypt(key, rawEncrypt(ENCODING_AES_KEY, pad(badMessage)), null), -40008);
    const badId = Buffer.concat([RANDOM16, Buffer.from([0, 0, 0, 1, 0x41, 0xff, 0xfe])]);
    expectCode(() => decrypt(key, rawEncrypt(ENCODING_AES_KEY, pad(badId)), null), -40008);
  });

  test('rejects a length prefix that splits a UTF-8 character between message and ReceiveId as -40008', () => {
    // '你' is E4 BD A0: a length of 2 leaves E4 BD as the message and A0 as the ReceiveId's start.
    const split = Buffer.concat([RANDOM16, Buffer.from([0, 0, 0, 2]), Buffer.from('你', 'utf8')]);
    expectCode(() => decrypt(key, rawEncrypt(ENCODING_AES_KEY, pad(split)), null), -40008);
    const whole = Buffer.concat([RANDOM16, Buffer.from([0, 0, 0, 3]), Buffer.from('你', 'utf8')]);
    expect(decrypt(key, rawEncrypt(ENCODING_AES_KEY, pad(whole)), '')).toEqual({
      message: '你',
      receiveId: '',
    });
  });
});
