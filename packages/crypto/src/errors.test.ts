import { inspect } from 'node:util';
import { isKfError, KfError } from '@kf/types/errors';
import { describe, expect, test } from 'vitest';
import { catchKfCryptoError, layout, pad, rawEncrypt } from './__fixtures__/callbacks.js';
import { decodeEncodingAESKey } from './aes-key.js';
import { KfCallbackCrypto } from './callback-crypto.js';
import { decrypt } from './cipher.js';
import { KfCryptoError, KfCryptoErrorCode } from './errors.js';
import { computeSignature } from './signature.js';

describe('KfCryptoError', () => {
  test('is a KfError carrying the errcode, its name in the message, and the cause', () => {
    const cause = new Error('low level');
    const error = new KfCryptoError(KfCryptoErrorCode.DecryptAESError, 'the padding is invalid', { cause });
    expect(error).toBeInstanceOf(KfError);
    expect(error).toBeInstanceOf(Error);
    expect(isKfError(error)).toBe(true);
    expect(error.name).toBe('KfCryptoError');
    expect(error.errcode).toBe(-40007);
    expect(error.message).toBe('the padding is invalid [DecryptAESError -40007]');
    expect(error.cause).toBe(cause);
  });

  test('serialises to name, errcode and message only', () => {
    const error = new KfCryptoError(-40001, 'msg_signature does not match', { cause: new Error('x') });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'KfCryptoError',
      errcode: -40001,
      message: 'msg_signature does not match [ValidateSignatureError -40001]',
    });
  });

  test('is re-exported with the code table, with all eleven official codes', () => {
    expect(Object.values(KfCryptoErrorCode).sort((a, b) => b - a)).toEqual([
      -40001, -40002, -40003, -40004, -40005, -40006, -40007, -40008, -40009, -40010, -40011,
    ]);
  });
});

describe('secrets and plaintext never reach an error', () => {
  const token = 'TokenSecret7Q2w';
  const encodingAESKey = 'KeySecretAbCdEfGhIjKlMnOpQrStUvWxYz01234567';
  const keyBytes = Buffer.from(decodeEncodingAESKey(encodingAESKey));
  const marker = 'PlaintextSecret';
  const receiveId = 'wwReceiveSecret';
  const forbidden = [
    token,
    encodingAESKey,
    encodingAESKey.slice(0, 20),
    keyBytes.toString('hex').slice(0, 16),
    keyBytes.toString('base64').slice(0, 16),
    keyBytes.toString('latin1').slice(0, 8),
    marker,
    receiveId,
  ];
  const callbacks = new KfCallbackCrypto({ token, encodingAESKey, receiveId });

  function signedBody(plaintextBytes: Buffer) {
    const encrypted = rawEncrypt(encodingAESKey, plaintextBytes);
    const query = { msg_signature: computeSignature(token, '1', 'n', encrypted), timestamp: '1', nonce: 'n' };
    return { query, body: `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>` };
  }

  const failures: [string, () => unknown][] = [
    [
      'a 42-character key',
      () => new KfCallbackCrypto({ token, encodingAESKey: encodingAESKey.slice(1), receiveId }),
    ],
    [
      'a key with "+"',
      () => new KfCallbackCrypto({ token, encodingAESKey: `+${encodingAESKey.slice(1)}`, receiveId }),
    ],
    [
      'a wrong signature',
      () => callbacks.verifyUrl({ ...callbacks.encryptEchostr(marker), msg_signature: token }),
    ],
    [
      'another ReceiveId',
      () => {
        const other = new KfCallbackCrypto({ token, encodingAESKey, receiveId: `${receiveId}2` });
        const { body, query } = other.encryptCallback(`<xml><A>${marker}</A></xml>`);
        callbacks.decryptCallback(query, body);
      },
    ],
    [
      'plaintext that is not XML',
      () => {
        const { body, query } = callbacks.encryptCallback(`<xml><${marker}>${marker}</Other></xml>`);
        callbacks.decryptCallback(query, body);
      },
    ],
    [
      'plaintext with a DOCTYPE',
      () => {
        const { body, query } = callbacks.encryptCallback(`<!DOCTYPE ${marker}><xml/>`);
        callbacks.decryptCallback(query, body);
      },
    ],
    [
      'a bad pad',
      () => {
        const { body, query } = signedBody(pad(layout(marker, receiveId), undefined, 0));
        callbacks.decryptCallback(query, body);
      },
    ],
    [
      'a bad length prefix',
      () => {
        const { body, query } = signedBody(pad(layout(marker, receiveId, 1000)));
        callbacks.decryptCallback(query, body);
      },
    ],
    [
      'invalid UTF-8',
      () => {
        const bytes = Buffer.concat([layout(marker, receiveId), Buffer.from([0xff])]);
        const { body, query } = signedBody(pad(bytes));
        callbacks.decryptCallback(query, body);
      },
    ],
    [
      'a wrong key',
      () => decrypt(decodeEncodingAESKey('A'.repeat(43)), callbacks.encryptEchostr(marker).echostr, null),
    ],
    ['non-string input', () => callbacks.encryptCallback({ marker } as never)],
  ];

  test.each(failures)('not for %s', (_case, action) => {
    const error = catchKfCryptoError(action);
    const shown = [error.message, JSON.stringify(error), String(error), inspect(error, { depth: 10 })].join(
      '\n',
    );
    for (const secret of forbidden) expect(shown).not.toContain(secret);
  });
});
