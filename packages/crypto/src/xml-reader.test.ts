import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectCode, F64, F65_REPEATED, unicodeText } from './__fixtures__/callbacks.js';
import { readCallbackXml as legacyRead } from './__fixtures__/legacy-xml-reader.js';
import { KfCryptoError, KfCryptoErrorCode } from './errors.js';
import { DEFAULT_MAX_XML_BYTES, parseCallbackXml } from './xml.js';

/**
 * The callback reader is a hand-written, single-pass reader. Its oracle is the reader it replaced
 * (fast-xml-parser's validator and parser plus the checks around them, kept as a test fixture):
 * on generated documents both must make the same accept/refuse decision and, when they accept,
 * return the same record. The intended differences are malformed input the old reader let
 * through: see {@link expectSame}.
 */
const SEED = 20260;

type Outcome = { ok: true; value: unknown } | { ok: false; code: number };

function run(read: () => unknown): Outcome {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (!(error instanceof KfCryptoError)) throw error;
    return { ok: false, code: error.errcode };
  }
}

const legacy = (xml: string): Outcome => run(() => legacyRead(xml, DEFAULT_MAX_XML_BYTES, 'the XML'));
const current = (xml: string): Outcome => run(() => parseCallbackXml(xml));

/**
 * Whether `xml` has a `<?` other than a leading, well-formed XML declaration: a processing
 * instruction, or a declaration the old reader skipped over without reading it.
 */
function hasInstruction(xml: string): boolean {
  return xml
    .replace(/^\uFEFF?<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[\w.:-]*"|'[\w.:-]*'))*\s*\?>/, '')
    .includes('<?');
}

/**
 * Whether a tag of `xml` holds a control character or a space that is not XML whitespace (form
 * feed, NBSP, BOM…), which the old reader trimmed away as JavaScript whitespace.
 */
function hasControlInTag(xml: string): boolean {
  for (const tag of xml.match(/<[^<>]*/g) ?? []) {
    for (const char of tag) {
      const code = char.charCodeAt(0);
      if (code < 0x20 ? code !== 0x09 && code !== 0x0a && code !== 0x0d : /\s/.test(char) && char !== ' ') {
        return true;
      }
    }
  }
  return false;
}

/**
 * Both readers agree exactly (same decision, same record, only ever -40002), with two intended
 * exceptions where the new reader refuses what the old one let through: a malformed processing
 * instruction or declaration (which the old reader skipped without reading), and a control
 * character or non-XML space inside a tag. Never the other way round: nothing the old reader
 * refused is accepted now.
 */
function expectSame(xml: string): void {
  const ours = current(xml);
  const theirs = legacy(xml);
  if (!ours.ok) expect(ours.code).toBe(KfCryptoErrorCode.ParseXmlError);
  if (!ours.ok && theirs.ok && (hasInstruction(xml) || hasControlInTag(xml))) return;
  expect({ xml, ...ours }).toStrictEqual({ xml, ...theirs });
}

const NAMES = ['xml', 'A', 'B', 'Encrypt', 'a.b-c_1', 'x:y', '中文', 'toString', '__proto__', '1A', '-A'];

/** Pieces of markup, well-formed and broken, that a generated document is glued from. */
const pieces = fc.oneof(
  fc.constantFrom(...NAMES).map((name) => `<${name}>`),
  fc.constantFrom(...NAMES).map((name) => `</${name}>`),
  fc.constantFrom(...NAMES).map((name) => `<${name}/>`),
  fc.constantFrom(
    '<xml>',
    '</xml>',
    '<xml/>',
    '<A b="1">',
    '<A b=\'1\' c="2">',
    '<A b="1" b="2">',
    '<A b=1>',
    '<A b>',
    '<A b="<&x;>"/>',
    '<A b="1"c="2">',
    '<A / >',
    '</A >',
    '</A b="1">',
    '< A>',
    '<![CDATA[',
    ']]>',
    '<![CDATA[x]]>',
    '<![CDATA[]]>',
    '<![CDATA[ ]]>',
    '<!--',
    '-->',
    '<!-- c -->',
    '<!---->',
    '<!DOCTYPE xml>',
    '&amp;',
    '&lt;',
    '&#x41;',
    '&#65;',
    '&#0;',
    '&#x110000;',
    '&e;',
    '&amp',
    '&',
    ';',
    '<',
    '>',
    '/>',
    '"',
    "'",
    '=',
    'text',
    '1',
    ' ',
    '\n',
    '\r\n',
    '\r',
    '\t',
    '\u00a0',
    '\f',
    '\uFEFF',
    '你',
    '😀',
  ),
);

const PI = fc.constantFrom('<?xml version="1.0"?>', '<?xml?>', '<?pi x?>', '<?xml-stylesheet?>', '<?XML?>');

/** A document shaped like a callback, with one small mutation (or none). */
const shaped = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.tuple(
        fc.constantFrom('A', 'B', 'Encrypt', 'AuthAddOpenKfId'),
        fc.oneof(
          fc.constantFrom('', 'x', ' ', '\n', 'a &amp; b', '&#x597D;'),
          fc.string({ maxLength: 12 }).map((s) => `<![CDATA[${s.replaceAll(']]>', '')}]]>`),
          fc.constantFrom('<C>1</C>', '<C>1</C><C>2</C>', '\n<C/>\n', '<C><D>x</D></C>'),
        ),
      ),
      { maxLength: 6 },
    ),
    fc.constantFrom('', '\n', '<!-- c -->', ' \r\n'),
    fc.option(fc.tuple(fc.nat(), pieces, fc.boolean()), { nil: undefined }),
  )
  .map(([declaration, fields, between, mutation]) => {
    let xml = `${declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}<xml>${fields
      .map(([name, value]) => `${between}<${name}>${value}</${name}>`)
      .join('')}${between}</xml>`;
    if (mutation !== undefined) {
      const [position, piece, replace] = mutation;
      const at = position % (xml.length + 1);
      xml = xml.slice(0, at) + piece + xml.slice(replace ? at + 1 : at);
    }
    return xml;
  });

describe('the callback reader against the reader it replaced (differential, fixed seed)', () => {
  test('callback-shaped documents, each mutated at one place, read the same', () => {
    fc.assert(
      fc.property(shaped, (xml) => expectSame(xml)),
      { seed: SEED, numRuns: 1500 },
    );
  });

  test('markup soup reads the same', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 24 }), (parts) => expectSame(parts.join(''))),
      { seed: SEED, numRuns: 2000 },
    );
  });

  test('arbitrary text reads the same', () => {
    fc.assert(
      fc.property(unicodeText(120), (xml) => expectSame(xml)),
      { seed: SEED, numRuns: 500 },
    );
    for (const xml of ['', '<', '<xml', '<xml/', '<xml>', '</xml>', '<xml></xml', '<?xml', '<?xml ?>']) {
      expectSame(xml);
    }
  });

  test('markup soup with processing instructions reads the same', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, PI), { maxLength: 20 }), (parts) => expectSame(parts.join(''))),
      { seed: SEED, numRuns: 1500 },
    );
  });

  test('the fixtures and the nesting bound read the same', () => {
    expectSame(F64);
    expectSame(F65_REPEATED);
    for (let depth = 28; depth <= 36; depth++) {
      expectSame(`<xml>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</xml>`);
      expectSame(`<xml>${'<a>'.repeat(depth)}<b/>${'</a>'.repeat(depth)}</xml>`);
    }
  });
});

describe('the callback reader', () => {
  test.each([
    ['an XML declaration inside the root', '<xml><?xml version="1.0"?></xml>'],
    ['a processing instruction without a target', '<xml><? x?></xml>'],
    ['a declaration after whitespace', ' <?xml version="1.0"?><xml/>'],
    ['a declaration after a comment', '<!-- c --><?xml version="1.0"?><xml/>'],
    ['an unterminated declaration', '<?xml version="1.0"<xml/>'],
    ['a declaration with markup in it', '<?xml version="<xml/>"?><xml/>'],
    ['a form feed inside a tag', '<xml\f><A>1</A></xml>'],
    ['a BOM inside an end tag', '<xml></xml\uFEFF>'],
  ])('refuses %s as -40002', (_case, xml) => {
    expectCode(() => parseCallbackXml(xml), KfCryptoErrorCode.ParseXmlError);
  });

  test('skips processing instructions before, inside and after the root, as it always has', () => {
    expect(parseCallbackXml('<?pi x?><xml><?pi data?><A>1</A></xml><?pi?>')).toEqual({ A: '1' });
    expect(parseCallbackXml('<?XML version="1.0"?><xml><A><?pi?>1</A></xml>')).toEqual({ A: '1' });
  });

  test('accepts the leading XML declaration, with or without a BOM before it', () => {
    expect(parseCallbackXml('<?xml version="1.0" encoding="UTF-8"?><xml><A>1</A></xml>')).toEqual({ A: '1' });
    expect(parseCallbackXml('\uFEFF<?xml version="1.0"?>\n<xml><A>1</A></xml>')).toEqual({ A: '1' });
  });

  test('reads line ends as LF in text and CDATA, as XML 1.0 says', () => {
    expect(parseCallbackXml('<xml><A>a\r\nb\rc</A><B><![CDATA[d\r\ne]]></B></xml>')).toEqual({
      A: 'a\nb\nc',
      B: 'd\ne',
    });
  });

  test('stays linear on adversarial bodies just under the size limit', () => {
    // Outcome only (no timing): each of these once cost a general parser real work.
    const under = DEFAULT_MAX_XML_BYTES - 64;
    const bodies = [
      `<xml>${'<a>'.repeat(under / 3)}</xml>`,
      `<xml><A${' b="c"'.repeat(under / 6)}/></xml>`,
      `<xml>${'<A/>'.repeat(under / 4)}</xml>`,
      `<xml><A>${'&amp;'.repeat(under / 5)}</A></xml>`,
      `<xml>${'<!---->'.repeat(under / 7)}</xml>`,
      `<xml><A>${'<'.repeat(under / 2)}</A></xml>`,
    ];
    for (const body of bodies) {
      const outcome = current(body);
      if (!outcome.ok) expect(outcome.code).toBe(KfCryptoErrorCode.ParseXmlError);
    }
    expect(current(`<xml>${'<A/>'.repeat(under / 4)}</xml>`)).toMatchObject({ ok: true });
  });
});

describe('the reader keeps element names it has read before (a bounded table)', () => {
  test('thousands of distinct names, colliding slots and same-length names all read back exactly', () => {
    // More names than slots, so slots are replaced over and over; pairs of the same length that
    // differ in one character; names past the cached length.
    const names: string[] = [];
    for (let i = 0; i < 3000; i++) names.push(`N${i.toString(36)}`, `M${i.toString(36)}`);
    names.push('a'.repeat(64), `${'a'.repeat(63)}b`, 'a'.repeat(65), 'x'.repeat(300));
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < names.length; i += 3) {
        const group = names.slice(i, i + 3);
        const xml = `<xml>${group.map((name, j) => `<${name}>${i + j}</${name}>`).join('')}</xml>`;
        const expected: Record<string, string> = {};
        group.forEach((name, j) => {
          expected[name] = String(i + j);
        });
        expect(parseCallbackXml(xml)).toStrictEqual(expected);
      }
    }
  });

  test('a reserved name is refused on every read, before and after the table is full', () => {
    for (let i = 0; i < 600; i++) parseCallbackXml(`<xml><E${i}>v</E${i}></xml>`);
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      for (let i = 0; i < 3; i++) {
        expectCode(
          () => parseCallbackXml(`<xml><${name}>v</${name}></xml>`),
          KfCryptoErrorCode.ParseXmlError,
        );
      }
    }
  });

  test('an end tag must still match a cached name exactly', () => {
    parseCallbackXml('<xml><MsgType>a</MsgType></xml>');
    for (const xml of [
      '<xml><MsgType>a</MsgTypf></xml>',
      '<xml><MsgType>a</MsgTyp></xml>',
      '<xml><MsgType>a</MsgTypeX></xml>',
      '<xml><MsgTypf>a</MsgType></xml>',
    ]) {
      expectCode(() => parseCallbackXml(xml), KfCryptoErrorCode.ParseXmlError);
    }
  });
});
