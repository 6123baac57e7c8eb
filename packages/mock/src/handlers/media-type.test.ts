import { describe, expect, it } from 'vitest';
import { json, useKfMock } from '../__fixtures__/harness.js';
import { sniffContentType } from '../internal/sniff.js';

const api = useKfMock();

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

describe('media/get Content-Type', () => {
  it('answers the type of the bytes, not the one declared on upload (a PNG sent as octet-stream)', async () => {
    const token = await api.token();
    const form = new FormData();
    form.append('media', new Blob([PNG], { type: 'application/octet-stream' }), 'shot.png');
    const upload = await json(
      await api.raw(`/cgi-bin/media/upload?access_token=${token}&type=image`, { method: 'POST', body: form }),
    );
    expect(upload.errcode).toBe(0);
    const response = await api.raw(`/cgi-bin/media/get?access_token=${token}&media_id=${upload.media_id}`);
    expect(response.headers.get('content-type')).toBe('image/png');
  });

  it('keeps the declared type when no signature matches', async () => {
    const media_id = api.mock.scenario.createMedia({
      type: 'file',
      bytes: 'plain words',
      contentType: 'text/plain',
    });
    const token = await api.token();
    const response = await api.raw(`/cgi-bin/media/get?access_token=${token}&media_id=${media_id}`);
    expect(response.headers.get('content-type')).toBe('text/plain');
  });
});

describe('sniffContentType', () => {
  it('recognises the formats the API carries by their magic bytes', () => {
    const ascii = (text: string) => new TextEncoder().encode(text);
    expect(sniffContentType(JPEG)).toBe('image/jpeg');
    expect(sniffContentType(PNG)).toBe('image/png');
    expect(sniffContentType(ascii('#!AMR\n....'))).toBe('audio/amr');
    expect(sniffContentType(ascii('\0\0\0\x18ftypmp42'))).toBe('video/mp4');
    expect(sniffContentType(ascii('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffContentType(ascii('hello'))).toBeUndefined();
    expect(sniffContentType(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
  });
});
