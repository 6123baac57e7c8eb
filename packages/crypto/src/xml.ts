import { KfCryptoError, KfCryptoErrorCode } from './errors.js';
import { type CallbackXmlRecord, readCallbackXml, requireMaxBytes } from './internal/xml-reader.js';
import { cdata, isWritableElementName, isXmlText } from './internal/xml-text.js';

/**
 * The default `maxBytes` of the XML readers: 64 KiB. Real callbacks are a few hundred bytes; the
 * envelope must be parsed before its signature can be checked, so the bound caps what an
 * unauthenticated sender can make us parse.
 */
export const DEFAULT_MAX_XML_BYTES = 64 * 1024;

export type { CallbackXmlRecord, CallbackXmlValue } from './internal/xml-reader.js';

/** Options of {@link parseCallbackXml}. */
export interface ParseCallbackXmlOptions {
  /**
   * Larger input is refused with −40002 before any parsing, which bounds the work an attacker can
   * cause. UTF-8 bytes; default {@link DEFAULT_MAX_XML_BYTES}.
   */
  readonly maxBytes?: number;
}

/**
 * Parses a callback XML document: the encrypted envelope, or the decrypted plaintext. The root
 * must be `<xml>`. The input must be well-formed XML 1.0 in UTF-8; a DOCTYPE or any other markup
 * declaration is refused outright, so no entity is ever defined or expanded; only the five
 * predefined entities and character references are decoded. Attributes, comments and processing
 * instructions are read and dropped.
 *
 * @example
 * ```ts
 * parseCallbackXml('<xml><MsgType><![CDATA[event]]></MsgType><CreateTime>1348831860</CreateTime></xml>');
 * // → { MsgType: 'event', CreateTime: '1348831860' }
 * ```
 * @throws {@link KfCryptoError} −40002 (ParseXmlError) for anything that is not such a document,
 *   including input over `maxBytes` and input that is neither a string nor a `Uint8Array`.
 */
export function parseCallbackXml(
  xml: string | Uint8Array,
  options: ParseCallbackXmlOptions = {},
): CallbackXmlRecord {
  return readCallbackXml(xml, requireMaxBytes(options.maxBytes ?? DEFAULT_MAX_XML_BYTES), 'the XML');
}

/** A value {@link buildCallbackXml} can write; `undefined` leaves the element out. */
export type CallbackXmlInputValue =
  | string
  | number
  | CallbackXmlInput
  | readonly (string | number | CallbackXmlInput)[]
  | undefined;

/** The child elements to write inside `<xml>`, in property order. */
export interface CallbackXmlInput {
  readonly [name: string]: CallbackXmlInputValue;
}

/** Below the reader's bound of 32 (the root counts too): what is written can be read back. */
const MAX_WRITE_DEPTH = 30;

function buildError(problem: string): KfCryptoError {
  return new KfCryptoError(KfCryptoErrorCode.GenReturnXmlError, problem);
}

function isPlainObject(value: unknown): value is CallbackXmlInput {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function writeElement(name: string, value: unknown, depth: number, out: string[]): void {
  if (typeof value === 'string') {
    if (!isXmlText(value)) throw buildError(`the value of <${name}> contains a character XML cannot carry`);
    out.push(`<${name}>${cdata(value)}</${name}>\n`);
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw buildError(`the value of <${name}> is not a finite number`);
    out.push(`<${name}>${value}</${name}>\n`);
  } else if (isPlainObject(value)) {
    out.push(`<${name}>\n`);
    writeChildren(value, depth + 1, out);
    out.push(`</${name}>\n`);
  } else {
    throw buildError(
      `the value of <${name}> must be a string, a finite number, an object or an array of those`,
    );
  }
}

function writeChildren(fields: CallbackXmlInput, depth: number, out: string[]): void {
  if (depth > MAX_WRITE_DEPTH) throw buildError(`elements nest deeper than ${MAX_WRITE_DEPTH} levels`);
  for (const name of Object.keys(fields)) {
    const value = fields[name];
    if (value === undefined) continue;
    if (!isWritableElementName(name))
      throw buildError(`"${name.slice(0, 64)}" is not an accepted element name`);
    if (Array.isArray(value)) {
      for (const item of value) {
        if (Array.isArray(item)) throw buildError(`<${name}> holds an array inside an array`);
        writeElement(name, item, depth, out);
      }
    } else {
      writeElement(name, value, depth, out);
    }
  }
}

/**
 * Writes a plaintext callback the way WeCom does (F-64): `<xml>` with one child per property,
 * strings in CDATA (a `]]>` inside is split across two sections), numbers as plain text, nested
 * objects as nested elements, arrays as repeated elements, one element per line.
 * {@link parseCallbackXml} reads the result back to the same strings.
 *
 * @example
 * ```ts
 * buildCallbackXml({ ToUserName: 'ww12345678910', CreateTime: 1348831860, MsgType: 'event' });
 * // '<xml>\n<ToUserName><![CDATA[ww12345678910]]></ToUserName>\n<CreateTime>1348831860</CreateTime>\n…</xml>'
 * ```
 * @throws {@link KfCryptoError} −40011 (GenReturnXmlError) for an element name outside
 *   `[A-Za-z_][A-Za-z0-9_.-]*`, a string with a character XML 1.0 cannot carry (control
 *   characters, unpaired surrogates), a non-finite number, or any other kind of value.
 */
export function buildCallbackXml(fields: CallbackXmlInput): string {
  if (!isPlainObject(fields)) throw buildError('the fields must be a plain object');
  const out = ['<xml>\n'];
  writeChildren(fields, 1, out);
  out.push('</xml>');
  return out.join('');
}
