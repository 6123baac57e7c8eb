import { describe, expect, it } from 'vitest';
import { type Json, json, useKfMock } from '../__fixtures__/harness.js';
import { DAY } from '../clock.js';

const api = useKfMock();
const MB = 1024 * 1024;

async function upload(
  type: string,
  bytes: Uint8Array | string,
  filename: string,
  contentType = '',
): Promise<Response> {
  const token = await api.token();
  const form = new FormData();
  form.append('media', new Blob([bytes], { type: contentType }), filename);
  return api.raw(`/cgi-bin/media/upload?access_token=${token}&type=${type}`, { method: 'POST', body: form });
}

async function get(media_id: string, headers: Record<string, string> = {}): Promise<Response> {
  const token = await api.token();
  return api.raw(`/cgi-bin/media/get?access_token=${token}&media_id=${encodeURIComponent(media_id)}`, {
    headers,
  });
}

describe('media/upload', () => {
  it('stores a multipart file and answers type, media_id and created_at (a string), with errmsg ""', async () => {
    const body = await json(await upload('file', 'mytext', 'wework.txt', 'text/plain'));
    expect(body).toEqual({
      errcode: 0,
      errmsg: '',
      type: 'file',
      media_id: expect.any(String),
      created_at: String(Date.UTC(2024, 0, 1) / 1000),
    });
    const stored = api.mock.world.media(String(body.media_id));
    expect(stored).toMatchObject({ type: 'file', filename: 'wework.txt', content_type: 'text/plain' });
    expect(new TextDecoder().decode(stored?.bytes)).toBe('mytext');
  });

  it('takes 6 bytes and answers 40006 for 5, 44001 for an empty file', async () => {
    expect((await json(await upload('file', '123456', 'a.txt'))).errcode).toBe(0);
    expect((await json(await upload('file', '12345', 'a.txt'))).errcode).toBe(40006);
    expect((await json(await upload('file', '', 'a.txt'))).errcode).toBe(44001);
  });

  it('takes a 10 MB image and answers 40009 one byte over', async () => {
    expect((await json(await upload('image', new Uint8Array(10 * MB), 'a.png'))).errcode).toBe(0);
    expect((await json(await upload('image', new Uint8Array(10 * MB + 1), 'a.png'))).errcode).toBe(40009);
  });

  it('answers 40009 at once to an image well over the limit (past the framing allowance too)', async () => {
    // 12 MB: more than the bounded reader reads, so it stops reading the (MSW-cloned) body.
    expect((await json(await upload('image', new Uint8Array(12 * MB), 'a.png'))).errcode).toBe(40009);
    expect((await json(await upload('file', new Uint8Array(22 * MB), 'a.bin'))).errcode).toBe(45001);
  });

  it('parses a body of 63 small parts and a long filler without rescanning it for each part', async () => {
    // The filler has a line break every other byte and no blank line: a search for the end of
    // each part's headers over the rest of the body would walk 63 × 20 MB.
    const parts = Array.from(
      { length: 63 },
      (_, i) => `--b\r\nContent-Disposition: form-data; name="x${i}"\r\n\r\nv\r\n`,
    ).join('');
    const head = `${parts}--b\r\nContent-Disposition: form-data; name="media"; filename="a.bin"\r\n\r\n`;
    const filler = new TextEncoder().encode('\r\n'.repeat(9_500_000));
    const body = new Blob([head, filler, '\r\n--b--\r\n']);
    const token = await api.token();
    const answer = await json(
      await api.raw(`/cgi-bin/media/upload?access_token=${token}&type=file`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
        body,
      }),
    );
    expect(answer.errcode).toBe(0);
    expect(api.mock.world.media(String(answer.media_id))?.bytes.byteLength).toBe(filler.byteLength);
  });

  it('answers 40011 for a video over 10 MB and 45001 for a voice over 2 MB', async () => {
    expect((await json(await upload('video', new Uint8Array(10 * MB + 1), 'a.mp4'))).errcode).toBe(40011);
    expect((await json(await upload('voice', new Uint8Array(2 * MB), 'a.amr'))).errcode).toBe(0);
    expect((await json(await upload('voice', new Uint8Array(2 * MB + 1), 'a.amr'))).errcode).toBe(45001);
  });

  it('checks formats: 40004 for a GIF image, 301017 for a voice that is not AMR', async () => {
    expect((await json(await upload('image', 'GIF89a-bytes', 'a.gif'))).errcode).toBe(40004);
    expect((await json(await upload('image', 'jpeg-bytes', 'a.JPEG'))).errcode).toBe(0);
    expect((await json(await upload('voice', 'mp3-bytes', 'a.mp3'))).errcode).toBe(301017);
  });

  it('answers 40005 for an unknown type', async () => {
    expect((await json(await upload('sticker', '123456', 'a.txt'))).errcode).toBe(40005);
  });

  /** A multipart body written byte for byte, as the platform's own example and `@kf/client` write it. */
  async function rawUpload(type: string, disposition: string, content: string | Uint8Array): Promise<Json> {
    const token = await api.token();
    const boundary = '-------------------------acebdf13572468';
    const head = `--${boundary}\r\n${disposition}\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const encoder = new TextEncoder();
    const bytes = typeof content === 'string' ? encoder.encode(content) : content;
    const body = new Uint8Array([
      ...encoder.encode(head),
      ...bytes,
      ...encoder.encode(`\r\n--${boundary}--\r\n`),
    ]);
    return json(
      await api.raw(`/cgi-bin/media/upload?access_token=${token}&type=${type}`, {
        method: 'POST',
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        body,
      }),
    );
  }

  it('takes the raw request of the official example (F-61a), filelength parameter included', async () => {
    const body = await rawUpload(
      'file',
      'Content-Disposition: form-data; name="media";filename="wework.txt"; filelength=6',
      'mytext',
    );
    expect(body).toMatchObject({ errcode: 0, errmsg: '', type: 'file' });
    const stored = api.mock.world.media(String(body.media_id));
    expect(stored).toMatchObject({ filename: 'wework.txt', content_type: 'application/octet-stream' });
    expect(new TextDecoder().decode(stored?.bytes)).toBe('mytext');
  });

  it('keeps a Chinese file name written as raw UTF-8, and the exact bytes of a binary file', async () => {
    const bytes = new Uint8Array([0, 13, 10, 45, 45, 255, 1, 2]); // NUL, CRLF, "--", 0xff
    const body = await rawUpload(
      'file',
      'Content-Disposition: form-data; name="media"; filename="报告 2024.pdf"; filelength=8',
      bytes,
    );
    expect(body.errcode).toBe(0);
    const stored = api.mock.world.media(String(body.media_id));
    expect(stored?.filename).toBe('报告 2024.pdf');
    expect([...(stored?.bytes ?? [])]).toEqual([...bytes]);
  });

  it('answers 40006 when filelength is not the size of the part', async () => {
    const body = await rawUpload(
      'file',
      'Content-Disposition: form-data; name="media"; filename="a.txt"; filelength=7',
      'mytext',
    );
    expect(body.errcode).toBe(40006);
    expect(api.mock.world.calls().at(-1)).toMatchObject({ endpoint: 'media.upload', errcode: 40006 });
  });

  it('answers 41005 for a multipart body without a part named "media" or without a file name', async () => {
    const noMedia = 'Content-Disposition: form-data; name="file"; filename="a.txt"';
    expect((await rawUpload('file', noMedia, 'mytext')).errcode).toBe(41005);
    expect((await rawUpload('file', 'Content-Disposition: form-data; name="media"', 'mytext')).errcode).toBe(
      41005,
    );
  });

  it('answers 41005 without a multipart "media" part', async () => {
    const token = await api.token();
    const response = await api.raw(`/cgi-bin/media/upload?access_token=${token}&type=file`, {
      method: 'POST',
      body: JSON.stringify({ media: 'x' }),
      headers: { 'content-type': 'application/json' },
    });
    expect((await json(response)).errcode).toBe(41005);
  });

  it('makes the upload usable as a send_msg media_id', async () => {
    const { media_id } = await json(await upload('image', 'jpeg-bytes', 'a.jpg'));
    const open_kfid = api.mock.scenario.createAccount();
    const external_userid = api.mock.scenario.createCustomer();
    api.mock.scenario.customerSends({
      open_kfid,
      external_userid,
      message: { msgtype: 'text', text: { content: 'q' } },
    });
    const sent = await api.call('sendMsg', {
      open_kfid,
      touser: external_userid,
      msgtype: 'image',
      image: { media_id },
    });
    expect(sent.errcode).toBe(0);
  });
});

describe('media/get', () => {
  it('serves the bytes with the documented headers', async () => {
    const media_id = api.mock.scenario.createMedia({
      type: 'image',
      bytes: 'jpeg-bytes',
      filename: 'photo.jpg',
    });
    const response = await get(media_id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${media_id}.jpg"; filename*=UTF-8''photo.jpg`,
    );
    expect(response.headers.get('content-length')).toBe('10');
    expect(await response.text()).toBe('jpeg-bytes');
  });

  it('names a non-ASCII file MEDIA_ID.ext in filename and the original in RFC 6266 filename*', async () => {
    const media_id = api.mock.scenario.createMedia({
      type: 'file',
      bytes: 'report',
      filename: "报告 (1)'.pdf",
    });
    const response = await get(media_id);
    const header = response.headers.get('content-disposition') ?? '';
    expect(header).toBe(
      `attachment; filename="${media_id}.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%20%281%29%27.pdf`,
    );
    const star = /filename\*=UTF-8''(.+)$/.exec(header)?.[1] ?? '';
    expect(decodeURIComponent(star)).toBe("报告 (1)'.pdf");
  });

  it('serves a Range with 206 and Content-Range, and 416 when it cannot be satisfied', async () => {
    const media_id = api.mock.scenario.createMedia({ type: 'file', bytes: '0123456789' });
    const partial = await get(media_id, { range: 'bytes=2-5' });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(partial.headers.get('accept-ranges')).toBe('bytes');
    expect(await partial.text()).toBe('2345');
    expect(await (await get(media_id, { range: 'bytes=-3' })).text()).toBe('789');
    expect(await (await get(media_id, { range: 'bytes=8-' })).text()).toBe('89');
    const invalid = await get(media_id, { range: 'bytes=20-30' });
    expect(invalid.status).toBe(416);
    expect(invalid.headers.get('content-range')).toBe('bytes */10');
  });

  it('reads the Range unit case-insensitively and ignores a unit other than bytes (200, whole file)', async () => {
    const media_id = api.mock.scenario.createMedia({ type: 'file', bytes: '0123456789' });
    const upper = await get(media_id, { range: 'BYTES=0-1' });
    expect(upper.status).toBe(206);
    expect(await upper.text()).toBe('01');
    for (const range of ['items=0-1', 'pages=3-']) {
      const ignored = await get(media_id, { range });
      expect(ignored.status).toBe(200);
      expect(await ignored.text()).toBe('0123456789');
    }
  });

  it('answers 830002 for a file over 20 MB without Range, and serves it in chunks', async () => {
    const media_id = api.mock.scenario.createMedia({ type: 'file', bytes: new Uint8Array(20 * MB + 1) });
    expect((await json(await get(media_id))).errcode).toBe(830002);
    const chunk = await get(media_id, { range: `bytes=0-${20 * MB - 1}` });
    expect(chunk.status).toBe(206);
    expect((await chunk.arrayBuffer()).byteLength).toBe(20 * MB);
  });

  it('answers 40007 in JSON for an unknown or expired media_id', async () => {
    expect(await json(await get('nope'))).toMatchObject({ errcode: 40007 });
    const media_id = api.mock.scenario.createMedia({ type: 'file' });
    api.mock.clock.advance(3 * DAY);
    expect((await json(await get(media_id))).errcode).toBe(40007);
  });
});
