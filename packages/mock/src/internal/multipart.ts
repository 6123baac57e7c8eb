import { MEDIA_UPLOAD_ERRCODES } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import { fail } from './api-failure.js';

/** Limits that keep the parser bounded whatever a client sends. */
export interface MultipartLimits {
  /** Most bytes of the whole body; a larger body fails with `oversizeErrcode`. */
  readonly maxBodyBytes: number;
  /** The errcode for a body over `maxBodyBytes` (the upload type's size error). */
  readonly oversizeErrcode: number;
}

/** Most parts read before giving up (41005). */
const MAX_PARTS = 64;
/** Most bytes of one part's header block (41005 beyond). */
const MAX_HEADER_BYTES = 16 * 1024;

/** The file part `media` of a `media/upload` body. */
export interface MediaPart {
  /** The `filename` parameter (`filename*` when given), decoded as UTF-8. */
  readonly filename: string;
  /** The part's `Content-Type`, or `''` when it has none. */
  readonly contentType: string;
  /** The `filelength` parameter the platform asks for, when given. */
  readonly filelength?: number;
  readonly bytes: Uint8Array;
}

const missing = (why: string): never =>
  fail(
    MEDIA_UPLOAD_ERRCODES.missingData,
    `media data missing: ${why} (send multipart/form-data with a file part named "media")`,
  );

/** The `boundary` of a `multipart/form-data` Content-Type, or `undefined`. */
export function boundaryOf(contentType: string | null): string | undefined {
  if (contentType === null || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * Reads the body, failing with `oversizeErrcode` as soon as it is over `maxBodyBytes` (checked
 * against `Content-Length` first, then while reading), so a huge upload is never buffered.
 */
export async function readBounded(request: Request, limits: MultipartLimits): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  const tooLarge = (): never => fail(limits.oversizeErrcode, `upload body over ${limits.maxBodyBytes} bytes`);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) tooLarge();
  if (request.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limits.maxBodyBytes) {
      // Not awaited: on a body MSW has cloned, the cancel promise never settles, and the
      // platform's answer must not wait for the rest of the upload.
      reader.cancel().catch(() => {});
      tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The first index of `needle` in `haystack` at or after `from` (and, when `before` is given,
 * starting before it), or -1.
 */
function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number, before = haystack.length): number {
  const first = needle[0] ?? 0;
  const last = Math.min(haystack.length - needle.length, before - 1);
  for (let i = haystack.indexOf(first, from); i !== -1 && i <= last; i = haystack.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** Splits `a; b="x;y"; c` on the semicolons outside quotes. */
function splitParams(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] ?? '';
    if (quoted && c === '\\' && i + 1 < value.length) {
      current += c + (value[++i] ?? '');
    } else {
      if (c === '"') quoted = !quoted;
      if (c === ';' && !quoted) {
        out.push(current.trim());
        current = '';
      } else current += c;
    }
  }
  out.push(current.trim());
  return out;
}

/**
 * A quoted or bare parameter value. Browsers and `@kf/client` write `"`, CR and LF in a file
 * name as `%22`, `%0D`, `%0A` (the HTML multipart rule); those three are turned back.
 */
function paramValue(raw: string): string {
  if (!raw.startsWith('"')) return raw.trim();
  const inner = raw.slice(1, raw.endsWith('"') && raw.length > 1 ? -1 : undefined);
  return inner.replace(/\\(.)/g, '$1').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

/** RFC 8187 `UTF-8''%E6%96%87.txt`; `undefined` when it is not UTF-8 or not decodable. */
function extValue(raw: string): string | undefined {
  const match = /^utf-8'[^']*'(.*)$/i.exec(raw.trim());
  if (match === null) return undefined;
  try {
    return decodeURIComponent(match[1] ?? '');
  } catch {
    return undefined;
  }
}

/** `form-data; name="media";filename="a.pdf"; filelength=6` as a map of lower-cased parameters. */
function dispositionParams(value: string): Map<string, string> {
  const [type = '', ...params] = splitParams(value);
  const out = new Map<string, string>();
  if (type.toLowerCase() !== 'form-data') return out;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq <= 0) continue;
    out.set(param.slice(0, eq).trim().toLowerCase(), param.slice(eq + 1).trim());
  }
  return out;
}

const decoder = new TextDecoder();
const CRLFCRLF = new TextEncoder().encode('\r\n\r\n');
const LFLF = new TextEncoder().encode('\n\n');

/**
 * Finds the file part `media` of a `multipart/form-data` body (RFC 7578), as `media/upload`
 * takes it: `Content-Disposition: form-data; name="media"; filename="…"; filelength=N` and the
 * part's `Content-Type` (§2.29). Tolerates what real clients send and some parsers refuse: the
 * `filelength` parameter, no space after `;`, raw UTF-8 file names, LF-only line ends. Fails with
 * 41005 when there is no boundary, no part `media` with a file name, or the body is malformed,
 * and with 40006 when `filelength` is not the part's byte length.
 */
export function mediaPartOf(body: Uint8Array, boundary: string): MediaPart {
  const encoder = new TextEncoder();
  const delimiter = encoder.encode(`--${boundary}`);
  let at = indexOf(body, delimiter, 0);
  if (at === -1) return missing('no multipart boundary in the body');
  for (let parts = 0; parts < MAX_PARTS; parts++) {
    at += delimiter.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) break; // "--": the closing delimiter
    while (body[at] === 0x20 || body[at] === 0x09) at++; // transport padding
    if (body[at] === 0x0d) at++;
    if (body[at] !== 0x0a) return missing('malformed multipart delimiter line');
    at++;
    // Searched within the header bound only: searching the whole rest of the body for every part
    // made a body of many small parts and a long filler quadratic (seconds of blocked event loop).
    const headerLimit = at + MAX_HEADER_BYTES + 1;
    const crlf = indexOf(body, CRLFCRLF, at, headerLimit);
    const lf = indexOf(body, LFLF, at, headerLimit);
    const headerEnd = crlf !== -1 && (lf === -1 || crlf < lf) ? crlf : lf;
    if (headerEnd === -1 || headerEnd - at > MAX_HEADER_BYTES) return missing('malformed part headers');
    const contentStart = headerEnd + (headerEnd === crlf ? 4 : 2);
    const headers = new Map<string, string>();
    for (const line of decoder.decode(body.subarray(at, headerEnd)).split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const next = indexOf(body, delimiter, contentStart);
    if (next === -1) return missing('the multipart body has no closing delimiter');
    // The part ends before the CRLF (or LF) that precedes the next delimiter.
    let contentEnd = next;
    if (body[contentEnd - 1] === 0x0a) contentEnd--;
    if (body[contentEnd - 1] === 0x0d) contentEnd--;
    const params = dispositionParams(headers.get('content-disposition') ?? '');
    const name = params.get('name');
    if (name !== undefined && paramValue(name) === 'media') {
      const star = params.get('filename*');
      const plain = params.get('filename');
      const filename =
        (star === undefined ? undefined : extValue(star)) ??
        (plain === undefined ? undefined : paramValue(plain));
      if (filename === undefined) return missing('the part "media" has no filename');
      const bytes = body.slice(contentStart, Math.max(contentStart, contentEnd));
      const lengthParam = params.get('filelength');
      let filelength: number | undefined;
      if (lengthParam !== undefined) {
        const text = paramValue(lengthParam);
        if (!/^\d{1,15}$/.test(text) || Number(text) !== bytes.byteLength) {
          fail(
            KfErrorCode.InvalidFileSize,
            `invalid file size: filelength=${text} but the part has ${bytes.byteLength} bytes`,
          );
        }
        filelength = Number(text);
      }
      return {
        filename,
        contentType: headers.get('content-type') ?? '',
        ...(filelength === undefined ? {} : { filelength }),
        bytes,
      };
    }
    at = next;
  }
  return missing('no file part named "media"');
}
