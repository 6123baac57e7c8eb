import * as z from 'zod';
import { KfErrorCode } from './error-codes.js';
import { ResponseEnvelope } from './internal/envelope.js';
import { KF_LIFETIMES_MS } from './lifetimes.js';

/** Temporary media types (临时素材类型) of `media/upload`. */
export const MediaType = {
  /** 图片: JPG or PNG, at most 10 MB. */
  Image: 'image',
  /** 语音: AMR, at most 2 MB and 60 seconds. */
  Voice: 'voice',
  /** 视频: MP4, at most 10 MB. */
  Video: 'video',
  /** 普通文件: at most 20 MB. */
  File: 'file',
} as const;
export type MediaType = (typeof MediaType)[keyof typeof MediaType];

const MEDIA_TYPES: readonly string[] = Object.values(MediaType);

function isMediaType(value: unknown): value is MediaType {
  return typeof value === 'string' && MEDIA_TYPES.includes(value);
}

const MB = 1024 * 1024;

/**
 * Documented limits of `media/upload` (doc 96484, 2024-07-22). Every file must be larger than
 * `minBytesExclusive` (5 bytes). MB is taken as 1024 × 1024 bytes, the convention of WeCom's
 * media limits (the page does not say). An older kf-only page said 2 MB for images.
 * Violations answer, among others: 40004 bad media type, 40006 bad size, 40009 image size,
 * 40011 video size, 44001 empty file, 45001 too large, 40123 invalid image, 301017 voice not AMR.
 */
export const MEDIA_UPLOAD_LIMITS = {
  /** Every file must be strictly larger than this many bytes. */
  minBytesExclusive: 5,
  /** Per type: largest size in bytes, accepted formats (file extensions) and, for voice, duration. */
  types: {
    image: { maxBytes: 10 * MB, formats: ['jpg', 'png'] },
    voice: { maxBytes: 2 * MB, maxDurationSeconds: 60, formats: ['amr'] },
    video: { maxBytes: 10 * MB, formats: ['mp4'] },
    file: { maxBytes: 20 * MB, formats: [] },
  },
} as const satisfies {
  minBytesExclusive: number;
  types: Record<MediaType, { maxBytes: number; maxDurationSeconds?: number; formats: readonly string[] }>;
};

/**
 * The errcodes the platform answers for an upload that breaks {@link MEDIA_UPLOAD_LIMITS}: a body
 * without a file part `media` (41005), an empty file (44001), one of 5 bytes or fewer (40006), and
 * per type a file over its size limit or in a format the type does not take.
 */
export const MEDIA_UPLOAD_ERRCODES = {
  /** 缺少多媒体文件数据: no multipart part named `media` with a file name. */
  missingData: 41005,
  empty: KfErrorCode.EmptyMediaFile,
  tooSmall: KfErrorCode.InvalidFileSize,
  tooLarge: {
    image: KfErrorCode.InvalidImageSize,
    voice: KfErrorCode.MediaFileTooLarge,
    video: KfErrorCode.InvalidVideoSize,
    file: KfErrorCode.MediaFileTooLarge,
  },
  badFormat: {
    image: KfErrorCode.InvalidMediaFileType,
    voice: KfErrorCode.VoiceNotAmr,
    video: KfErrorCode.InvalidMediaFileType,
    file: KfErrorCode.InvalidMediaFileType,
  },
} as const satisfies {
  missingData: number;
  empty: number;
  tooSmall: number;
  tooLarge: Record<MediaType, number>;
  badFormat: Record<MediaType, number>;
};

/**
 * The format a file name says, as {@link MEDIA_UPLOAD_LIMITS} spells formats: the extension after
 * the last dot, lower-cased, with `jpeg` read as `jpg` (the platform takes both for an image); `''`
 * without a dot.
 */
export function mediaFormatOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const extension = dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
  return extension === 'jpeg' ? 'jpg' : extension;
}

/** Which rule of {@link MEDIA_UPLOAD_LIMITS} an upload breaks, and the platform's errcode for it. */
export type MediaUploadViolation =
  | { readonly rule: 'empty'; readonly errcode: number }
  | { readonly rule: 'too_small'; readonly errcode: number; readonly minBytesExclusive: number }
  | { readonly rule: 'too_large'; readonly errcode: number; readonly maxBytes: number }
  | {
      readonly rule: 'bad_format';
      readonly errcode: number;
      readonly formats: readonly string[];
      /** The file name's format ({@link mediaFormatOf}), `''` without an extension. */
      readonly format: string;
    };

/**
 * Checks a file of `size` bytes named `filename` against the upload rules of `type`, in the order
 * the platform applies them (empty, at most 5 bytes, over the type's size, format), and returns the
 * first rule it breaks, or `undefined` when the upload is acceptable. The client checks before
 * sending; the mock answers the returned errcode.
 */
export function checkMediaUpload(
  type: MediaType,
  filename: string,
  size: number,
): MediaUploadViolation | undefined {
  const limits = MEDIA_UPLOAD_LIMITS.types[type];
  if (size === 0) return { rule: 'empty', errcode: MEDIA_UPLOAD_ERRCODES.empty };
  if (size <= MEDIA_UPLOAD_LIMITS.minBytesExclusive) {
    return {
      rule: 'too_small',
      errcode: MEDIA_UPLOAD_ERRCODES.tooSmall,
      minBytesExclusive: MEDIA_UPLOAD_LIMITS.minBytesExclusive,
    };
  }
  if (size > limits.maxBytes) {
    return { rule: 'too_large', errcode: MEDIA_UPLOAD_ERRCODES.tooLarge[type], maxBytes: limits.maxBytes };
  }
  const formats: readonly string[] = limits.formats;
  const format = mediaFormatOf(filename);
  if (formats.length > 0 && !formats.includes(format)) {
    return { rule: 'bad_format', errcode: MEDIA_UPLOAD_ERRCODES.badFormat[type], formats, format };
  }
  return undefined;
}

/** A temporary media id stays valid for 3 days (72 hours) after upload. */
export const MEDIA_ID_TTL_SECONDS = KF_LIFETIMES_MS.mediaId / 1000;

/**
 * Largest `Range` chunk of `media/get`: a file too large for one response answers 830002, and
 * must be fetched in chunks of at most 20 MB.
 */
export const MEDIA_GET_MAX_RANGE_BYTES = 20 * MB;

/**
 * Query of `POST /cgi-bin/media/upload?type=TYPE` (上传临时素材). The body is not JSON but
 * `multipart/form-data` with the file in a part named `media` carrying `filename`, `filelength`
 * and `content-type` (the filename is what the customer sees), so only the query has a schema;
 * the size and format rules are in {@link MEDIA_UPLOAD_LIMITS}.
 */
export const MediaUploadQuery = z.strictObject({
  /** 媒体文件类型, see {@link MediaType}. Anything else answers 40005 (不合法的type参数). */
  type: z.custom<MediaType>(isMediaType, {
    message: 'type must be one of image, voice, video, file',
    params: { errcode: 40005 },
  }),
});
export type MediaUploadQuery = z.infer<typeof MediaUploadQuery>;

/** Success body of `media/upload`. The official example has `errmsg: ""`. */
export const MediaUploadResponse = z.looseObject({
  ...ResponseEnvelope.shape,
  /**
   * 媒体文件类型, echoing the query: one of {@link MediaType} in every documented case, but kept open
   * (`MediaType | (string & {})`) so a type the platform adds later does not fail the response.
   */
  type: z.string() as z.ZodType<MediaType | (string & {}), string>,
  /** 媒体文件上传后获取的唯一标识: valid 3 days, shared by the corp's apps. */
  media_id: z.string(),
  /**
   * 媒体文件上传时间戳 (unix seconds). The official example sends it as a string (`"1380000000"`),
   * so both a string and a number are accepted; {@link mediaCreatedAt} reads either.
   */
  created_at: z.union([z.string(), z.number()]),
});
export type MediaUploadResponse = z.infer<typeof MediaUploadResponse>;

/** `created_at` of {@link MediaUploadResponse} as a number of unix seconds, whichever way it came. */
export function mediaCreatedAt(response: Pick<MediaUploadResponse, 'created_at'>): number {
  return typeof response.created_at === 'number' ? response.created_at : Number(response.created_at);
}

/**
 * Query of `GET /cgi-bin/media/get?media_id=...` (获取临时素材). On success the body is the raw file
 * (headers carry `Content-Type` and `Content-disposition: attachment; filename="..."`; `Range`
 * requests answer 206), so there is no success schema; on failure the body is the JSON envelope,
 * e.g. `{"errcode": 40007, "errmsg": "invalid media_id"}`, which `KfErrorResponse` describes.
 */
export const MediaGetRequest = z.strictObject({
  /** 媒体文件id, from `media/upload` or a received message; valid 3 days (40007 after). */
  media_id: z.string().min(1),
});
export type MediaGetRequest = z.infer<typeof MediaGetRequest>;
