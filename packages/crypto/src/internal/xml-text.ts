/**
 * Text-level XML helpers shared by the reader and the writer: character validity, entity
 * references and escaping. XML 1.0 only; WeCom sends nothing else.
 */

/** Whether `codePoint` is a `Char` of XML 1.0 (§2.2). */
export function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/**
 * Whether every character of `value` can appear in an XML 1.0 document: no control character
 * other than tab, LF and CR, no U+FFFE/U+FFFF, no unpaired surrogate.
 */
export function isXmlText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x20 && code < 0xd800) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return false;
    }
    if (!isXmlChar(code)) return false;
  }
  return true;
}

/**
 * Element names the writer accepts: an ASCII subset of XML `Name` without `:`, which covers every
 * WeCom element. The three names that would touch an object's prototype once parsed are refused
 * (the parser refuses them too).
 */
const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether `name` can be written as an element name and read back unchanged. */
export function isWritableElementName(name: string): boolean {
  return ELEMENT_NAME.test(name) && !RESERVED_NAMES.has(name);
}

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};
const DECIMAL_REFERENCE = /^#[0-9]{1,7}$/;
const HEX_REFERENCE = /^#x[0-9A-Fa-f]{1,6}$/;

function decodeReference(reference: string): string | undefined {
  if (Object.hasOwn(PREDEFINED_ENTITIES, reference)) return PREDEFINED_ENTITIES[reference];
  let codePoint: number;
  if (DECIMAL_REFERENCE.test(reference)) codePoint = Number.parseInt(reference.slice(1), 10);
  else if (HEX_REFERENCE.test(reference)) codePoint = Number.parseInt(reference.slice(2), 16);
  else return undefined;
  return isXmlChar(codePoint) ? String.fromCodePoint(codePoint) : undefined;
}

/**
 * Replaces the predefined entities and character references in character data. Any other
 * reference is an undefined entity (no DOCTYPE can define one here): `undefined` is returned and
 * the caller rejects the document.
 */
export function decodeCharacterData(raw: string): string | undefined {
  let ampersand = raw.indexOf('&');
  if (ampersand === -1) return raw;
  let decoded = '';
  let from = 0;
  while (ampersand !== -1) {
    const semicolon = raw.indexOf(';', ampersand);
    if (semicolon === -1) return undefined;
    const replacement = decodeReference(raw.slice(ampersand + 1, semicolon));
    if (replacement === undefined) return undefined;
    decoded += raw.slice(from, ampersand) + replacement;
    from = semicolon + 1;
    ampersand = raw.indexOf('&', from);
  }
  return decoded + raw.slice(from);
}

/** Escapes character data written outside CDATA. */
export function escapeCharacterData(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Wraps `value` in CDATA. A `]]>` inside would end the section early, so it is split across two
 * sections (`]]` ends the first, `>` starts the second), which a reader joins back.
 */
export function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
