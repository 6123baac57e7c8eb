import * as wecom from '@wecom/crypto';
import { describe, expect, test } from 'vitest';
import {
  CORP_ID,
  ENCODING_AES_KEY,
  F64,
  NONCE,
  OTHER_ENCODING_AES_KEY,
  RANDOM16,
  rawDecrypt,
  TIMESTAMP,
  TOKEN,
} from './__fixtures__/callbacks.js';
import { decodeEncodingAESKey } from './aes-key.js';
import { KfCallbackCrypto } from './callback-crypto.js';
import { decrypt, encrypt } from './cipher.js';
import { computeSignature } from './signature.js';

/**
 * Known-answer vectors produced here by the official `@wecom/crypto` 1.0.1, an implementation
 * independent of ours, in both directions.
 */
const MESSAGES: readonly (readonly [string, string])[] = [
  ['an F-64 kf_msg_or_event callback', F64],
  ['the empty message', ''],
  ['a short echostr', '1616140317555161061'],
  ['two-byte UTF-8 (Latin-1 supplement)', 'Crème brûlée, ñandú, Ærø'],
  ['three-byte UTF-8 (CJK)', '<xml><Content><![CDATA[你好，微信客服！]]></Content></xml>'],
  ['four-byte UTF-8 (emoji, astral CJK)', '😀👍🏽 𠮷野家 \u{10FFFF}'],
  ['a message with a NUL byte and newlines', 'a\u0000b\r\nc'],
  ['a message of 4 KiB', 'x'.repeat(4096)],
];

const key = decodeEncodingAESKey(ENCODING_AES_KEY);

describe('ciphertexts made by @wecom/crypto', () => {
  test.each(MESSAGES)('decrypt to the same message and ReceiveId: %s', (_case, message) => {
    const theirs = wecom.encrypt(ENCODING_AES_KEY, message, CORP_ID);
    expect(decrypt(key, theirs, CORP_ID)).toEqual({ message, receiveId: CORP_ID });
  });

  test.each(MESSAGES)('carry the same signature: %s', (_case, message) => {
    const theirs = wecom.encrypt(ENCODING_AES_KEY, message, CORP_ID);
    expect(computeSignature(TOKEN, TIMESTAMP, NONCE, theirs)).toBe(
      wecom.getSignature(TOKEN, TIMESTAMP, NONCE, theirs),
    );
  });

  test('decrypt with an empty ReceiveId and with a non-ASCII one', () => {
    for (const receiveId of ['', '企业ID-é']) {
      const theirs = wecom.encrypt(OTHER_ENCODING_AES_KEY, F64, receiveId);
      expect(decrypt(decodeEncodingAESKey(OTHER_ENCODING_AES_KEY), theirs, receiveId)).toEqual({
        message: F64,
        receiveId,
      });
    }
  });

  test('are verified and decrypted by KfCallbackCrypto as a signed POST and as a GET', () => {
    const callbacks = new KfCallbackCrypto({
      token: TOKEN,
      encodingAESKey: ENCODING_AES_KEY,
      receiveId: CORP_ID,
    });
    const encrypted = wecom.encrypt(ENCODING_AES_KEY, F64, CORP_ID);
    const msg_signature = wecom.getSignature(TOKEN, TIMESTAMP, NONCE, encrypted);
    const body = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
    const decrypted = callbacks.decryptCallback({ msg_signature, timestamp: TIMESTAMP, nonce: NONCE }, body);
    expect(decrypted.xml).toBe(F64);
    expect(decrypted.fields.Event).toBe('kf_msg_or_event');
    expect(decrypted.envelope).toEqual({ Encrypt: encrypted, ToUserName: CORP_ID, AgentID: '1000002' });

    const echoPlain = '1616140317555161061';
    const echostr = wecom.encrypt(ENCODING_AES_KEY, echoPlain, CORP_ID);
    const echoSignature = wecom.getSignature(TOKEN, TIMESTAMP, NONCE, echostr);
    expect(
      callbacks.verifyUrl({ msg_signature: echoSignature, timestamp: TIMESTAMP, nonce: NONCE, echostr }),
    ).toBe(echoPlain);
  });
});

describe('ciphertexts made by us', () => {
  test.each(MESSAGES)(
    'are byte-identical to @wecom/crypto given the same random bytes: %s',
    (_case, message) => {
      expect(encrypt(key, message, CORP_ID, RANDOM16)).toBe(
        wecom.encrypt(ENCODING_AES_KEY, message, CORP_ID, RANDOM16),
      );
    },
  );

  test.each(MESSAGES)('decrypt with @wecom/crypto: %s', (_case, message) => {
    const ours = encrypt(key, message, CORP_ID);
    const theirs = wecom.decrypt(ENCODING_AES_KEY, ours);
    expect(theirs.message).toBe(message);
    expect(theirs.id).toBe(CORP_ID);
  });

  test('hit every pad length from 1 to 32, each decrypting both ways', () => {
    const padLengths = new Set<number>();
    for (let length = 0; length < 64; length++) {
      const message = 'm'.repeat(length);
      const ours = encrypt(key, message, CORP_ID, RANDOM16);
      const plain = rawDecrypt(ENCODING_AES_KEY, ours);
      const padLength = plain.at(-1) ?? 0;
      padLengths.add(padLength);
      // 16 random + 4 length + message + ReceiveId, then the pad.
      expect(plain.length).toBe(20 + length + CORP_ID.length + padLength);
      expect(plain.subarray(plain.length - padLength).every((byte) => byte === padLength)).toBe(true);
      expect(wecom.decrypt(ENCODING_AES_KEY, ours).message).toBe(message);
      const theirs = wecom.encrypt(ENCODING_AES_KEY, message, CORP_ID);
      expect(decrypt(key, theirs, CORP_ID).message).toBe(message);
    }
    expect([...padLengths].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });

  test('signed by KfCallbackCrypto verify with the official getSignature', () => {
    const callbacks = new KfCallbackCrypto({
      token: TOKEN,
      encodingAESKey: ENCODING_AES_KEY,
      receiveId: CORP_ID,
    });
    const query = callbacks.encryptEchostr('echo-12345', { timestamp: TIMESTAMP, nonce: NONCE });
    expect(query.msg_signature).toBe(wecom.getSignature(TOKEN, TIMESTAMP, NONCE, query.echostr));
    expect(wecom.decrypt(ENCODING_AES_KEY, query.echostr)).toMatchObject({
      message: 'echo-12345',
      id: CORP_ID,
    });
  });
});
