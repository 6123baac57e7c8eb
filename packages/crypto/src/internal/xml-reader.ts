import { isUtf8 } from 'node:buffer';
import { KfCryptoError, KfCryptoErrorCode } from '../errors.js';
import { decodeValidUtf8 } from './utf8.js';
import { decodeCharacterData } from './xml-text.js';

/**
 * One element of a parsed callback: its text for a leaf element (CDATA and text joined, entities
 * decoded, nothing trimmed), a record for an element with child elements, or an array, in
 * document order, when the name repeats (`AuthAddOpenKfId` in `kf_account_auth_change`).
 */
export type CallbackXmlValue = string | CallbackXmlRecord | (string | CallbackXmlRecord)[];

/**
 * The child elements of `<xml>` by name. The kf callbacks are flat (every value a string, or a
 * string array for a repeated element); other WeCom callbacks that may reach the same URL nest a
 * few elements, which come back as nested records so that nothing is lost. Attributes and comments
 * are dropped; values are never converted to numbers.
 */
export interface CallbackXmlRecord {
  [name: string]: CallbackXmlValue;
}

/**
 * Elements with content allowed inside one another, the root included: deeper than any WeCom
 * callback, and the bound the reader has always had, so that what `buildCallbackXml` writes reads
 * back. It also bounds this reader's recursion.
 */
const MAX_DEPTH = 33;
const ROOT = 'xml';
const BOM = '\uFEFF';
const CDATA_START = '<![CDATA[';
const COMMENT_START = '<!--';

/**
 * The XML declaration, `<?xml version="1.0" encoding="UTF-8"?>`: pseudo-attributes with the
 * values XML 1.0 allows them (version numbers, encoding names, yes/no), nothing else.
 */
const DECLARATION =
  /<\?xml(?:[ \t\n]+[A-Za-z]+[ \t\n]*=[ \t\n]*(?:"[A-Za-z0-9._:-]*"|'[A-Za-z0-9._:-]*'))*[ \t\n]*\?>/y;

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f; // /
const EQUALS = 0x3d; // =
const QUOTE = 0x22; // "
const APOSTROPHE = 0x27; // '
const BANG = 0x21; // !
const QUESTION = 0x3f; // ?

/**
 * The non-ASCII name characters the reader has always accepted (XML 1.0 `NameStartChar`, Basic
 * Multilingual Plane only); ASCII is decided inline.
 */
function isNameStartOther(code: number): boolean {
  return (
    (code >= 0xc0 && code <= 0xd6) ||
    (code >= 0xd8 && code <= 0xf6) ||
    (code >= 0xf8 && code <= 0x2ff) ||
    (code >= 0x370 && code <= 0x37d) ||
    (code >= 0x37f && code <= 0x1fff) ||
    (code >= 0x200c && code <= 0x200d) ||
    (code >= 0x2070 && code <= 0x218f) ||
    (code >= 0x2c00 && code <= 0x2fef) ||
    (code >= 0x3001 && code <= 0xd7ff) ||
    (code >= 0xf900 && code <= 0xfdcf) ||
    (code >= 0xfdf0 && code <= 0xfffd)
  );
}

function isNameStart(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a;
  }
  return isNameStartOther(code);
}

function isNameChar(code: number): boolean {
  if (code < 0x80) {
    return (
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x30 && code <= 0x39) ||
      code === 0x5f ||
      code === 0x3a ||
      code === 0x2d ||
      code === 0x2e
    );
  }
  return (
    isNameStartOther(code) ||
    code === 0xb7 ||
    (code >= 0x300 && code <= 0x36f) ||
    (code >= 0x203f && code <= 0x2040)
  );
}

function isWhitespaceCode(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

function isXmlWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isWhitespaceCode(text.charCodeAt(i))) return false;
  return true;
}

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
    text = decodeValidUtf8(bytes, 0, bytes.length);
  } else {
    throw parseError(what, 'must be a string or a Uint8Array');
  }
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * The names `Object.prototype` has when this module loads (`__proto__`, `constructor`,
 * `toString`…), checked with a set before an element is added. `name in Object.prototype` on a
 * name freshly sliced from the input was the costliest step of the reader (V8 looks the new string
 * up in its string table); once the name is a property key that lookup is cheap, so `in` still
 * runs after the element is added, for a prototype polluted later.
 */
const RESERVED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Whether `text` holds the characters of `part` at `at` (a short name or literal: compared in place). */
function holdsAt(text: string, at: number, part: string): boolean {
  if (at + part.length > text.length) return false;
  for (let i = 0; i < part.length; i++) if (text.charCodeAt(at + i) !== part.charCodeAt(i)) return false;
  return true;
}

/**
 * Element names read before, in a small direct-mapped table indexed by a hash of their characters.
 * A name sliced afresh from every document cost the reader most of its time: each new string is
 * hashed for the reserved-name check and looked up in V8's string table again when it becomes a
 * property key. A name found here is the same string as last time (already a property key, already
 * checked against {@link RESERVED_NAMES}); a name not found is sliced, checked and stored, replacing
 * whatever held its slot. Bounded whatever the input (a fixed number of slots, names up to
 * {@link CACHED_NAME_MAX} characters), and it changes no result: only which equal string is returned.
 */
const NAME_SLOTS = 256;
const CACHED_NAME_MAX = 64;
const nameSlots: string[] = new Array<string>(NAME_SLOTS).fill('');

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
 * A strict, single-pass reader of exactly the documents a WeCom callback is: an optional XML
 * declaration, comments and whitespace, one `<xml>` root whose elements hold text, CDATA or
 * further elements. Every position is visited a bounded number of times (the searches for `<`,
 * `]]>` and `-->` move forward only), so the work is linear in the input. It reads what the
 * general parser it replaces read; see the differential test for the few malformed inputs that
 * parser let through and this reader refuses.
 */
class Reader {
  readonly #text: string;
  readonly #what: string;
  #at = 0;
  /** The name of the element {@link element} read last. */
  #name = '';

  constructor(text: string, what: string) {
    this.#text = text;
    this.#what = what;
  }

  #fail(problem: string): never {
    throw parseError(this.#what, problem);
  }

  document(): CallbackXmlRecord {
    const text = this.#text;
    // The declaration only at the very start (after the BOM), as XML 1.0 says.
    DECLARATION.lastIndex = 0;
    if (DECLARATION.test(text)) this.#at = DECLARATION.lastIndex;
    this.#misc();
    if (text.charCodeAt(this.#at) !== LT) this.#fail('must have exactly one root element <xml>');
    const content = this.#element(1);
    if (this.#name !== ROOT) this.#fail('must have exactly one root element <xml>');
    this.#misc();
    if (this.#at !== text.length) {
      if (text.charCodeAt(this.#at) === LT) this.#fail('must have exactly one root element <xml>');
      this.#fail('has text outside the root element');
    }
    if (typeof content !== 'string') return content;
    if (isXmlWhitespace(content)) return {};
    return this.#fail('has text directly inside <xml>');
  }

  /** Whitespace and comments, outside the root. */
  #misc(): void {
    const text = this.#text;
    for (;;) {
      this.#skipWhitespace();
      if (text.startsWith('<!--', this.#at)) this.#skipComment();
      else if (text.startsWith('<!', this.#at)) this.#declaration();
      else if (text.startsWith('<?', this.#at)) this.#skipInstruction();
      else return;
    }
  }

  /**
   * Refuses a markup declaration (`<!DOCTYPE`, `<!ENTITY`, …) wherever it stands: no entity can
   * be defined, so none can expand (billion laughs) or point outside (XXE). Every `<` outside
   * CDATA, comments and attribute values reaches one of the reader's checks, so none goes unseen.
   */
  #declaration(): never {
    return this.#fail('contains a DOCTYPE or other markup declaration, which is not accepted');
  }

  /**
   * Skips a processing instruction (`<?target data?>`), which carries nothing a callback needs and
   * which the reader has always skipped. The target must be a name other than `xml` (the
   * declaration belongs at the very start only), followed by `?>` or by whitespace and data.
   */
  #skipInstruction(): void {
    const text = this.#text;
    this.#at += 2;
    const target = this.#readName();
    if (target === '' || target === ROOT) this.#fail('has a misplaced or malformed processing instruction');
    const close = text.startsWith('?>', this.#at);
    if (!close && !this.#skipWhitespace()) this.#fail('has a malformed processing instruction');
    const end = text.indexOf('?>', this.#at);
    if (end === -1) this.#fail('has an unterminated processing instruction');
    this.#at = end + 2;
  }

  #skipComment(): void {
    const end = this.#text.indexOf('-->', this.#at + 4);
    if (end === -1) this.#fail('has an unterminated comment');
    this.#at = end + 3;
  }

  /** Skips XML whitespace; whether there was any. */
  #skipWhitespace(): boolean {
    const text = this.#text;
    const from = this.#at;
    let at = from;
    while (at < text.length && isWhitespaceCode(text.charCodeAt(at))) at++;
    this.#at = at;
    return at !== from;
  }

  /**
   * Reads an element name at the current position, refusing a reserved one; `''` when there is
   * none. Same result as {@link #readName} plus the reserved-name check, through {@link nameSlots}.
   */
  #readElementName(): string {
    const text = this.#text;
    const from = this.#at;
    if (from >= text.length) return '';
    const first = text.charCodeAt(from);
    if (!isNameStart(first)) return '';
    let hash = first;
    let at = from + 1;
    for (; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (!isNameChar(code)) break;
      hash = (Math.imul(hash, 31) + code) | 0;
    }
    this.#at = at;
    const length = at - from;
    const slot = (hash ^ (hash >>> 8) ^ length) & (NAME_SLOTS - 1);
    const known = nameSlots[slot] ?? '';
    if (known.length === length && holdsAt(text, from, known)) return known;
    const name = text.slice(from, at);
    // `__proto__`, `toString`, `hasOwnProperty`…: as own keys they would shadow what callers
    // (and template strings) expect of a plain object. No WeCom element is named like that.
    if (RESERVED_NAMES.has(name)) this.#fail('contains a reserved element name');
    if (length > CACHED_NAME_MAX) return name;
    // The key string of an object is the engine's own (internalized, flat) copy: stored instead
    // of the slice, it compares fast by character and is a property key already.
    const key = Object.keys({ [name]: 0 })[0] ?? name;
    nameSlots[slot] = key;
    return key;
  }

  /** Reads a `Name` at the current position; `''` when there is none. */
  #readName(): string {
    const text = this.#text;
    const from = this.#at;
    if (from >= text.length || !isNameStart(text.charCodeAt(from))) return '';
    let at = from + 1;
    while (at < text.length && isNameChar(text.charCodeAt(at))) at++;
    this.#at = at;
    return text.slice(from, at);
  }

  /**
   * Reads the element whose `<` is at the current position, through its end tag; sets
   * {@link #name} and returns its value.
   */
  #element(depth: number): string | CallbackXmlRecord {
    this.#at++;
    const name = this.#readElementName();
    if (name === '') this.#fail('is not well-formed XML (an invalid element name)');
    if (this.#startTagEnd()) {
      this.#name = name;
      return '';
    }
    // Only elements with content count, as they always have: `<a/>` one level deeper still reads.
    if (depth > MAX_DEPTH) this.#fail(`nests elements deeper than ${MAX_DEPTH} levels`);
    const value = this.#content(name, depth);
    this.#name = name;
    return value;
  }

  /**
   * Reads the attributes (checked, then dropped) and the end of a start tag; whether the tag
   * closed itself (`/>`).
   */
  #startTagEnd(): boolean {
    const text = this.#text;
    let names: Set<string> | undefined;
    for (;;) {
      const spaced = this.#skipWhitespace();
      const code = text.charCodeAt(this.#at);
      if (code === GT) {
        this.#at++;
        return false;
      }
      if (code === SLASH) {
        if (text.charCodeAt(this.#at + 1) !== GT) this.#fail('is not well-formed XML (a broken tag)');
        this.#at += 2;
        return true;
      }
      if (!spaced) this.#fail('is not well-formed XML (a broken tag)');
      const attribute = this.#readName();
      if (attribute === '') this.#fail('is not well-formed XML (an invalid attribute)');
      this.#skipWhitespace();
      if (text.charCodeAt(this.#at) !== EQUALS)
        this.#fail('is not well-formed XML (an attribute without value)');
      this.#at++;
      this.#skipWhitespace();
      const quote = text.charCodeAt(this.#at);
      if (quote !== QUOTE && quote !== APOSTROPHE)
        this.#fail('is not well-formed XML (an unquoted attribute)');
      const end = text.indexOf(quote === QUOTE ? '"' : "'", this.#at + 1);
      if (end === -1) this.#fail('is not well-formed XML (an unterminated attribute)');
      // Refused here too, as it always was; attribute values are otherwise taken as they come.
      if (text.slice(this.#at, end).includes('<!')) this.#declaration();
      this.#at = end + 1;
      names ??= new Set();
      if (names.has(attribute)) this.#fail('is not well-formed XML (a repeated attribute)');
      names.add(attribute);
    }
  }

  /**
   * An element's content through its end tag: its text (CDATA joined, entities decoded) when it
   * has no child element, else a record of its children. Mixed content (text beside child
   * elements) is not part of any WeCom format and is refused rather than silently dropped;
   * whitespace between child elements is layout.
   */
  #content(name: string, depth: number): string | CallbackXmlRecord {
    const text = this.#text;
    let value = '';
    let hasText = false;
    let record: CallbackXmlRecord | undefined;
    for (;;) {
      // Content mostly starts, and text or CDATA mostly ends, right at a `<`: no search then.
      const open = text.charCodeAt(this.#at) === LT ? this.#at : text.indexOf('<', this.#at);
      if (open === -1) this.#fail('is not well-formed XML (an unclosed element)');
      if (open > this.#at) {
        const raw = text.slice(this.#at, open);
        const decoded = decodeCharacterData(raw);
        if (decoded === undefined) this.#fail('contains an undefined entity reference');
        if (!hasText && !isXmlWhitespace(raw)) hasText = true;
        value += decoded;
      }
      this.#at = open;
      const next = text.charCodeAt(open + 1);
      if (next !== SLASH && next !== BANG && next !== QUESTION) {
        const child = this.#element(depth + 1);
        const childName = this.#name;
        record ??= {};
        addField(record, childName, child);
        if (childName in Object.prototype) this.#fail('contains a reserved element name');
      } else if (next === SLASH) {
        // The end tag names this element: compared in place, no slice.
        const after = open + 2 + name.length;
        if (!holdsAt(text, open + 2, name) || isNameChar(text.charCodeAt(after))) {
          this.#fail('is not well-formed XML (mismatched tags)');
        }
        this.#at = after;
        this.#skipWhitespace();
        if (text.charCodeAt(this.#at) !== GT) this.#fail('is not well-formed XML (a broken end tag)');
        this.#at++;
        break;
      } else if (holdsAt(text, open, CDATA_START)) {
        const end = text.indexOf(']]>', open + CDATA_START.length);
        if (end === -1) this.#fail('has an unterminated CDATA section');
        value += text.slice(open + CDATA_START.length, end);
        hasText = true;
        this.#at = end + 3;
      } else if (holdsAt(text, open, COMMENT_START)) {
        this.#skipComment();
      } else if (next === QUESTION) {
        this.#skipInstruction();
      } else {
        this.#declaration();
      }
    }
    if (record === undefined) return value;
    if (hasText) this.#fail('mixes text and child elements in one element');
    return record;
  }
}

/**
 * Parses a WeCom callback XML document (`<xml>…</xml>`) into a record of its child elements.
 * See `parseCallbackXml` for the shape; `what` names the input in error messages, which never
 * quote the input itself.
 */
export function readCallbackXml(input: unknown, maxBytes: number, what: string): CallbackXmlRecord {
  let text = toText(input, maxBytes, what);
  // XML 1.0 §2.11: every line end reads as one LF, in text and CDATA alike.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return new Reader(text, what).document();
}

/** Rejects a `maxBytes` option that is not a positive number. */
export function requireMaxBytes(maxBytes: unknown): number {
  if (typeof maxBytes !== 'number' || Number.isNaN(maxBytes) || maxBytes <= 0) {
    throw new KfCryptoError(KfCryptoErrorCode.ParseXmlError, 'maxBytes must be a positive number of bytes');
  }
  return maxBytes;
}
