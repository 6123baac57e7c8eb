import type { MediaType } from '@kf/types';
import { MEDIA_GET_MAX_RANGE_BYTES, MEDIA_UPLOAD_LIMITS } from '@kf/types';
import type { HttpHandler } from 'msw';
import { HttpResponse } from 'msw';
import { fail } from '../internal/api-failure.js';
import { storeMedia, usableMedia } from '../internal/media.js';
import { route } from '../internal/pipeline.js';
import type { MediaState, World } from '../internal/world.js';

/** The errcode for a file over its type's size limit. */
const OVERSIZE_ERRCODE: Record<MediaType, number> = { image: 40009, voice: 45001, video: 40011, file: 45001 };

/** The errcode for a file in a format its type does not take. */
const FORMAT_ERRCODE: Record<MediaType, number> = { image: 40004, voice: 301017, video: 40004, file: 40004 };

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const extension = dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
  return extension === 'jpeg' ? 'jpg' : extension;
}

/** The `media` part of the multipart body, or the platform's error for a missing or unusable file. */
async function mediaPart(request: Request): Promise<File> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return fail(41005, 'media data missing: send multipart/form-data with a part named "media"');
  }
  const part = form.get('media');
  if (!(part instanceof File)) return fail(41005, 'media data missing: no file part named "media"');
  return part;
}

function checkUpload(type: MediaType, file: File): void {
  const limits = MEDIA_UPLOAD_LIMITS.types[type];
  if (file.size === 0) fail(44001, 'empty media data');
  if (file.size <= MEDIA_UPLOAD_LIMITS.minBytesExclusive) {
    fail(40006, 'invalid file size: must be over 5 bytes');
  }
  if (file.size > limits.maxBytes) fail(OVERSIZE_ERRCODE[type], `file over ${limits.maxBytes} bytes`);
  const formats: readonly string[] = limits.formats;
  if (formats.length > 0 && !formats.includes(extensionOf(file.name))) {
    fail(FORMAT_ERRCODE[type], `${type} must be ${formats.join(' or ')}`);
  }
}

/** Parses `Range: bytes=a-b` (also `a-` and `-n`) against `size`; `null` when unsatisfiable. */
function parseRange(header: string, size: number): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
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

function download(media: MediaState, range: string | null): Response {
  const size = media.bytes.byteLength;
  const headers = {
    'Content-Type': media.contentType,
    'Content-disposition': `attachment; filename="${encodeURIComponent(media.filename)}"`,
    'Cache-Control': 'no-cache, must-revalidate',
    'Accept-Ranges': 'bytes',
  };
  if (range === null) {
    if (size > MEDIA_GET_MAX_RANGE_BYTES) {
      fail(830002, 'file too large: download it in Range chunks of at most 20 MB');
    }
    return new HttpResponse(media.bytes.slice(), { headers: { ...headers, 'Content-Length': String(size) } });
  }
  const span = parseRange(range, size);
  if (span === null) {
    return new HttpResponse(null, {
      status: 416,
      headers: { ...headers, 'Content-Range': `bytes */${size}` },
    });
  }
  const length = span.end - span.start + 1;
  if (length > MEDIA_GET_MAX_RANGE_BYTES) fail(830002, 'Range chunks must be at most 20 MB');
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
        const file = await mediaPart(http);
        checkUpload(request.type, file);
        const media = storeMedia(world, {
          type: request.type,
          bytes: new Uint8Array(await file.arrayBuffer()),
          filename: file.name,
          contentType: file.type === '' ? 'application/octet-stream' : file.type,
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
