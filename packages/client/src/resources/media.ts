import {
  checkMediaUpload,
  KfEndpoints,
  MEDIA_GET_MAX_RANGE_BYTES,
  MEDIA_UPLOAD_LIMITS,
  type MediaType,
  type MediaUploadResponse,
  mediaFormatOf,
} from '@kf/types';
import {
  KfConnectionError,
  KfInvalidArgumentError,
  KfMediaCheckError,
  KfRangeNotSatisfiableError,
  KfResponseValidationError,
} from '../errors.js';
import { type Core, checkEnvelope, type ReadContext } from '../internal/core.js';
import { specOf } from '../internal/endpoint.js';
import { boundedStream, readBytes, readText } from '../internal/read-body.js';
import type { KfCallOptions } from '../options.js';

/** What `kf.media.upload` sends. */
export interface KfMediaUpload {
  /** 媒体文件类型: `image` (JPG/PNG ≤10 MB), `voice` (AMR ≤2 MB), `video` (MP4 ≤10 MB), `file` (≤20 MB). */
  readonly type: MediaType;
  /**
   * The file's bytes. A stream (a web `ReadableStream` or any async iterable of bytes, such as a
   * Node `Readable` from `fs.createReadStream`) is read into memory first, at most the type's size
   * limit (20 MB for files), so that the `filelength` is known and a retry can resend it.
   */
  readonly media: Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;
  /** The name the customer sees; its extension is checked against the type's formats. */
  readonly filename: string;
  /** The part's content type; default from the extension (`image/png`, `audio/amr`, ...) or the Blob's type. */
  readonly contentType?: string;
}

/** A byte range of `media/get` (inclusive `end`, as in HTTP). */
export interface KfByteRange {
  /** First byte, zero-based. */
  readonly start: number;
  /** Last byte, inclusive; omit for "to the end". At most 20 MB per chunk (830002 otherwise). */
  readonly end?: number;
}

/** Options of `kf.media.get` / `kf.media.getStream`: the call options plus a `Range`. */
export interface KfMediaGetOptions extends KfCallOptions {
  /** Fetch only these bytes (answered with 206 Partial Content). */
  readonly range?: KfByteRange;
}

/** What `media/get` answered, without the body. */
export interface KfMediaInfo {
  /** HTTP status: 200, or 206 for a range. */
  readonly status: number;
  /** `Content-Type` of the file. */
  readonly contentType: string;
  /** The file name from `Content-Disposition`, if any. */
  readonly filename: string | undefined;
  /** `Content-Length` of this response (the chunk, for a range), if given. */
  readonly contentLength: number | undefined;
  /** For a 206: the bytes returned and the file's total size (`Content-Range`). */
  readonly range:
    | { readonly start: number; readonly end: number; readonly total: number | undefined }
    | undefined;
}

/** A downloaded media file. */
export interface KfMediaFile extends KfMediaInfo {
  /** The bytes. */
  readonly data: Uint8Array;
}

/** A media file as a stream. */
export interface KfMediaStream extends KfMediaInfo {
  /** The bytes as they arrive. The call's `timeout` covers only the wait for the headers. */
  readonly body: ReadableStream<Uint8Array>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  amr: 'audio/amr',
  mp4: 'video/mp4',
};

/** `kf.media`: temporary media (临时素材, `/cgi-bin/media/*`). */
export class MediaResource {
  readonly #core: Core;

  /** @internal Created by `KfClient`. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * `POST /cgi-bin/media/upload?type=TYPE` (上传临时素材): `multipart/form-data` with the file in
   * the part `media` (`filename`, `filelength`, `content-type`). The documented size and format
   * limits (`MEDIA_UPLOAD_LIMITS`) are checked first and a violation throws `KfMediaCheckError`
   * without a request. The returned `media_id` is valid for 3 days.
   */
  async upload(upload: KfMediaUpload, options?: KfCallOptions): Promise<MediaUploadResponse> {
    const blob = await toBlob(upload.media, upload.type);
    const extension = checkUpload(upload.type, upload.filename, blob.size);
    const contentType =
      upload.contentType ?? CONTENT_TYPES[extension] ?? (blob.type || 'application/octet-stream');
    const boundary = `----kf-${globalThis.crypto.randomUUID()}`;
    const head =
      `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="media"; filename="${escapeFilename(upload.filename)}"; filelength=${blob.size}\r\n` +
      `Content-Type: ${contentType.replace(/[\r\n]/g, '')}\r\n\r\n`;
    const body = new Blob([head, blob, `\r\n--${boundary}--\r\n`]);
    const definition = KfEndpoints['media.upload'];
    return this.#core.json<MediaUploadResponse>(
      {
        ...specOf('media.upload', { type: upload.type }),
        body: { blob: body, contentType: `multipart/form-data; boundary=${boundary}` },
      },
      options,
      definition.response,
    );
  }

  /**
   * `GET /cgi-bin/media/get?media_id=` (获取临时素材): the whole file (or `options.range`) in memory.
   * A JSON error body throws the matching API error (40007 for an expired or unknown id). At most
   * what the platform sends in one answer is read (`MEDIA_GET_MAX_RANGE_BYTES`, 20 MB, or the
   * asked range's length); a larger body throws `KfResponseTooLargeError`.
   */
  async get(request: { readonly media_id: string }, options?: KfMediaGetOptions): Promise<KfMediaFile> {
    return this.#download(request.media_id, options, async (response, info, context) => ({
      ...info,
      data: await readBytes(response, {
        endpoint: 'media.get',
        url: context.url,
        limit: mediaLimit(info, options?.range),
      }),
    }));
  }

  /**
   * Like {@link MediaResource.get} but returns the body as a stream, for large files: only the
   * headers are awaited (and checked for a JSON error) before it resolves. The stream errors with
   * `KfResponseTooLargeError` past the bound of {@link MediaResource.get}.
   */
  async getStream(
    request: { readonly media_id: string },
    options?: KfMediaGetOptions,
  ): Promise<KfMediaStream> {
    return this.#download(request.media_id, options, async (response, info, context) => {
      if (response.body === null) {
        throw new KfResponseValidationError({
          endpoint: 'media.get',
          issues: [{ path: [], message: 'the response has no body' }],
        });
      }
      return {
        ...info,
        body: boundedStream(response.body, {
          endpoint: 'media.get',
          url: context.url,
          limit: mediaLimit(info, options?.range),
        }),
      };
    });
  }

  #download<T>(
    mediaId: string,
    options: KfMediaGetOptions | undefined,
    finish: (response: Response, info: KfMediaInfo, context: ReadContext) => Promise<T>,
  ): Promise<T> {
    const { range, ...callOptions } = options ?? {};
    const headers = range === undefined ? undefined : { range: rangeHeader(range) };
    const spec = {
      ...specOf('media.get', { media_id: mediaId }),
      ...(headers === undefined ? {} : { headers }),
    };
    return this.#core.execute(spec, callOptions, async (response, context) => {
      if (response.status === 416) {
        // Checked before any JSON error body: the range, not the platform, is at fault.
        await response.body?.cancel();
        throw new KfRangeNotSatisfiableError({ range: range ?? { start: 0 }, total: totalOf(response) });
      }
      const info = readInfo(response);
      if (isJsonError(response, info)) {
        const body = await readJson(response, context);
        checkEnvelope(body, context, this.#core.secrets(), context.info);
        throw new KfResponseValidationError({
          endpoint: 'media.get',
          issues: [{ path: [], message: 'a JSON body without a file and without an error code' }],
        });
      }
      if (!response.ok) {
        await response.body?.cancel();
        const message = `HTTP ${response.status} without a file`;
        if (response.status >= 500)
          throw new KfConnectionError({
            message: `media.get: ${message}`,
            endpoint: 'media.get',
            url: context.url,
          });
        throw new KfResponseValidationError({ endpoint: 'media.get', issues: [{ path: [], message }] });
      }
      return finish(response, info, context);
    });
  }
}

/**
 * The most bytes one `media/get` answer can carry: 20 MB (a larger file answers 830002), or the
 * length of a closed range answered with 206 (a 200 to a range request is the whole file).
 */
function mediaLimit(info: KfMediaInfo, range: KfByteRange | undefined): number {
  if (info.status !== 206 || range?.end === undefined) return MEDIA_GET_MAX_RANGE_BYTES;
  return Math.min(MEDIA_GET_MAX_RANGE_BYTES, Math.max(0, range.end - range.start + 1));
}

async function toBlob(media: KfMediaUpload['media'], type: MediaType): Promise<Blob> {
  if (media instanceof Blob) return media;
  if (isAsyncIterable(media)) return readLimited(media, type);
  if (media instanceof ArrayBuffer) return new Blob([media]);
  if (media instanceof Uint8Array) {
    // Copy into a plain ArrayBuffer: a Buffer may be a view on a larger (or shared) pool.
    const copy = new Uint8Array(media.byteLength);
    copy.set(media);
    return new Blob([copy]);
  }
  throw new KfInvalidArgumentError({
    issues: [
      { path: ['media'], message: 'must be a Blob, a Uint8Array, an ArrayBuffer or a stream of bytes' },
    ],
    subject: 'media.upload arguments',
  });
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Reads a stream into a Blob, stopping (and cancelling it) as soon as it exceeds the type's limit. */
async function readLimited(stream: AsyncIterable<Uint8Array>, type: MediaType): Promise<Blob> {
  const limit = MEDIA_UPLOAD_LIMITS.types[type]?.maxBytes ?? 0;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    if (!(chunk instanceof Uint8Array)) {
      throw new KfInvalidArgumentError({
        issues: [{ path: ['media'], message: 'a stream must yield bytes (Uint8Array or Buffer)' }],
        subject: 'media.upload arguments',
      });
    }
    size += chunk.byteLength;
    if (size > limit) {
      // Leaving the loop cancels the stream: the rest is never read.
      throw new KfMediaCheckError({
        message: `media/upload: a ${type} must be at most ${limit} bytes (the stream is larger)`,
        rule: 'size',
      });
    }
    const copy = new Uint8Array(chunk.byteLength);
    copy.set(chunk);
    chunks.push(copy);
  }
  return new Blob(chunks);
}

/** Checks the upload rules of `@kf/types` (`checkMediaUpload`); returns the file's format. */
function checkUpload(type: MediaType, filename: string, size: number): string {
  if (MEDIA_UPLOAD_LIMITS.types[type] === undefined) {
    throw new KfInvalidArgumentError({
      issues: [{ path: ['type'], message: 'must be one of image, voice, video, file' }],
      subject: 'media.upload arguments',
    });
  }
  if (typeof filename !== 'string' || filename.trim() === '') {
    throw new KfInvalidArgumentError({
      issues: [{ path: ['filename'], message: 'must be a non-empty string' }],
      subject: 'media.upload arguments',
    });
  }
  const violation = checkMediaUpload(type, filename, size);
  switch (violation?.rule) {
    case undefined:
      return mediaFormatOf(filename);
    case 'empty':
    case 'too_small':
      throw new KfMediaCheckError({
        message: `media/upload: a file must be larger than ${MEDIA_UPLOAD_LIMITS.minBytesExclusive} bytes (got ${size})`,
        rule: 'size',
      });
    case 'too_large':
      throw new KfMediaCheckError({
        message: `media/upload: a ${type} must be at most ${violation.maxBytes} bytes (got ${size})`,
        rule: 'size',
      });
    case 'bad_format':
      throw new KfMediaCheckError({
        message: `media/upload: a ${type} must be ${violation.formats.join(' or ').toUpperCase()} (filename extension .${violation.format || '(none)'})`,
        rule: 'format',
      });
  }
}

function escapeFilename(filename: string): string {
  return filename.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function rangeHeader(range: KfByteRange): string {
  const valid =
    Number.isSafeInteger(range.start) &&
    range.start >= 0 &&
    (range.end === undefined || (Number.isSafeInteger(range.end) && range.end >= range.start));
  if (!valid) {
    throw new KfInvalidArgumentError({
      issues: [
        { path: ['range'], message: 'start must be an integer ≥ 0 and end, if given, an integer ≥ start' },
      ],
      subject: 'media.get range',
    });
  }
  return `bytes=${range.start}-${range.end ?? ''}`;
}

function readInfo(response: Response): KfMediaInfo {
  const length = response.headers.get('content-length');
  const contentRange = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    filename: filenameOf(response.headers.get('content-disposition')),
    contentLength: length === null ? undefined : Number(length),
    range:
      contentRange === null
        ? undefined
        : {
            start: Number(contentRange[1]),
            end: Number(contentRange[2]),
            total: contentRange[3] === '*' ? undefined : Number(contentRange[3]),
          },
  };
}

/** The file's size from a 416's `Content-Range: bytes *\/1234`, if given. */
function totalOf(response: Response): number | undefined {
  const match = /^bytes\s+(?:\*|\d+-\d+)\/(\d+)\s*$/i.exec(response.headers.get('content-range') ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * The file name of a `Content-Disposition`: the RFC 6266 / RFC 8187 extended `filename*` first
 * (`filename*=UTF-8''%E6%96%87.txt`, charset case-insensitive, an optional language tag between
 * the quotes; ISO-8859-1 decoded byte by byte), then the plain `filename="..."`.
 */
function filenameOf(disposition: string | null): string | undefined {
  if (disposition === null) return undefined;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([\w!#$%&+^`{}~.-]+)'[^']*'([^;\s]+)/i.exec(disposition);
  const charset = extended?.[1]?.toLowerCase();
  const encoded = extended?.[2];
  if (encoded !== undefined) {
    try {
      if (charset === 'utf-8') return decodeURIComponent(encoded);
      if (charset === 'iso-8859-1') {
        return encoded.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) =>
          String.fromCharCode(Number.parseInt(hex, 16)),
        );
      }
    } catch {
      // A malformed escape: fall back to the plain parameter below.
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
  const quoted = plain?.[1];
  return quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : plain?.[2]?.trim();
}

/**
 * A JSON body without a file name is the platform's error envelope. A downloaded `.json` file
 * comes with `Content-Disposition: attachment; filename=...`, so it is not mistaken for one.
 */
function isJsonError(response: Response, info: KfMediaInfo): boolean {
  const type = info.contentType.toLowerCase();
  if (info.filename === undefined) return type.includes('json') || type.startsWith('text/plain');
  return !response.ok && type.includes('json');
}

async function readJson(response: Response, context: ReadContext): Promise<unknown> {
  const text = await readText(response, {
    endpoint: context.spec.endpoint,
    url: context.url,
    limit: context.maxResponseBytes,
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new KfResponseValidationError({
      endpoint: context.spec.endpoint,
      issues: [
        {
          path: [],
          message: `HTTP ${response.status}: a ${response.headers.get('content-type')} body that is not JSON`,
        },
      ],
    });
  }
}
