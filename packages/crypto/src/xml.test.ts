import { describe, expect, test } from 'vitest';
import { F64_FIELDS } from '../../types/src/__fixtures__/callbacks.js';
import { expectCode, F64, F65_REPEATED } from './__fixtures__/callbacks.js';
import { KfCryptoErrorCode } from './errors.js';
import { buildCallbackXml, type CallbackXmlInput, DEFAULT_MAX_XML_BYTES, parseCallbackXml } from './xml.js';

describe('parseCallbackXml', () => {
  test('reads the F-64 kf_msg_or_event callback into strings, CDATA and plain text alike', () => {
    expect(parseCallbackXml(F64)).toStrictEqual(F64_FIELDS);
  });

  test('keeps numbers as strings, leading zeros and all', () => {
    expect(parseCallbackXml('<xml><CreateTime>0012</CreateTime><AgentID>1e3</AgentID></xml>')).toEqual({
      CreateTime: '0012',
      AgentID: '1e3',
    });
  });

  test('returns a repeated element as an array in document order (kf_account_auth_change)', () => {
    expect(parseCallbackXml(F65_REPEATED)).toStrictEqual({
      ToUserName: 'toUser',
      FromUserName: 'sys',
      CreateTime: '1348831860',
      MsgType: 'event',
      Event: 'kf_account_auth_change',
      AuthAddOpenKfId: ['wkxxxx1', 'wkxxxx3'],
      AuthDelOpenKfId: 'wkxxxx2',
    });
  });

  test('keeps CDATA content verbatim: whitespace, markup, entities, and a split "]]>"', () => {
    const xml = '<xml><A><![CDATA[  <b>&amp;</b>\n]]></A><B><![CDATA[x]]]]><![CDATA[>y]]></B></xml>';
    expect(parseCallbackXml(xml)).toEqual({ A: '  <b>&amp;</b>\n', B: 'x]]>y' });
  });

  test('decodes the predefined entities and character references in text, nothing else', () => {
    const xml = '<xml><A>a &lt;b&gt; &amp; &quot;c&apos; &#20320;&#x597D; &#x1F600;</A></xml>';
    expect(parseCallbackXml(xml)).toEqual({ A: 'a <b> & "c\' 你好 😀' });
    expectCode(() => parseCallbackXml('<xml><A>&nbsp;</A></xml>'), KfCryptoErrorCode.ParseXmlError);
    expectCode(() => parseCallbackXml('<xml><A>&#0;</A></xml>'), KfCryptoErrorCode.ParseXmlError);
    expectCode(() => parseCallbackXml('<xml><A>&#xD800;</A></xml>'), KfCryptoErrorCode.ParseXmlError);
  });

  test('reads empty and self-closing elements as empty strings', () => {
    expect(parseCallbackXml('<xml><A/><B></B><C><![CDATA[]]></C></xml>')).toEqual({ A: '', B: '', C: '' });
    expect(parseCallbackXml('<xml></xml>')).toEqual({});
    expect(parseCallbackXml('<xml/>')).toEqual({});
  });

  test('returns nested elements as nested records, so other WeCom events lose nothing', () => {
    const xml =
      '<xml><Event><![CDATA[scancode_push]]></Event><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>1</ScanResult></ScanCodeInfo>' +
      '<Item><Id>1</Id></Item><Item><Id>2</Id></Item></xml>';
    expect(parseCallbackXml(xml)).toEqual({
      Event: 'scancode_push',
      ScanCodeInfo: { ScanType: 'qrcode', ScanResult: '1' },
      Item: [{ Id: '1' }, { Id: '2' }],
    });
  });

  test('accepts an XML declaration, a BOM, comments, attributes and CRLF line ends', () => {
    const xml =
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<xml>\r\n<!-- note --><A id="1">x</A>\r\n</xml>\r\n';
    expect(parseCallbackXml(xml)).toEqual({ A: 'x' });
  });

  test.each(['toString', 'hasOwnProperty', 'valueOf', 'constructor'])(
    'refuses the element name %s, which would shadow Object.prototype for callers (-40002)',
    (name) => {
      expectCode(() => parseCallbackXml(`<xml><${name}>a</${name}></xml>`), KfCryptoErrorCode.ParseXmlError);
      expectCode(
        () => parseCallbackXml(`<xml><A><${name}>a</${name}></A></xml>`),
        KfCryptoErrorCode.ParseXmlError,
      );
    },
  );

  test('builds plain objects: a parsed record prints and serializes as usual', () => {
    const fields = parseCallbackXml('<xml><ToUserName>ww1</ToUserName></xml>');
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(`${fields}`).toBe('[object Object]');
  });

  test('accepts UTF-8 bytes as well as text', () => {
    const bytes = new TextEncoder().encode('<xml><A><![CDATA[你好]]></A></xml>');
    expect(parseCallbackXml(bytes)).toEqual({ A: '你好' });
    expect(parseCallbackXml(Buffer.from(bytes))).toEqual({ A: '你好' });
    expectCode(() => parseCallbackXml(new Uint8Array([0x3c, 0x78, 0xff])), KfCryptoErrorCode.ParseXmlError);
  });

  test.each([
    ['an empty document', ''],
    ['plain text', 'hello'],
    ['JSON', '{"Encrypt":"x"}'],
    ['another root element', '<root><A>1</A></root>'],
    ['two root elements', '<xml></xml><xml/>'],
    ['an unclosed element', '<xml><A>1</xml>'],
    ['mismatched tags', '<xml><A>1</B></xml>'],
    ['text after the root', '<xml/>junk'],
    ['text directly in the root', '<xml>text</xml>'],
    ['mixed content', '<xml><A>text<B>1</B></A></xml>'],
    ['a bare ampersand', '<xml><A>a & b</A></xml>'],
    ['an unterminated CDATA section', '<xml><A><![CDATA[x</A></xml>'],
    ['an unterminated comment', '<xml><!-- x</xml>'],
    ['a reserved element name', '<xml><__proto__>x</__proto__></xml>'],
    ['a "constructor" element', '<xml><constructor>x</constructor></xml>'],
  ])('rejects %s as -40002', (_case, xml) => {
    expectCode(() => parseCallbackXml(xml), KfCryptoErrorCode.ParseXmlError);
  });

  test.each([
    ['an internal DOCTYPE', '<!DOCTYPE xml [<!ENTITY a "b">]><xml><A>&a;</A></xml>'],
    [
      'an external entity (XXE)',
      '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><A>&x;</A></xml>',
    ],
    ['a DOCTYPE without entities', '<!DOCTYPE xml><xml/>'],
    ['a lowercase doctype', '<!doctype xml><xml/>'],
    ['an ENTITY declaration inside the root', '<xml><!ENTITY a "b"><A/></xml>'],
    ['a DOCTYPE after a comment', '<!-- c --><!DOCTYPE xml><xml/>'],
    ['a DOCTYPE after a CDATA section', '<xml><A><![CDATA[x]]></A></xml><!DOCTYPE x>'],
  ])('rejects %s outright as -40002', (_case, xml) => {
    const error = expectCode(() => parseCallbackXml(xml), KfCryptoErrorCode.ParseXmlError);
    expect(error.message).toContain('DOCTYPE');
  });

  test('still accepts "<!DOCTYPE" as CDATA or comment text', () => {
    expect(parseCallbackXml('<xml><!-- <!DOCTYPE --><A><![CDATA[<!DOCTYPE x>]]></A></xml>')).toEqual({
      A: '<!DOCTYPE x>',
    });
  });

  test('refuses input over maxBytes before parsing, counting UTF-8 bytes', () => {
    const xml = `<xml><A><![CDATA[${'你'.repeat(100)}]]></A></xml>`;
    const bytes = Buffer.byteLength(xml);
    expect(parseCallbackXml(xml, { maxBytes: bytes })).toEqual({ A: '你'.repeat(100) });
    const error = expectCode(
      () => parseCallbackXml(xml, { maxBytes: bytes - 1 }),
      KfCryptoErrorCode.ParseXmlError,
    );
    expect(error.message).toContain(`larger than ${bytes - 1} bytes`);
    expectCode(() => parseCallbackXml(Buffer.from(xml), { maxBytes: bytes - 1 }), -40002);
    expect(DEFAULT_MAX_XML_BYTES).toBe(64 * 1024);
  });

  test('rejects a maxBytes that is not a positive number as -40002', () => {
    for (const maxBytes of [0, -1, Number.NaN, '10']) {
      expectCode(() => parseCallbackXml('<xml/>', { maxBytes: maxBytes as number }), -40002);
    }
  });

  test('refuses nesting deeper than 32 levels as -40002', () => {
    const nested = (depth: number) => `<xml>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</xml>`;
    expect(parseCallbackXml(nested(20))).toBeTypeOf('object');
    expectCode(() => parseCallbackXml(nested(40)), KfCryptoErrorCode.ParseXmlError);
  });

  test('never quotes the input in its messages', () => {
    const error = expectCode(
      () => parseCallbackXml('<xml><SecretTag>SecretValue</OtherTag></xml>'),
      KfCryptoErrorCode.ParseXmlError,
    );
    expect(error.message).not.toMatch(/Secret|OtherTag/);
  });

  test.each([undefined, null, 42, {}, ['<xml/>']])('rejects %o as -40002', (value) => {
    expectCode(() => parseCallbackXml(value as unknown as string), KfCryptoErrorCode.ParseXmlError);
  });
});

describe('buildCallbackXml', () => {
  test('writes F-64 exactly: strings in CDATA, numbers as plain text, one element per line', () => {
    expect(buildCallbackXml({ ...F64_FIELDS, CreateTime: 1348831860 })).toBe(F64);
  });

  test('splits "]]>" across CDATA sections so that the value reads back unchanged', () => {
    const xml = buildCallbackXml({ A: 'a]]>b]]>', B: ']]]>>' });
    expect(xml).toBe(
      '<xml>\n<A><![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]></A>\n<B><![CDATA[]]]]]><![CDATA[>>]]></B>\n</xml>',
    );
    expect(parseCallbackXml(xml)).toEqual({ A: 'a]]>b]]>', B: ']]]>>' });
  });

  test('writes arrays as repeated elements and objects as nested elements, skipping undefined', () => {
    const xml = buildCallbackXml({
      AuthAddOpenKfId: ['wk1', 'wk2'],
      Info: { Id: 7, Name: 'n' },
      Missing: undefined,
      Empty: [],
    });
    expect(xml).toBe(
      '<xml>\n<AuthAddOpenKfId><![CDATA[wk1]]></AuthAddOpenKfId>\n<AuthAddOpenKfId><![CDATA[wk2]]></AuthAddOpenKfId>\n' +
        '<Info>\n<Id>7</Id>\n<Name><![CDATA[n]]></Name>\n</Info>\n</xml>',
    );
    expect(parseCallbackXml(xml)).toEqual({ AuthAddOpenKfId: ['wk1', 'wk2'], Info: { Id: '7', Name: 'n' } });
  });

  test.each([
    ['an invalid element name', { 'a b': 'x' }],
    ['an element name starting with a digit', { '1A': 'x' }],
    ['a "__proto__" element name', JSON.parse('{"__proto__":"x"}')],
    ['a control character', { A: 'a\u0001b' }],
    ['an unpaired surrogate', { A: 'a\uD800' }],
    ['U+FFFF', { A: '\uFFFF' }],
    ['NaN', { A: Number.NaN }],
    ['Infinity', { A: Number.POSITIVE_INFINITY }],
    ['a boolean', { A: true }],
    ['null', { A: null }],
    ['a nested array', { A: [['x']] }],
    ['a Date', { A: new Date(0) }],
    ['a bigint', { A: 1n }],
  ])('rejects %s as -40011', (_case, fields) => {
    expectCode(() => buildCallbackXml(fields as never), KfCryptoErrorCode.GenReturnXmlError);
  });

  test('writes up to 30 nested levels, all of which read back', () => {
    const nest = (levels: number) => {
      let fields: CallbackXmlInput = { Leaf: 'x' };
      for (let i = 1; i < levels; i++) fields = { Nested: fields };
      return fields;
    };
    expect(parseCallbackXml(buildCallbackXml(nest(30)))).toBeTypeOf('object');
    expectCode(() => buildCallbackXml(nest(31)), KfCryptoErrorCode.GenReturnXmlError);
  });

  test('rejects a cycle or deep nesting as -40011 instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.Self = cyclic;
    expectCode(() => buildCallbackXml(cyclic as never), KfCryptoErrorCode.GenReturnXmlError);
  });

  test.each([undefined, null, 'x', [], new Map()])('rejects %o instead of fields as -40011', (value) => {
    expectCode(() => buildCallbackXml(value as never), KfCryptoErrorCode.GenReturnXmlError);
  });
});
