import { KF_REQUEST_BODY_MAX_BYTES, type MediaType, MediaType as MediaTypes } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import { uploadBodyBound } from '../../handlers/media.js';
import { isControlPath } from '../control/handler.js';

/**
 * Most bytes of a control API body: its largest request (`/setup` with a world of accounts and
 * customers) is a few KiB.
 */
export const CONTROL_BODY_MAX_BYTES = 1024 * 1024;

/** How much of a request body the standalone server reads, and what it answers beyond. */
export interface BodyBound {
  readonly maxBytes: number;
  /** The answer to a larger body, given at once (the rest is never read). */
  refuse(): Response;
}

const MEDIA_TYPES: readonly string[] = Object.values(MediaTypes);

/**
 * The body bound of a route, decided from the URL alone (before any byte of the body is read):
 * the type's size limit for `media/upload` (answered with the platform's 40009 / 40011 / 45001),
 * a small one for the control API (413), and {@link KF_REQUEST_BODY_MAX_BYTES} for every other
 * path (413 with 45002), a path that is no endpoint included.
 */
export function bodyBoundOf(url: URL): BodyBound {
  if (isControlPath(url.pathname)) {
    return {
      maxBytes: CONTROL_BODY_MAX_BYTES,
      refuse: () =>
        Response.json(
          {
            error: {
              type: 'payload_too_large',
              message: `a control API body has at most ${CONTROL_BODY_MAX_BYTES} bytes`,
            },
          },
          { status: 413, headers: { connection: 'close' } },
        ),
    };
  }
  if (url.pathname === '/cgi-bin/media/upload') {
    const type = url.searchParams.get('type') ?? '';
    // An unknown type is the handler's to refuse (40004); its body is bounded like a file's.
    const bound = uploadBodyBound(MEDIA_TYPES.includes(type) ? (type as MediaType) : 'file');
    return {
      maxBytes: bound.maxBodyBytes,
      refuse: () =>
        Response.json(
          { errcode: bound.oversizeErrcode, errmsg: `upload body over ${bound.maxBodyBytes} bytes` },
          { headers: { connection: 'close' } },
        ),
    };
  }
  return {
    maxBytes: KF_REQUEST_BODY_MAX_BYTES,
    refuse: () =>
      Response.json(
        {
          errcode: KfErrorCode.MessageContentTooLarge,
          errmsg: `request body over ${KF_REQUEST_BODY_MAX_BYTES} bytes`,
        },
        { status: 413, headers: { connection: 'close' } },
      ),
  };
}
