import { describe, expect, test } from 'vitest';
import { expectCode } from './__fixtures__/callbacks.js';
import { buildCallbackEnvelope, buildPassiveReply, parseCallbackEnvelope } from './envelope.js';
import { KfCryptoErrorCode } from './errors.js';
import { parseCallbackXml } from './xml.js';

const ENCRYPT = 'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5==';

describe('parseCallbackEnvelope', () => {
  test('reads Encrypt, ToUserName and AgentID', () => {
    const body = `<xml>
  <ToUserName><![CDATA[ww1]]></ToUserName>
  <AgentID><![CDATA[1000002]]></AgentID>
  <Encrypt><![CDATA[${ENCRYPT}]]></Encrypt>
</xml>`;
    expect(parseCallbackEnvelope(body)).toStrictEqual({
      Encrypt: ENCRYPT,
      ToUserName: 'ww1',
      AgentID: '1000002',
    });
  });

  test('needs only Encrypt, keeps it verbatim, and ignores unknown elements', () => {
    expect(
      parseCallbackEnvelope(`<xml><Encrypt> ${ENCRYPT}\n</Encrypt><Extra>1</Extra></xml>`),
    ).toStrictEqual({
      Encrypt: ` ${ENCRYPT}\n`,
    });
    expect(parseCallbackEnvelope('<xml><ToUserName/><AgentID/><Encrypt>x</Encrypt></xml>')).toStrictEqual({
      Encrypt: 'x',
      ToUserName: '',
      AgentID: '',
    });
  });

  test('leaves out a ToUserName or AgentID that is not plain text', () => {
    expect(
      parseCallbackEnvelope(
        '<xml><ToUserName>a</ToUserName><ToUserName>b</ToUserName><Encrypt>x</Encrypt></xml>',
      ),
    ).toStrictEqual({ Encrypt: 'x' });
  });

  test.each([
    ['no Encrypt', '<xml><ToUserName>ww1</ToUserName></xml>'],
    ['two Encrypt elements', '<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>'],
    ['a nested Encrypt', '<xml><Encrypt><A>x</A></Encrypt></xml>'],
    ['an Encrypt outside <xml>', '<Encrypt>x</Encrypt>'],
    ['JSON', JSON.stringify({ Encrypt: 'x' })],
    ['a DOCTYPE', '<!DOCTYPE xml [<!ENTITY e "x">]><xml><Encrypt>&e;</Encrypt></xml>'],
  ])('rejects a body with %s as -40002', (_case, body) => {
    expectCode(() => parseCallbackEnvelope(body), KfCryptoErrorCode.ParseXmlError);
  });

  test('honours maxBytes', () => {
    const body = `<xml><Encrypt>${ENCRYPT}</Encrypt></xml>`;
    expectCode(
      () => parseCallbackEnvelope(body, { maxBytes: body.length - 1 }),
      KfCryptoErrorCode.ParseXmlError,
    );
    expect(parseCallbackEnvelope(body, { maxBytes: body.length }).Encrypt).toBe(ENCRYPT);
  });
});

describe('buildCallbackEnvelope', () => {
  test('writes the platform envelope in CDATA and reads back to the same values', () => {
    const envelope = { ToUserName: 'ww1', AgentID: '1000002', Encrypt: ENCRYPT };
    const body = buildCallbackEnvelope(envelope);
    expect(body).toBe(
      `<xml>\n<ToUserName><![CDATA[ww1]]></ToUserName>\n<AgentID><![CDATA[1000002]]></AgentID>\n<Encrypt><![CDATA[${ENCRYPT}]]></Encrypt>\n</xml>`,
    );
    expect(parseCallbackEnvelope(body)).toStrictEqual(envelope);
  });

  test('leaves out absent optional elements', () => {
    expect(buildCallbackEnvelope({ Encrypt: 'x' })).toBe('<xml>\n<Encrypt><![CDATA[x]]></Encrypt>\n</xml>');
  });

  test('rejects non-string values as -40011', () => {
    expectCode(() => buildCallbackEnvelope({ Encrypt: 1 } as never), KfCryptoErrorCode.GenReturnXmlError);
    expectCode(() => buildCallbackEnvelope({ Encrypt: 'x', AgentID: 1 } as never), -40011);
    expectCode(() => buildCallbackEnvelope(null as never), -40011);
  });
});

describe('buildPassiveReply', () => {
  test('writes the official template with TimeStamp as plain text and the rest in CDATA', () => {
    expect(
      buildPassiveReply({
        Encrypt: ENCRYPT,
        MsgSignature: 'abc123',
        TimeStamp: '1409659813',
        Nonce: '1372623149',
      }),
    ).toBe(
      `<xml>\n<Encrypt><![CDATA[${ENCRYPT}]]></Encrypt>\n<MsgSignature><![CDATA[abc123]]></MsgSignature>\n` +
        '<TimeStamp>1409659813</TimeStamp>\n<Nonce><![CDATA[1372623149]]></Nonce>\n</xml>',
    );
  });

  test('escapes TimeStamp and splits "]]>" in CDATA values, so that it reads back unchanged', () => {
    const reply = { Encrypt: 'a]]>b', MsgSignature: 's', TimeStamp: '1<2&3', Nonce: 'n' };
    const xml = buildPassiveReply(reply);
    expect(xml).toContain('<TimeStamp>1&lt;2&amp;3</TimeStamp>');
    expect(xml).toContain('<Encrypt><![CDATA[a]]]]><![CDATA[>b]]></Encrypt>');
    expect(parseCallbackXml(xml)).toStrictEqual(reply);
  });

  test('rejects a missing or non-string value as -40011', () => {
    expectCode(
      () =>
        buildPassiveReply({ Encrypt: 'x', MsgSignature: 's', TimeStamp: 1409659813, Nonce: 'n' } as never),
      KfCryptoErrorCode.GenReturnXmlError,
    );
    expectCode(() => buildPassiveReply({ Encrypt: 'x', MsgSignature: 's', TimeStamp: '1' } as never), -40011);
    expectCode(
      () => buildPassiveReply({ Encrypt: 'x\u0000', MsgSignature: 's', TimeStamp: '1', Nonce: 'n' }),
      -40011,
    );
    expectCode(() => buildPassiveReply(undefined as never), -40011);
  });
});
