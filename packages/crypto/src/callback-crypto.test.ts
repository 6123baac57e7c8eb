import { inspect } from 'node:util';
import * as wecom from '@wecom/crypto';
import { describe, expect, test } from 'vitest';
import {
  CORP_ID,
  ENCODING_AES_KEY,
  expectCode,
  F64,
  F65_REPEATED,
  NONCE,
  OTHER_ENCODING_AES_KEY,
  TIMESTAMP,
  TOKEN,
} from './__fixtures__/callbacks.js';
import { KfCallbackCrypto, type KfCallbackCryptoOptions } from './callback-crypto.js';
import { KfCryptoErrorCode } from './errors.js';
import { parseCallbackXml } from './xml.js';

/** A counter-based byte source: deterministic and different on every call. */
function countingBytes(): (size: number) => Uint8Array {
  let counter = 0;
  return (size) => Uint8Array.from({ length: size }, () => counter++ & 0xff);
}

function makeCrypto(overrides: Partial<KfCallbackCryptoOptions> = {}): KfCallbackCrypto {
  return new KfCallbackCrypto({
    token: TOKEN,
    encodingAESKey: ENCODING_AES_KEY,
    receiveId: CORP_ID,
    ...overrides,
  });
}

describe('new KfCallbackCrypto', () => {
  test.each([
    ['an empty token', { token: '' }, KfCryptoErrorCode.ComputeSignatureError, 'token'],
    ['a non-string token', { token: 123 }, KfCryptoErrorCode.ComputeSignatureError, 'token'],
    [
      'a 42-character EncodingAESKey',
      { encodingAESKey: ENCODING_AES_KEY.slice(1) },
      -40004,
      'encodingAESKey',
    ],
    ['a missing EncodingAESKey', { encodingAESKey: undefined }, -40004, 'encodingAESKey'],
    ['a missing receiveId', { receiveId: undefined }, -40005, 'receiveId is required'],
    ['a numeric receiveId', { receiveId: 1 }, -40005, 'receiveId is required'],
    ['a zero maxBodyBytes', { maxBodyBytes: 0 }, -40002, 'maxBytes'],
    ['a randomBytes that is not a function', { randomBytes: 'x' }, -40006, 'randomBytes'],
    ['a now that is not a function', { now: 1 }, -40003, 'now'],
  ])('fails at once for %s', (_case, overrides, errcode, text) => {
    const error = expectCode(
      () => makeCrypto(overrides as Partial<KfCallbackCryptoOptions>),
      errcode as never,
    );
    expect(error.message).toContain(text);
  });

  test('fails for options that are not an object', () => {
    expectCode(() => new KfCallbackCrypto(undefined as never), KfCryptoErrorCode.IllegalAesKey);
  });

  test('keeps the token and key out of JSON.stringify and util.inspect', () => {
    const callbacks = makeCrypto();
    const shown = JSON.stringify(callbacks) + inspect(callbacks, { depth: 5, showHidden: true });
    expect(shown).not.toContain(TOKEN);
    expect(shown).not.toContain(ENCODING_AES_KEY);
    expect(shown).not.toContain(Buffer.from(`${ENCODING_AES_KEY}=`, 'base64').toString('hex').slice(0, 16));
  });
});

describe('URL verification (GET)', () => {
  test('round-trips: encryptEchostr, then verifyUrl returns the plaintext', () => {
    const callbacks = makeCrypto();
    const query = callbacks.encryptEchostr('5927782489442352469');
    expect(Object.keys(query).sort()).toEqual(['echostr', 'msg_signature', 'nonce', 'timestamp']);
    expect(callbacks.verifyUrl(query)).toBe('5927782489442352469');
  });

  test('accepts URLSearchParams, as parsed from the request URL ("+" sent as %2B)', () => {
    const callbacks = makeCrypto();
    const query = callbacks.encryptEchostr('echo', { timestamp: TIMESTAMP, nonce: NONCE });
    const url = new URL(`https://example.com/callback?${new URLSearchParams({ ...query })}`);
    expect(callbacks.verifyUrl(url.searchParams)).toBe('echo');
  });

  test('rejects a wrong signature as -40001 before decrypting', () => {
    const callbacks = makeCrypto();
    const query = callbacks.encryptEchostr('echo');
    const forged = {
      ...query,
      msg_signature: wecom.getSignature('other-token', query.timestamp, query.nonce, query.echostr),
    };
    expectCode(() => callbacks.verifyUrl(forged), KfCryptoErrorCode.ValidateSignatureError);
    // A signed but undecryptable echostr gets past the signature only with the right token.
    const garbage = 'QUJDREVGR0hJSktMTU5PUA==';
    const signed = {
      ...query,
      echostr: garbage,
      msg_signature: wecom.getSignature(TOKEN, query.timestamp, query.nonce, garbage),
    };
    expectCode(() => callbacks.verifyUrl(signed), KfCryptoErrorCode.DecryptAESError);
    expectCode(() => callbacks.verifyUrl({ ...signed, msg_signature: forged.msg_signature }), -40001);
  });

  test.each(['msg_signature', 'timestamp', 'nonce', 'echostr'])(
    'rejects a query without %s as -40001',
    (name) => {
      const callbacks = makeCrypto();
      const query: Record<string, unknown> = { ...callbacks.encryptEchostr('echo') };
      delete query[name];
      const error = expectCode(
        () => callbacks.verifyUrl(query as never),
        KfCryptoErrorCode.ValidateSignatureError,
      );
      expect(error.message).toContain(name);
      expectCode(() => callbacks.verifyUrl({ ...query, [name]: ['a', 'b'] } as never), -40001);
    },
  );

  test('rejects a query that is not an object as -40001', () => {
    expectCode(() => makeCrypto().verifyUrl(null as never), KfCryptoErrorCode.ValidateSignatureError);
    expectCode(() => makeCrypto().verifyUrl('msg_signature=x' as never), -40001);
  });
});

describe('data callbacks (POST)', () => {
  test('round-trips F-64: encryptCallback, then decryptCallback returns the XML and its fields', () => {
    const callbacks = makeCrypto();
    const { body, query } = callbacks.encryptCallback(F64, { AgentID: '1000002' });
    const decrypted = callbacks.decryptCallback(query, body);
    expect(decrypted.xml).toBe(F64);
    expect(decrypted.fields).toStrictEqual(parseCallbackXml(F64));
    expect(decrypted.fields.Token).toBe('ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR');
    expect(decrypted.receiveId).toBe(CORP_ID);
    expect(decrypted.envelope.ToUserName).toBe(CORP_ID);
    expect(decrypted.envelope.AgentID).toBe('1000002');
  });

  test('returns a repeated element as an array (kf_account_auth_change)', () => {
    const callbacks = makeCrypto();
    const { body, query } = callbacks.encryptCallback(F65_REPEATED);
    expect(callbacks.decryptCallback(query, Buffer.from(body)).fields.AuthAddOpenKfId).toEqual([
      'wkxxxx1',
      'wkxxxx3',
    ]);
  });

  test('produces output @wecom/crypto decrypts and signs alike', () => {
    const { body, query } = makeCrypto().encryptCallback(F64);
    const encrypted = parseCallbackXml(body).Encrypt as string;
    expect(query.msg_signature).toBe(wecom.getSignature(TOKEN, query.timestamp, query.nonce, encrypted));
    expect(wecom.decrypt(ENCODING_AES_KEY, encrypted)).toMatchObject({ message: F64, id: CORP_ID });
  });

  test('is deterministic with injected random bytes and clock', () => {
    const options = { randomBytes: countingBytes(), now: () => 1_700_000_000_999 };
    const first = makeCrypto(options).encryptCallback(F64);
    const second = makeCrypto({ ...options, randomBytes: countingBytes() }).encryptCallback(F64);
    expect(second).toEqual(first);
    expect(first.query.timestamp).toBe('1700000000');
    expect(first.query.nonce).toBe('0001020304050607');
  });

  test('uses the given timestamp and nonce', () => {
    const { query } = makeCrypto().encryptCallback(F64, { timestamp: TIMESTAMP, nonce: NONCE });
    expect(query).toMatchObject({ timestamp: TIMESTAMP, nonce: NONCE });
  });

  test('rejects a tampered body or query as -40001', () => {
    const callbacks = makeCrypto();
    const { body, query } = callbacks.encryptCallback(F64);
    const encrypted = parseCallbackXml(body).Encrypt as string;
    const tampered = body.replace(encrypted, `${encrypted.slice(0, -8)}AAAAAAA=`);
    expect(tampered).not.toBe(body);
    expectCode(() => callbacks.decryptCallback(query, tampered), KfCryptoErrorCode.ValidateSignatureError);
    expectCode(() => callbacks.decryptCallback({ ...query, timestamp: `${query.timestamp}1` }, body), -40001);
    expectCode(() => callbacks.decryptCallback({ ...query, nonce: 'x' }, body), -40001);
  });

  test('rejects a callback for another ReceiveId as -40005, unless configured with null', () => {
    const sender = makeCrypto({ receiveId: 'wwsuite0000000000' });
    const { body, query } = sender.encryptCallback(F64);
    expectCode(() => makeCrypto().decryptCallback(query, body), KfCryptoErrorCode.ValidateCorpidError);
    const anyReceiver = makeCrypto({ receiveId: null });
    expect(anyReceiver.decryptCallback(query, body).receiveId).toBe('wwsuite0000000000');
  });

  test("supports an empty ReceiveId ('')", () => {
    const callbacks = makeCrypto({ receiveId: '' });
    const { body, query } = callbacks.encryptCallback(F64);
    expect(callbacks.decryptCallback(query, body)).toMatchObject({ xml: F64, receiveId: '' });
    expectCode(() => makeCrypto().decryptCallback(query, body), KfCryptoErrorCode.ValidateCorpidError);
  });

  test('needs a per-call receiveId to encrypt when configured with null', () => {
    const callbacks = makeCrypto({ receiveId: null });
    expectCode(() => callbacks.encryptCallback(F64), KfCryptoErrorCode.EncryptAESError);
    const { body, query } = callbacks.encryptCallback(F64, { receiveId: 'wwsuite', ToUserName: 'suite' });
    expect(callbacks.decryptCallback(query, body)).toMatchObject({
      receiveId: 'wwsuite',
      envelope: { ToUserName: 'suite' },
    });
  });

  test('rejects a key mismatch as -40007 once the signature matches', () => {
    const { body, query } = makeCrypto({ encodingAESKey: OTHER_ENCODING_AES_KEY }).encryptCallback(F64);
    expectCode(() => makeCrypto().decryptCallback(query, body), KfCryptoErrorCode.DecryptAESError);
  });

  test('rejects a plaintext that is not callback XML as -40002, without quoting it', () => {
    const callbacks = makeCrypto();
    for (const plaintext of [
      'not xml at all',
      '<xml><Open>secret-plaintext</Close></xml>',
      '<!DOCTYPE x><xml/>',
    ]) {
      const { body, query } = callbacks.encryptCallback(plaintext);
      const error = expectCode(() => callbacks.decryptCallback(query, body), KfCryptoErrorCode.ParseXmlError);
      expect(error.message).toContain('the decrypted message');
      expect(error.message).not.toMatch(/secret|Open|Close|not xml/);
    }
  });

  test('rejects a body over maxBodyBytes as -40002 before parsing', () => {
    const callbacks = makeCrypto({ maxBodyBytes: 256 });
    const { body, query } = makeCrypto().encryptCallback(F64);
    expect(body.length).toBeGreaterThan(256);
    const error = expectCode(() => callbacks.decryptCallback(query, body), KfCryptoErrorCode.ParseXmlError);
    expect(error.message).toContain('larger than 256 bytes');
  });

  test('rejects a missing query value as -40001 and a body that is not text or bytes as -40002', () => {
    const callbacks = makeCrypto();
    const { body, query } = callbacks.encryptCallback(F64);
    expectCode(
      () => callbacks.decryptCallback({ timestamp: query.timestamp, nonce: query.nonce } as never, body),
      -40001,
    );
    expectCode(() => callbacks.decryptCallback(query, { body } as never), KfCryptoErrorCode.ParseXmlError);
  });

  test('rejects bad random bytes, clock values and options when encrypting', () => {
    expectCode(() => makeCrypto({ randomBytes: () => new Uint8Array(3) }).encryptCallback(F64), -40006);
    expectCode(
      () =>
        makeCrypto({
          randomBytes: () => {
            throw new Error('entropy exhausted');
          },
        }).encryptCallback(F64),
      -40006,
    );
    expectCode(() => makeCrypto({ now: () => Number.NaN }).encryptCallback(F64), -40003);
    expectCode(() => makeCrypto().encryptCallback(F64, { timestamp: 1 } as never), -40003);
    expectCode(() => makeCrypto().encryptCallback(42 as never), -40006);
    expectCode(() => makeCrypto().encryptCallback(F64, null as never), -40006);
    expectCode(() => makeCrypto().encryptCallback(F64, { AgentID: 7 } as never), -40011);
  });
});

describe('passive replies', () => {
  test('encryptReply writes the reply template, signed over its own values', () => {
    const callbacks = makeCrypto();
    const xml = callbacks.encryptReply('<xml><MsgType><![CDATA[text]]></MsgType></xml>', {
      timestamp: TIMESTAMP,
      nonce: NONCE,
    });
    expect(xml).toMatch(
      /^<xml>\n<Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt>\n<MsgSignature><!\[CDATA\[[0-9a-f]{40}\]\]><\/MsgSignature>\n<TimeStamp>1409659813<\/TimeStamp>\n<Nonce><!\[CDATA\[1372623149\]\]><\/Nonce>\n<\/xml>$/,
    );
    const reply = parseCallbackXml(xml);
    const encrypted = reply.Encrypt as string;
    expect(reply.MsgSignature).toBe(wecom.getSignature(TOKEN, TIMESTAMP, NONCE, encrypted));
    expect(wecom.decrypt(ENCODING_AES_KEY, encrypted).message).toBe(
      '<xml><MsgType><![CDATA[text]]></MsgType></xml>',
    );
    // The receiving side reads a reply like a callback: the same signature and key.
    expect(
      callbacks.decryptCallback(
        { msg_signature: reply.MsgSignature as string, timestamp: TIMESTAMP, nonce: NONCE },
        `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
      ).fields,
    ).toEqual({ MsgType: 'text' });
  });
});
