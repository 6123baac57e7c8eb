import * as wecom from '@wecom/crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { unicodeText } from './__fixtures__/callbacks.js';
import { decodeEncodingAESKey } from './aes-key.js';
import { KfCallbackCrypto } from './callback-crypto.js';
import { decrypt, encrypt } from './cipher.js';
import { computeSignature, verifySignature } from './signature.js';
import { buildCallbackXml, parseCallbackXml } from './xml.js';

/** Fixed seed: a failure reproduces, and the run is the same on every machine. */
const SEED = 91144;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('');
/** EncodingAESKeys as the console makes them: 43 random characters from [a-zA-Z0-9]. */
const encodingAESKey = fc.string({ unit: fc.constantFrom(...ALPHANUMERIC), minLength: 43, maxLength: 43 });
/** Any Unicode text, astral planes included (no lone surrogates: UTF-8 cannot carry them). */
const text = unicodeText(300);
const receiveId = fc.oneof(fc.constant(''), unicodeText(40));
const random16 = fc.uint8Array({ minLength: 16, maxLength: 16 });

describe('round trips over random keys, messages and ReceiveIds', () => {
  test('decrypt(encrypt(m)) returns m and the ReceiveId, for ours and for @wecom/crypto', () => {
    fc.assert(
      fc.property(encodingAESKey, text, receiveId, random16, (k, message, id, random) => {
        const key = decodeEncodingAESKey(k);
        const ours = encrypt(key, message, id, random);
        expect(decrypt(key, ours, id)).toEqual({ message, receiveId: id });
        expect(ours).toBe(wecom.encrypt(k, message, id, Buffer.from(random)));
        const theirs = wecom.encrypt(k, message, id);
        expect(decrypt(key, theirs, id)).toEqual({ message, receiveId: id });
        expect(wecom.decrypt(k, ours)).toMatchObject({ message, id });
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('a signed callback verifies and decrypts with the same configuration only', () => {
    const token = fc.string({ unit: fc.constantFrom(...ALPHANUMERIC), minLength: 1, maxLength: 32 });
    fc.assert(
      fc.property(token, encodingAESKey, receiveId, text, (t, k, id, message) => {
        const callbacks = new KfCallbackCrypto({ token: t, encodingAESKey: k, receiveId: id });
        const query = callbacks.encryptEchostr(message);
        expect(callbacks.verifyUrl(query)).toBe(message);
        expect(verifySignature(query.msg_signature, t, query.timestamp, query.nonce, query.echostr)).toBe(
          true,
        );
        expect(
          verifySignature(query.msg_signature, `${t}x`, query.timestamp, query.nonce, query.echostr),
        ).toBe(false);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  test('signatures do not depend on argument order and match @wecom/crypto', () => {
    const part = unicodeText(64);
    fc.assert(
      fc.property(fc.tuple(part, part, part, part), fc.nat(), ([a, b, c, d], shift) => {
        const rotated = [a, b, c, d].map((_, i, all) => all[(i + shift) % 4] ?? '');
        const [w = '', x = '', y = '', z = ''] = rotated;
        expect(computeSignature(w, x, y, z)).toBe(computeSignature(a, b, c, d));
        expect(computeSignature(d, c, b, a)).toBe(computeSignature(a, b, c, d));
        expect(computeSignature(a, b, c, d)).toBe(wecom.getSignature(a, b, c, d));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('callback XML', () => {
  /**
   * Strings XML 1.0 can carry: no control characters but tab and LF (a parser turns CR into LF),
   * no U+FFFE/U+FFFF, no lone surrogates.
   */
  const xmlString = fc
    .array(
      fc.oneof(
        fc.constantFrom(0x9, 0xa),
        fc.integer({ min: 0x20, max: 0xd7ff }),
        fc.integer({ min: 0xe000, max: 0xfffd }),
        fc.integer({ min: 0x10000, max: 0x10ffff }),
      ),
      { maxLength: 60 },
    )
    .map((codePoints) => String.fromCodePoint(...codePoints));
  const name = fc
    .stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,11}$/)
    .filter((value) => !['__proto__', 'constructor', 'prototype'].includes(value));
  const leaf = fc.oneof(xmlString, fc.integer(), fc.array(xmlString, { minLength: 2, maxLength: 3 }));
  const fields = fc.dictionary(name, leaf, { maxKeys: 8 });

  test('parseCallbackXml(buildCallbackXml(fields)) gives the same fields as strings', () => {
    fc.assert(
      fc.property(fields, (input) => {
        const expected = Object.fromEntries(
          Object.entries(input).map(([key, value]) => [key, Array.isArray(value) ? value : String(value)]),
        );
        expect(parseCallbackXml(buildCallbackXml(input))).toEqual(expected);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
