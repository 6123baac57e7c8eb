import { isUtf8 } from 'node:buffer';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { KfCryptoError, KfCryptoErrorCode } from '../errors.js';
import { decodeCharacterData } from '../internal/xml-text.js';
import type { CallbackXmlRecord } from '../xml.js';

const TEXT = '#text';
const CDATA = '#cdata';
/** Deeper than any WeCom callback; bounds the parser's stack and this module's recursion. */
const MAX_DEPTH = 32;
const ROOT = 'xml';
const BOM = '\uFEFF';

/**
 * Values stay strings (no number parsing), entities are left alone (decoded here, predefined ones
 * only), CDATA and text stay apart so that only text is entity-decoded, and document order is
 * kept so that repeated and nested elements can be told apart.
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  textNodeName: TEXT,
  cdataPropName: CDATA,
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
  // Names are kept verbatim; the records below are built with own properties only, and the reader
  // refuses every name that `Object.prototype` has (`__proto__`, `constructor`, `toString`…).
  onDangerousProperty: (name) => name,
});

function parseError(what: string, problem: string): KfCryptoError {
  return new KfCryptoError(KfCryptoErrorCode.ParseXmlError, `${what} ${problem}`);
}

/** Whether `text` takes more than `maxBytes` bytes as UTF-8; counts only when the cheap bounds cannot decide. */
function exceedsBytes(text: string, maxBytes: number): boolean {
  // A UTF-16 code unit takes 1 to 3 UTF-8 bytes.
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text, 'utf8') > maxBytes;
}

function toText(input: unknown, maxBytes: number, what: string): string {
  let text: string;
  if (typeof input === 'string') {
    if (exceedsBytes(input, maxBytes)) throw parseError(what, `is larger than ${maxBytes} bytes`);
    text = input;
  } else if (input instanceof Uint8Array) {
    if (input.length > maxBytes) throw parseError(what, `is larger than ${maxBytes} bytes`);
    const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    if (!isUtf8(bytes)) throw parseError(what, 'is not valid UTF-8');
    text = bytes.toString('utf8');
  } else {
    throw parseError(what, 'must be a string or a Uint8Array');
  }
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * Refuses any markup declaration (`<!DOCTYPE`, `<!ENTITY`, …) before the parser sees it: no
 * entity can be defined, so none can expand (billion laughs) or point outside (XXE). Comments and
 * CDATA are skipped so that text such as `<![CDATA[<!DOCTYPE]]>` stays allowed. A `<!` inside a
 * processing instruction or attribute is refused too, which costs nothing real.
 */
function rejectDeclarations(text: string, what: string): void {
  let at = text.indexOf('<!');
  while (at !== -1) {
    let end: number;
    if (text.startsWith('<![CDATA[', at)) {
      end = text.indexOf(']]>', at + 9);
      if (end === -1) throw parseError(what, 'has an unterminated CDATA section');
      end += 3;
    } else if (text.startsWith('<!--', at)) {
      end = text.indexOf('-->', at + 4);
      if (end === -1) throw parseError(what, 'has an unterminated comment');
      end += 3;
    } else {
      throw parseError(what, 'contains a DOCTYPE or other markup declaration, which is not accepted');
    }
    at = text.indexOf('<!', end);
  }
}

function endsWithMarkup(text: string): boolean {
  let end = text.length - 1;
  while (end >= 0 && isXmlWhitespace(text.charAt(end))) end--;
  return text.charAt(end) === '>';
}

type OrderedNode = Record<string, unknown>;

function isNode(value: unknown): value is OrderedNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isXmlWhitespace(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}

function cdataText(content: unknown, what: string): string {
  if (!Array.isArray(content)) throw parseError(what, 'could not be read (unexpected CDATA node)');
  let text = '';
  for (const piece of content) {
    const value = isNode(piece) ? piece[TEXT] : undefined;
    if (typeof value !== 'string') throw parseError(what, 'could not be read (unexpected CDATA node)');
    text += value;
  }
  return text;
}

function addField(record: CallbackXmlRecord, name: string, value: string | CallbackXmlRecord): void {
  if (!Object.hasOwn(record, name)) {
    record[name] = value;
    return;
  }
  const existing = record[name];
  if (Array.isArray(existing)) existing.push(value);
  else if (existing !== undefined) record[name] = [existing, value];
}

/**
 * An element's content: its text (CDATA joined, entities decoded) when it has no child element,
 * else a record of its children. Mixed content (text beside child elements) is not part of any
 * WeCom format and is refused rather than silently dropped.
 */
function readContent(children: unknown, what: string): string | CallbackXmlRecord {
  if (!Array.isArray(children)) throw parseError(what, 'could not be read (unexpected node)');
  let text = '';
  let hasText = false;
  let record: CallbackXmlRecord | undefined;
  for (const child of children) {
    if (!isNode(child)) throw parseError(what, 'could not be read (unexpected node)');
    for (const name of Object.keys(child)) {
      const content = child[name];
      if (name === TEXT) {
        if (typeof content !== 'string') throw parseError(what, 'could not be read (unexpected text node)');
        const decoded = decodeCharacterData(content);
        if (decoded === undefined) throw parseError(what, 'contains an undefined entity reference');
        if (!isXmlWhitespace(content)) hasText = true;
        text += decoded;
      } else if (name === CDATA) {
        text += cdataText(content, what);
        hasText = true;
      } else if (name in Object.prototype) {
        // `__proto__`, `toString`, `hasOwnProperty`…: as own keys they would shadow what callers
        // (and template strings) expect of a plain object. No WeCom element is named like that.
        throw parseError(what, 'contains a reserved element name');
      } else if (name !== ':@') {
        record ??= {};
        addField(record, name, readContent(content, what));
      }
    }
  }
  if (record === undefined) return text;
  if (hasText) throw parseError(what, 'mixes text and child elements in one element');
  return record;
}

/**
 * Parses a WeCom callback XML document (`<xml>…</xml>`) into a record of its child elements.
 * See {@link parseCallbackXml} for the shape; `what` names the input in error messages, which
 * never quote the input itself.
 */
export function readCallbackXml(input: unknown, maxBytes: number, what: string): CallbackXmlRecord {
  const text = toText(input, maxBytes, what);
  rejectDeclarations(text, what);
  // The validator misses text after a self-closing root (`<xml/>junk`), which the parser drops.
  if (!endsWithMarkup(text)) throw parseError(what, 'does not end with markup');
  let nodes: unknown;
  try {
    const validation = XMLValidator.validate(text);
    if (validation !== true) {
      const { code, line, col } = validation.err;
      throw parseError(what, `is not well-formed XML (${code} at line ${line}, column ${col})`);
    }
    nodes = parser.parse(text);
  } catch (error) {
    if (error instanceof KfCryptoError) throw error;
    // The parser's own message may quote element names from the input: not kept.
    throw parseError(what, 'could not be parsed as XML');
  }
  if (!Array.isArray(nodes)) throw parseError(what, 'could not be parsed as XML');
  let root: unknown;
  let elements = 0;
  for (const node of nodes) {
    if (!isNode(node)) throw parseError(what, 'could not be parsed as XML');
    for (const name of Object.keys(node)) {
      if (name === ':@') continue;
      if (name === TEXT) {
        const outside = node[name];
        if (typeof outside !== 'string' || !isXmlWhitespace(outside)) {
          throw parseError(what, 'has text outside the root element');
        }
        continue;
      }
      elements++;
      if (name === ROOT) root = node[name];
    }
  }
  if (elements !== 1 || root === undefined)
    throw parseError(what, 'must have exactly one root element <xml>');
  const content = readContent(root, what);
  if (typeof content !== 'string') return content;
  if (isXmlWhitespace(content)) return {};
  throw parseError(what, 'has text directly inside <xml>');
}

/** Rejects a `maxBytes` option that is not a positive number. */
export function requireMaxBytes(maxBytes: unknown): number {
  if (typeof maxBytes !== 'number' || Number.isNaN(maxBytes) || maxBytes <= 0) {
    throw new KfCryptoError(KfCryptoErrorCode.ParseXmlError, 'maxBytes must be a positive number of bytes');
  }
  return maxBytes;
}
