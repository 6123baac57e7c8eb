import { describe, expect, it } from 'vitest';
import { endpointFixture } from './__fixtures__/endpoints/load.js';
import { errcodeOf } from './__fixtures__/issues.js';
import { KfErrorResponse, unlistedField } from './common.js';
import {
  checkMediaUpload,
  MEDIA_GET_MAX_RANGE_BYTES,
  MEDIA_ID_TTL_SECONDS,
  MEDIA_UPLOAD_ERRCODES,
  MEDIA_UPLOAD_LIMITS,
  MediaGetRequest,
  MediaType,
  MediaUploadQuery,
  MediaUploadResponse,
  mediaCreatedAt,
  mediaFormatOf,
} from './media.js';

describe('media/upload query', () => {
  it('accepts the four documented types', () => {
    for (const type of ['image', 'voice', 'video', 'file']) {
      expect(MediaUploadQuery.parse({ type })).toEqual({ type });
    }
    expect(Object.values(MediaType)).toEqual(['image', 'voice', 'video', 'file']);
  });

  it('rejects any other type with 40005', () => {
    const result = MediaUploadQuery.safeParse({ type: 'music' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('type must be one of image, voice, video, file');
    expect(errcodeOf(result)).toBe(40005);
    expect(errcodeOf(MediaUploadQuery.safeParse({ type: 'IMAGE' }))).toBe(40005);
  });

  it('requires type and rejects unknown parameters', () => {
    expect(MediaUploadQuery.safeParse({}).success).toBe(false);
    expect(MediaUploadQuery.safeParse({ type: 'file', filename: 'a.txt' }).success).toBe(false);
  });
});

describe('media/upload limits', () => {
  it('states the documented sizes, formats and duration', () => {
    expect(MEDIA_UPLOAD_LIMITS.minBytesExclusive).toBe(5);
    expect(MEDIA_UPLOAD_LIMITS.types.image).toEqual({ maxBytes: 10_485_760, formats: ['jpg', 'png'] });
    expect(MEDIA_UPLOAD_LIMITS.types.voice).toEqual({
      maxBytes: 2_097_152,
      maxDurationSeconds: 60,
      formats: ['amr'],
    });
    expect(MEDIA_UPLOAD_LIMITS.types.video).toEqual({ maxBytes: 10_485_760, formats: ['mp4'] });
    expect(MEDIA_UPLOAD_LIMITS.types.file.maxBytes).toBe(20_971_520);
  });

  it('has limits for every media type', () => {
    expect(Object.keys(MEDIA_UPLOAD_LIMITS.types).sort()).toEqual(Object.values(MediaType).sort());
  });

  it('keeps media ids for 3 days and downloads in chunks of at most 20 MB', () => {
    expect(MEDIA_ID_TTL_SECONDS).toBe(259_200);
    expect(MEDIA_GET_MAX_RANGE_BYTES).toBe(20_971_520);
  });
});

describe('media/upload response', () => {
  it('parses the official example with an empty errmsg and a string created_at (F-61b)', () => {
    const body = MediaUploadResponse.parse(endpointFixture('F-61b-media-upload-response'));
    expect(body.errmsg).toBe('');
    expect(body.created_at).toBe('1380000000');
    expect(mediaCreatedAt(body)).toBe(1_380_000_000);
  });

  it('accepts a numeric created_at too', () => {
    const body = MediaUploadResponse.parse({
      errcode: 0,
      errmsg: 'ok',
      type: 'file',
      media_id: 'm',
      created_at: 1_380_000_000,
    });
    expect(mediaCreatedAt(body)).toBe(1_380_000_000);
  });

  it('rejects a created_at of another type', () => {
    const body = { errcode: 0, errmsg: '', type: 'image', media_id: 'm', created_at: null };
    expect(MediaUploadResponse.safeParse(body).success).toBe(false);
  });

  it('keeps a media type the platform adds later instead of failing the response', () => {
    const body = MediaUploadResponse.parse({
      errcode: 0,
      errmsg: '',
      type: 'thumb',
      media_id: 'm',
      created_at: '1380000000',
    });
    expect(body.type).toBe('thumb');
  });

  it('still rejects a type that is not a string', () => {
    const result = MediaUploadResponse.safeParse({
      errcode: 0,
      errmsg: '',
      type: 1,
      media_id: 'm',
      created_at: '1380000000',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['type']);
  });

  it('keeps fields the platform adds later', () => {
    const body = MediaUploadResponse.parse({
      ...(endpointFixture('F-61b-media-upload-response') as object),
      expires_at: '1380259200',
    });
    expect(unlistedField(body, 'expires_at')).toBe('1380259200');
  });
});

describe('media/get', () => {
  it('takes media_id only', () => {
    expect(MediaGetRequest.parse({ media_id: 'm1' })).toEqual({ media_id: 'm1' });
    expect(MediaGetRequest.safeParse({ media_id: '' }).success).toBe(false);
    expect(MediaGetRequest.safeParse({ media_id: 'm1', type: 'image' }).success).toBe(false);
  });

  it('describes the JSON error body with KfErrorResponse (F-62b)', () => {
    const body = KfErrorResponse.parse(endpointFixture('F-62b-media-get-error'));
    expect(body).toEqual({ errcode: 40007, errmsg: 'invalid media_id' });
  });
});

describe('media/upload rule (checkMediaUpload)', () => {
  it('reads the format from the last extension, lower-cased, with jpeg as jpg', () => {
    expect(mediaFormatOf('a.JPEG')).toBe('jpg');
    expect(mediaFormatOf('a.jpeg')).toBe('jpg');
    expect(mediaFormatOf('photo.v2.PNG')).toBe('png');
    expect(mediaFormatOf('README')).toBe('');
  });

  it('accepts a file over 5 bytes, within its size, in one of its formats', () => {
    expect(checkMediaUpload('image', 'a.JPEG', 6)).toBeUndefined();
    expect(checkMediaUpload('image', 'a.png', MEDIA_UPLOAD_LIMITS.types.image.maxBytes)).toBeUndefined();
    expect(checkMediaUpload('voice', 'a.amr', 100)).toBeUndefined();
    expect(checkMediaUpload('file', 'anything-without-extension', 100)).toBeUndefined();
  });

  it('refuses an empty file (44001) and one of at most 5 bytes (40006)', () => {
    expect(checkMediaUpload('file', 'a.txt', 0)).toEqual({ rule: 'empty', errcode: 44001 });
    expect(checkMediaUpload('file', 'a.txt', 5)).toEqual({
      rule: 'too_small',
      errcode: 40006,
      minBytesExclusive: 5,
    });
  });

  it("refuses a file over its type's size with the type's errcode", () => {
    const over = (type: MediaType) =>
      checkMediaUpload(type, 'x', MEDIA_UPLOAD_LIMITS.types[type].maxBytes + 1);
    expect(over('image')).toMatchObject({ rule: 'too_large', errcode: 40009, maxBytes: 10_485_760 });
    expect(over('voice')).toMatchObject({ rule: 'too_large', errcode: 45001, maxBytes: 2_097_152 });
    expect(over('video')).toMatchObject({ rule: 'too_large', errcode: 40011, maxBytes: 10_485_760 });
    expect(over('file')).toMatchObject({ rule: 'too_large', errcode: 45001, maxBytes: 20_971_520 });
  });

  it('refuses a format the type does not take (40004, 301017 for voice), size first', () => {
    expect(checkMediaUpload('image', 'a.gif', 100)).toEqual({
      rule: 'bad_format',
      errcode: 40004,
      formats: ['jpg', 'png'],
      format: 'gif',
    });
    expect(checkMediaUpload('voice', 'a.mp3', 100)).toMatchObject({ rule: 'bad_format', errcode: 301017 });
    expect(checkMediaUpload('video', 'clip', 100)).toMatchObject({ rule: 'bad_format', format: '' });
    expect(checkMediaUpload('image', 'a.gif', 3)?.rule).toBe('too_small');
  });

  it('names 41005 for a body without the media part', () => {
    expect(MEDIA_UPLOAD_ERRCODES.missingData).toBe(41005);
  });
});
