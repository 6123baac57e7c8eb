import type { MediaType, MediaUploadViolation } from '@kf/types';
import {
  checkMediaUpload,
  MEDIA_GET_MAX_RANGE_BYTES,
  MEDIA_UPLOAD_ERRCODES,
  MEDIA_UPLOAD_LIMITS,
} from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import type { HttpHandler } from 'msw';
import { HttpResponse } from 'msw';
import { fail } from '../internal/api-failure.js';
import { storeMedia, usableMedia } from '../internal/media.js';
import type { MediaPart, MultipartLimits } from '../internal/multipart.js';
import { boundaryOf, mediaPartOf, readBounded } from '../internal/multipart.js';
import { route } from '../internal/pipeline.js';
import { sniffContentType } from '../internal/sniff.js';
import type { MediaState, World } from '../internal/world.js';

/** Room for the multipart framing around the file: delimiters, part headers, other small parts. */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

/**
 * How many bytes a `media/upload` body of `type` may have (the type's size limit plus framing),
 * and the errcode beyond: read by the handler and, before routing, by the standalone server.
 */
export function uploadBodyBound(type: MediaType): MultipartLimits {
  return {
    maxBodyBytes: MEDIA_UPLOAD_LIMITS.types[type].maxBytes + MULTIPART_OVERHEAD_BYTES,
    oversizeErrcode: MEDIA_UPLOAD_ERRCODES.tooLarge[type],
  };
}

/**
 * The `media` part of the multipart body, parsed by the mock itself (undici's `formData()`
 * refuses the documented `filelength` parameter), or the platform's error for a missing or
 * unusable file. The body is read only up to the type's size limit plus framing.
 */
async function mediaPart(request: Request, type: MediaType): Promise<MediaPart> {
  const boundary = boundaryOf(request.headers.get('content-type'));
  if (boundary === undefined) {
    return fail(
      MEDIA_UPLOAD_ERRCODES.missingData,
      'media data missing: send multipart/form-data with a part named "media"',
    );
  }
  const body = await readBounded(request, uploadBodyBound(type));
  return mediaPartOf(body, boundary);
}

/** The upload rules of `@kf/types` (`checkMediaUpload`), answered with the platform's errcode. */
function checkUpload(type: MediaType, file: MediaPart): void {
  const violation = checkMediaUpload(type, file.filename, file.bytes.byteLength);
  if (violation === undefined) return;
  fail(violation.errcode, uploadDetail(type, violation));
}

function uploadDetail(type: MediaType, violation: MediaUploadViolation): string {
  switch (violation.rule) {
    case 'empty':
      return 'empty media data';
    case 'too_small':
      return `invalid file size: must be over ${violation.minBytesExclusive} bytes`;
    case 'too_large':
      return `file over ${violation.maxBytes} bytes`;
    case 'bad_format':
      return `${type} must be ${violation.formats.join(' or ')}`;
  }
}

/**
 * Parses `Range: bytes=a-b` (also `a-` and `-n`; the unit is case-insensitive) against `size`;
 * `null` when unsatisfiable, `undefined` for a unit other than bytes, which HTTP says to ignore.
 */
function parseRange(header: string, size: number): { start: number; end: number } | null | undefined {
  const unit = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=/.exec(header);
  if (unit !== null && unit[1]?.toLowerCase() !== 'bytes') return undefined;
  const match = /^bytes=(\d*)-(\d*)$/i.exec(header.trim());
  if (match === null || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? null : { start, end };
}

/**
 * RFC 8187 `ext-value` encoding: every byte outside `attr-char` percent-encoded (stricter than
 * `encodeURIComponent`, which leaves `'()*!` alone).
 */
function rfc8187(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `attachment; filename="MEDIA_ID.ext"` as the platform documents it (§2.30, ASCII only), plus the
 * original name as RFC 6266 `filename*=UTF-8''…`, which clients that know it prefer.
 */
function contentDisposition(media: MediaState): string {
  const dot = media.filename.lastIndexOf('.');
  const extension = dot < 0 ? '' : media.filename.slice(dot + 1);
  const ascii = /^[A-Za-z0-9]{1,16}$/.test(extension) ? `${media.media_id}.${extension}` : media.media_id;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc8187(media.filename)}`;
}

function download(media: MediaState, header: string | null): Response {
  const size = media.bytes.byteLength;
  const headers = {
    // The file's real type, as the platform answers; the declared one when no signature matches.
    'Content-Type': sniffContentType(media.bytes) ?? media.contentType,
    'Content-disposition': contentDisposition(media),
    'Cache-Control': 'no-cache, must-revalidate',
    'Accept-Ranges': 'bytes',
  };
  const span = header === null ? undefined : parseRange(header, size);
  if (span === undefined) {
    if (size > MEDIA_GET_MAX_RANGE_BYTES) {
      fail(KfErrorCode.MediaDownloadTooLarge, 'file too large: download it in Range chunks of at most 20 MB');
    }
    return new HttpResponse(media.bytes.slice(), { headers: { ...headers, 'Content-Length': String(size) } });
  }
  if (span === null) {
    return new HttpResponse(null, {
      status: 416,
      headers: { ...headers, 'Content-Range': `bytes */${size}` },
    });
  }
  const length = span.end - span.start + 1;
  if (length > MEDIA_GET_MAX_RANGE_BYTES)
    fail(KfErrorCode.MediaDownloadTooLarge, 'Range chunks must be at most 20 MB');
  return new HttpResponse(media.bytes.slice(span.start, span.end + 1), {
    status: 206,
    headers: {
      ...headers,
      'Content-Length': String(length),
      'Content-Range': `bytes ${span.start}-${span.end}/${size}`,
    },
  });
}

/** `media/upload` (multipart, type and size limits) and `media/get` (bytes, `Range`). */
export function mediaHandlers(world: World): HttpHandler[] {
  return [
    route(
      world,
      'media.upload',
      async ({ request, http }) => {
        const file = await mediaPart(http, request.type);
        checkUpload(request.type, file);
        const media = storeMedia(world, {
          type: request.type,
          bytes: file.bytes,
          filename: file.filename,
          contentType: file.contentType === '' ? 'application/octet-stream' : file.contentType,
        });
        return {
          type: media.type,
          media_id: media.media_id,
          created_at: String(Math.floor(media.createdAt / 1000)),
        };
      },
      { okMessage: '' },
    ),
    route(world, 'media.get', ({ request, http }) =>
      download(usableMedia(world, request.media_id), http.headers.get('range')),
    ),
  ];
}
