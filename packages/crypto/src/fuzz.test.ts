import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CORP_ID,
  ENCODING_AES_KEY,
  F64,
  layout,
  OTHER_ENCODING_AES_KEY,
  pad,
  rawEncrypt,
  TOKEN,
  unicodeText,
} from './__fixtures__/callbacks.js';
import { decodeEncodingAESKey } from './aes-key.js';
import { KfCallbackCrypto } from './callback-crypto.js';
import { decrypt, encrypt } from './cipher.js';
import { buildCallbackEnvelope, buildPassiveReply, parseCallbackEnvelope } from './envelope.js';
import { KfCryptoError, KfCryptoErrorCode } from './errors.js';
import { computeSignature, verifySignature } from './signature.js';
import { buildCallbackXml, DEFAULT_MAX_XML_BYTES, parseCallbackXml } from './xml.js';

/**
 * Mutation and garbage inputs, bounded and seeded: every failure must be a KfCryptoError with a
 * documented code, and, where the mutation determines it, exactly the expected code.
 */
const SEED = 40001;
const ALL_CODES: ReadonlySet<number> = new Set(Object.values(KfCryptoErrorCode));
const key = decodeEncodingAESKey(ENCODING_AES_KEY);
const callbacks = new KfCallbackCrypto({
  token: TOKEN,
  encodingAESKey: ENCODING_AES_KEY,
  receiveId: CORP_ID,
});
const signed = callbacks.encryptCallback(F64);
const encrypted = parseCallbackEnvelope(signed.body).Encrypt;
const cipherBytes = Buffer.from(encrypted, 'base64');

/** The code `action` fails with, or `undefined` when it succeeds; anything else fails the test. */
function outcome(action: () => unknown): number | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (!(error instanceof KfCryptoError)) throw error;
    expect(ALL_CODES.has(error.errcode)).toBe(true);
    return error.errcode;
  }
}

/** A data callback whose body carries `value` as Encrypt, correctly signed over it. */
function signedBody(value: string): {
  query: { msg_signature: string; timestamp: string; nonce: string };
  body: string;
} {
  const query = {
    timestamp: '1409659813',
    nonce: 'n',
    msg_signature: computeSignature(TOKEN, '1409659813', 'n', value),
  };
  return { query, body: buildCallbackEnvelope({ Encrypt: value }) };
}

describe('mutated ciphertexts', () => {
  test('any change to Encrypt under the original signature is -40001', () => {
    fc.assert(
      fc.property(fc.nat(encrypted.length - 1), fc.constantFrom(...'AQgw+/=*'), (at, replacement) => {
        fc.pre(encrypted[at] !== replacement);
        const mutated = encrypted.slice(0, at) + replacement + encrypted.slice(at + 1);
        const body = signed.body.replace(encrypted, mutated);
        expect(outcome(() => callbacks.decryptCallback(signed.query, body))).toBe(-40001);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  test('a flipped ciphertext bit, correctly signed, fails with -40002/-40005/-40007/-40008 or changes the plaintext', () => {
    fc.assert(
      fc.property(fc.nat(cipherBytes.length * 8 - 1), (bit) => {
        const flipped = Buffer.from(cipherBytes);
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        const { query, body } = signedBody(flipped.toString('base64'));
        let xml: string | undefined;
        const code = outcome(() => {
          xml = callbacks.decryptCallback(query, body).xml;
        });
        if (code === undefined) {
          // CBC: a flip in block i garbles block i and flips one bit of block i + 1; block 0 is
          // random bytes, so a flip there may leave the message intact only if it hits them.
          expect(bit < 128 ? xml !== undefined : xml !== F64).toBe(true);
        } else {
          expect([-40002, -40005, -40007, -40008]).toContain(code);
        }
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  test('truncation to a length that is not a multiple of 16 is -40007', () => {
    fc.assert(
      fc.property(fc.nat(cipherBytes.length - 1), (length) => {
        fc.pre(length % 16 !== 0);
        const value = cipherBytes.subarray(0, length).toString('base64');
        expect(outcome(() => decrypt(key, value, CORP_ID))).toBe(-40007);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('truncation by whole blocks fails with -40007/-40008', () => {
    for (let blocks = 1; blocks < cipherBytes.length / 16; blocks++) {
      const value = cipherBytes.subarray(0, cipherBytes.length - blocks * 16).toString('base64');
      expect([-40007, -40008]).toContain(outcome(() => decrypt(key, value, CORP_ID)));
    }
  });

  test('re-padding: an inconsistent pad is -40007, a consistent one of another length is -40005/-40008', () => {
    const content = layout(F64, CORP_ID);
    const original = pad(content).at(-1) ?? 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 32 }), fc.integer({ min: 0, max: 255 }), (count, value) => {
        const padded = pad(content);
        padded.fill(value, padded.length - count);
        const consistent =
          value >= 1 && value <= 32 && padded.subarray(padded.length - value).every((byte) => byte === value);
        const result = outcome(() => decrypt(key, rawEncrypt(ENCODING_AES_KEY, padded), CORP_ID));
        if (!consistent) expect(result).toBe(-40007);
        else if (value === original && count <= original) expect(result).toBeUndefined();
        else expect([-40005, -40008]).toContain(result);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  test('a length prefix past the plaintext is -40008', () => {
    const available = Buffer.byteLength(F64) + CORP_ID.length;
    fc.assert(
      fc.property(fc.integer({ min: available + 1, max: 0xffffffff }), (declared) => {
        const value = rawEncrypt(ENCODING_AES_KEY, pad(layout(F64, CORP_ID, declared)));
        expect(outcome(() => decrypt(key, value, CORP_ID))).toBe(-40008);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('a wrong ReceiveId is -40005', () => {
    fc.assert(
      fc.property(unicodeText(30), (other) => {
        fc.pre(other !== CORP_ID);
        const value = encrypt(key, F64, other);
        expect(outcome(() => decrypt(key, value, CORP_ID))).toBe(-40005);
        expect(outcome(() => decrypt(key, value, null))).toBeUndefined();
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('a wrong key fails with -40005/-40007/-40008 (the pad almost never survives)', () => {
    const otherKey = decodeEncodingAESKey(OTHER_ENCODING_AES_KEY);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (message) => {
        const value = encrypt(otherKey, message, CORP_ID);
        expect([-40005, -40007, -40008]).toContain(outcome(() => decrypt(key, value, CORP_ID)));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('bad base64', () => {
  test('a character outside the alphabet, anywhere, is -40010', () => {
    fc.assert(
      fc.property(
        fc.nat(encrypted.length - 1),
        fc.constantFrom('-', '_', ' ', '\n', '.', '%', '\u0000', 'é', '你', '=', '😀'),
        (at, junk) => {
          const mutated = encrypted.slice(0, at) + junk + encrypted.slice(at + 1);
          fc.pre(!(junk === '=' && at >= encrypted.length - 2));
          expect(outcome(() => decrypt(key, mutated, CORP_ID))).toBe(-40010);
          if (junk === '\u0000') return; // XML cannot carry it; covered by the line above.
          const { query, body } = signedBody(mutated);
          expect(outcome(() => callbacks.decryptCallback(query, body))).toBe(-40010);
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  test('random strings are -40010 unless canonical base64, then -40007/-40008', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 100 }), (value) => {
        const code = outcome(() => decrypt(key, value, CORP_ID));
        const canonical = Buffer.from(value, 'base64').toString('base64') === value;
        if (!canonical) expect(code).toBe(-40010);
        else expect([-40007, -40008]).toContain(code);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('signatures', () => {
  test('any other msg_signature is -40001', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/), fc.string({ maxLength: 60 }), unicodeText(40)),
        (signature) => {
          fc.pre(signature !== signed.query.msg_signature);
          const query = { ...signed.query, msg_signature: signature };
          expect(outcome(() => callbacks.decryptCallback(query, signed.body))).toBe(-40001);
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe('XML bodies', () => {
  const fragments = [
    '<xml>',
    '</xml>',
    '<Encrypt>',
    '</Encrypt>',
    '<![CDATA[',
    ']]>',
    '<!--',
    '-->',
    '<!DOCTYPE xml>',
    '<!ENTITY e "x">',
    '&e;',
    '&amp;',
    '&#x41;',
    '&',
    '<',
    '>',
    '/>',
    '<?xml version="1.0"?>',
    '"',
    "'",
    '=',
    encrypted,
    'ToUserName',
    '\uFEFF',
    '\u0000',
    ' ',
    '\n',
  ];

  test('random markup soup only ever fails with -40001 or -40002', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 30 }), (parts) => {
        const body = parts.join('');
        const code = outcome(() => callbacks.decryptCallback(signed.query, body));
        expect(code === -40001 || code === -40002).toBe(true);
        const parsed = outcome(() => parseCallbackXml(body));
        expect(parsed === undefined || parsed === -40002).toBe(true);
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  test('arbitrary text is parsed or refused with -40002, never crashing', () => {
    fc.assert(
      fc.property(unicodeText(200), (body) => {
        const code = outcome(() => parseCallbackXml(body));
        expect(code === undefined || code === -40002).toBe(true);
        if (!body.includes('<xml')) expect(code).toBe(-40002);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  test('a valid body with one character deleted or inserted parses the same or fails with -40001/-40002', () => {
    fc.assert(
      fc.property(
        fc.nat(signed.body.length - 1),
        fc.constantFrom('', '<', '>', '&', '/', '!', 'x'),
        (at, insert) => {
          const body = signed.body.slice(0, at) + insert + signed.body.slice(at + 1);
          const code = outcome(() => callbacks.decryptCallback(signed.query, body));
          if (code !== undefined) expect([-40001, -40002]).toContain(code);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  test('entity bombs and external entities are refused at once with -40002, in the envelope and the plaintext', () => {
    const laughs = [
      '<!DOCTYPE lolz [<!ENTITY lol "lol">',
      ...Array.from(
        { length: 9 },
        (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
      ),
      ']>',
    ].join('');
    const bombs = [
      `${laughs}<xml><Encrypt>&lol9;</Encrypt></xml>`,
      '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Encrypt>&xxe;</Encrypt></xml>',
      '<!DOCTYPE xml [<!ENTITY % p SYSTEM "http://127.0.0.1/evil.dtd"> %p;]><xml><Encrypt>x</Encrypt></xml>',
      '<!DOCTYPE xml SYSTEM "http://127.0.0.1/evil.dtd"><xml><Encrypt>x</Encrypt></xml>',
      `<xml><Encrypt>x</Encrypt></xml>${laughs}`,
    ];
    for (const bomb of bombs) {
      expect(outcome(() => callbacks.decryptCallback(signed.query, bomb))).toBe(-40002);
      const inner = callbacks.encryptCallback(bomb);
      expect(outcome(() => callbacks.decryptCallback(inner.query, inner.body))).toBe(-40002);
    }
  });

  // Whether this stays fast is a benchmark's question (bench/), not a unit test's: here only the
  // outcome is checked, with bodies just under the limit so that the parser really runs.
  test('huge bodies are refused by size, and adversarial bodies under the limit are refused by the parser', () => {
    const huge = `<xml><Encrypt>${'A'.repeat(2 * 1024 * 1024)}</Encrypt></xml>`;
    expect(outcome(() => callbacks.decryptCallback(signed.query, huge))).toBe(-40002);
    expect(outcome(() => callbacks.decryptCallback(signed.query, Buffer.from(huge)))).toBe(-40002);
    const underLimit = DEFAULT_MAX_XML_BYTES - 64;
    const adversarial = [
      `<xml>${'<a>'.repeat(underLimit / 3)}</xml>`,
      `<xml><a ${'b="c" '.repeat(underLimit / 6)}/></xml>`,
      `<xml>${'<a/>'.repeat(underLimit / 4)}</xml>`,
      `<xml><Encrypt><![CDATA[${']]]]><![CDATA[>'.repeat(underLimit / 16)}]]></Encrypt></xml>`,
      `<xml><Encrypt>${'&amp;'.repeat(underLimit / 5)}</Encrypt></xml>`,
      `<xml>${' '.repeat(underLimit)}`,
      `${'<'.repeat(underLimit)}`,
    ];
    for (const body of adversarial) {
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(DEFAULT_MAX_XML_BYTES);
      const code = outcome(() => callbacks.decryptCallback(signed.query, body));
      expect(code === -40001 || code === -40002).toBe(true);
    }
  });
});

describe('non-string and odd-typed input from JavaScript callers', () => {
  const anything = fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
  });

  test('every public function fails with its documented code', () => {
    fc.assert(
      fc.property(anything, (value) => {
        const isString = typeof value === 'string';
        if (!isString) {
          expect(outcome(() => computeSignature(TOKEN, value as string, 'n', 'e'))).toBe(-40003);
          expect(outcome(() => decrypt(key, value as string, CORP_ID))).toBe(-40010);
          expect(outcome(() => encrypt(key, value as string, CORP_ID))).toBe(-40006);
          expect(outcome(() => decodeEncodingAESKey(value as string))).toBe(-40004);
          expect(verifySignature(value as string, TOKEN, '1', 'n', 'e')).toBe(false);
          expect(outcome(() => callbacks.verifyUrl(value as never))).toBe(-40001);
          expect(outcome(() => buildPassiveReply(value as never))).toBe(-40011);
        }
        if (!(isString || value instanceof Uint8Array)) {
          expect(outcome(() => parseCallbackXml(value as string))).toBe(-40002);
          expect(outcome(() => callbacks.decryptCallback(signed.query, value as string))).toBe(-40002);
        }
        expect(outcome(() => decrypt(value as Uint8Array, encrypted, CORP_ID))).toBe(-40004);
        const built = outcome(() => buildCallbackXml({ A: value } as never));
        expect(built === undefined || built === -40011).toBe(true);
        const constructed = outcome(() => new KfCallbackCrypto(value as never));
        expect(constructed).toBeDefined();
        const configured = outcome(
          () =>
            new KfCallbackCrypto({
              token: TOKEN,
              encodingAESKey: ENCODING_AES_KEY,
              receiveId: value as string,
            }),
        );
        expect(configured).toBe(isString || value === null ? undefined : -40005);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
});
