import { createCipheriv, createDecipheriv } from 'node:crypto';
import fc from 'fast-check';
import { expect } from 'vitest';
import { KfCryptoError, type KfCryptoErrorCode } from '../errors.js';

/** Test-only configuration; 43 characters from [a-zA-Z0-9] like the admin console makes. */
export const TOKEN = 'QDG6eK7tJ2Lx1wZr';
export const ENCODING_AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const OTHER_ENCODING_AES_KEY = 'ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210zyxwvut';
export const CORP_ID = 'ww6a112864f8022910';
export const TIMESTAMP = '1409659813';
export const NONCE = '1372623149';
/** A fixed "random" prefix, so that ciphertexts are reproducible. */
export const RANDOM16 = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');

/** F-64 (kf-api.md §7.8): the kf_msg_or_event plaintext, verbatim. */
export const F64 = `<xml>
<ToUserName><![CDATA[ww12345678910]]></ToUserName>
<CreateTime>1348831860</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[kf_msg_or_event]]></Event>
<Token><![CDATA[ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR]]></Token>
<OpenKfId><![CDATA[wkxxxxxxx]]></OpenKfId>
</xml>`;

/** F-65 (kf-api.md §7.8), with a second AuthAddOpenKfId to show the repeated element. */
export const F65_REPEATED = `<xml>
    <ToUserName><![CDATA[toUser]]></ToUserName>
    <FromUserName><![CDATA[sys]]></FromUserName>
    <CreateTime>1348831860</CreateTime>
    <MsgType><![CDATA[event]]></MsgType>
    <Event><![CDATA[kf_account_auth_change]]></Event>
    <AuthAddOpenKfId><![CDATA[wkxxxx1]]></AuthAddOpenKfId>
    <AuthAddOpenKfId><![CDATA[wkxxxx3]]></AuthAddOpenKfId>
    <AuthDelOpenKfId><![CDATA[wkxxxx2]]></AuthDelOpenKfId>
</xml>`;

/** The AES key bytes and IV for an EncodingAESKey, computed independently of the code under test. */
export function keyBytes(encodingAESKey: string): { key: Buffer; iv: Buffer } {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  return { key, iv: key.subarray(0, 16) };
}

/** AES-256-CBC without padding over bytes the test lays out itself (bad pads, bad lengths…). */
export function rawEncrypt(encodingAESKey: string, plain: Uint8Array): string {
  const { key, iv } = keyBytes(encodingAESKey);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/** The padded plaintext bytes inside a ciphertext, padding included. */
export function rawDecrypt(encodingAESKey: string, encrypted: string): Buffer {
  const { key, iv } = keyBytes(encodingAESKey);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
}

/** random(16) || msg_len || msg || receiveId, unpadded, with an optionally wrong length prefix. */
export function layout(message: string, receiveId: string, declaredLength?: number): Buffer {
  const msg = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(declaredLength ?? msg.length);
  return Buffer.concat([RANDOM16, length, msg, Buffer.from(receiveId, 'utf8')]);
}

/** Appends `count` bytes of `value` (defaults: a correct WXBizMsgCrypt pad). */
export function pad(content: Buffer, count = 32 - (content.length % 32), value = count): Buffer {
  return Buffer.concat([content, Buffer.alloc(count, value)]);
}

/** Runs `action`, expects a KfCryptoError, and returns it. */
export function catchKfCryptoError(action: () => unknown): KfCryptoError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(KfCryptoError);
    return error as KfCryptoError;
  }
  throw new Error('expected a KfCryptoError, but nothing was thrown');
}

/** Runs `action` and expects a KfCryptoError with exactly `errcode`. */
export function expectCode(action: () => unknown, errcode: KfCryptoErrorCode): KfCryptoError {
  const error = catchKfCryptoError(action);
  expect(error.errcode).toBe(errcode);
  return error;
}

/**
 * Unicode text over all planes without lone surrogates (UTF-8 cannot carry them). Built from code
 * points because fast-check's `unit: 'binary'` takes most of a second to warm up.
 */
export function unicodeText(maxLength: number): fc.Arbitrary<string> {
  const codePoint = fc.oneof(
    fc.integer({ min: 0x20, max: 0x7e }),
    fc.integer({ min: 0, max: 0xd7ff }),
    fc.integer({ min: 0xe000, max: 0x10ffff }),
  );
  return fc.array(codePoint, { maxLength }).map((points) => String.fromCodePoint(...points));
}
