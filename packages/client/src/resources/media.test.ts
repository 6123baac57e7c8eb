import { Readable } from 'node:stream';
import { MEDIA_UPLOAD_LIMITS } from '@kf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, fail, ok, startServer, type TestServer, TOKEN } from '../__fixtures__/server.js';
import {
  KfConnectionError,
  KfInvalidOptionsError,
  KfInvalidRequestError,
  KfMediaCheckError,
  KfRangeNotSatisfiableError,
  KfResponseValidationError,
} from '../errors.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const UPLOAD = '/cgi-bin/media/upload';
const GET = '/cgi-bin/media/get';
const uploaded = ok({ errmsg: '', type: 'image', media_id: 'MEDIA_1', created_at: '1380000000' });

/** Splits a multipart body into its single part's headers and bytes. */
function parsePart(body: Buffer, contentType: string | undefined) {
  const boundary = /boundary=(.+)$/.exec(contentType ?? '')?.[1];
  expect(boundary).toBeDefined();
  const text = body.toString('latin1');
  const start = text.indexOf(`--${boundary}\r\n`);
  const headerEnd = text.indexOf('\r\n\r\n', start);
  const end = text.indexOf(`\r\n--${boundary}--\r\n`);
  expect(start).toBe(0);
  expect(end).toBe(body.length - `\r\n--${boundary}--\r\n`.length);
  return {
    headers: Buffer.from(text.slice(start + boundary!.length + 4, headerEnd), 'latin1').toString('utf8'),
    data: body.subarray(headerEnd + 4, end),
  };
}

describe('media.upload', () => {
  it('sends multipart/form-data with part "media", filename, filelength and content type', async () => {
    server = await startServer({ [UPLOAD]: () => uploaded });
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 1, 2, 3]);
    const response = await clientFor(server).media.upload({
      type: 'image',
      media: bytes,
      filename: '头像.png',
    });
    expect(response).toMatchObject({ media_id: 'MEDIA_1', type: 'image', created_at: '1380000000' });
    const [seen] = server.on(UPLOAD);
    expect(seen?.method).toBe('POST');
    expect(seen?.query.get('type')).toBe('image');
    expect(seen?.query.get('access_token')).toBe(TOKEN);
    expect(seen?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const part = parsePart(seen?.body ?? Buffer.alloc(0), seen?.headers['content-type']);
    expect(part.headers).toBe(
      'Content-Disposition: form-data; name="media"; filename="头像.png"; filelength=12\r\nContent-Type: image/png',
    );
    expect([...part.data]).toEqual([...bytes]);
  });

  it('accepts a Blob and an ArrayBuffer and uses an explicit content type', async () => {
    server = await startServer({ [UPLOAD]: () => uploaded });
    const kf = clientFor(server);
    await kf.media.upload({
      type: 'file',
      media: new Blob(['hello world']),
      filename: 'a.txt',
      contentType: 'text/plain',
    });
    await kf.media.upload({
      type: 'file',
      media: new TextEncoder().encode('hello again').buffer,
      filename: 'b"x.bin',
    });
    const [first, second] = server.on(UPLOAD).map((s) => parsePart(s.body, s.headers['content-type']));
    expect(first?.headers).toContain('filename="a.txt"; filelength=11\r\nContent-Type: text/plain');
    expect(first?.data.toString()).toBe('hello world');
    expect(second?.headers).toContain(
      'filename="b%22x.bin"; filelength=11\r\nContent-Type: application/octet-stream',
    );
  });

  it('reads a web ReadableStream or a Node Readable into the part', async () => {
    server = await startServer({ [UPLOAD]: () => uploaded });
    const kf = clientFor(server);
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('hello '));
        controller.enqueue(new TextEncoder().encode('stream'));
        controller.close();
      },
    });
    await kf.media.upload({ type: 'file', media: web, filename: 'w.txt' });
    await kf.media.upload({
      type: 'file',
      media: Readable.from([Buffer.from('node '), Buffer.from('readable')]),
      filename: 'n.txt',
    });
    const [first, second] = server.on(UPLOAD).map((s) => parsePart(s.body, s.headers['content-type']));
    expect(first?.headers).toContain('filelength=12');
    expect(first?.data.toString()).toBe('hello stream');
    expect(second?.data.toString()).toBe('node readable');
  });

  it('stops reading a stream as soon as it exceeds the limit', async () => {
    server = await startServer({ [UPLOAD]: () => uploaded });
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(chunk);
      },
    });
    const error = await clientFor(server)
      .media.upload({ type: 'voice', media: endless, filename: 'v.amr' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfMediaCheckError);
    expect(pulled).toBeLessThanOrEqual(4);
    expect(server.on(UPLOAD)).toHaveLength(0);
  });

  it.each([
    ['too small', 'file', 5, 'x.txt', 'size'],
    ['over the image limit', 'image', MEDIA_UPLOAD_LIMITS.types.image.maxBytes + 1, 'x.png', 'size'],
    ['over the voice limit', 'voice', MEDIA_UPLOAD_LIMITS.types.voice.maxBytes + 1, 'x.amr', 'size'],
    ['a GIF as image', 'image', 100, 'x.gif', 'format'],
    ['an MP3 as voice', 'voice', 100, 'x.mp3', 'format'],
    ['no extension as video', 'video', 100, 'clip', 'format'],
  ] as const)('refuses %s before sending (KfMediaCheckError)', async (_label, type, size, filename, rule) => {
    server = await startServer({ [UPLOAD]: () => uploaded });
    const error = await clientFor(server)
      .media.upload({ type, media: new Uint8Array(size), filename })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfMediaCheckError);
    expect((error as KfMediaCheckError).rule).toBe(rule);
    expect(server.on(UPLOAD)).toHaveLength(0);
  });

  it('accepts the exact size limit and a .JPEG image', async () => {
    server = await startServer({ [UPLOAD]: () => uploaded });
    const kf = clientFor(server);
    await kf.media.upload({
      type: 'voice',
      media: new Uint8Array(MEDIA_UPLOAD_LIMITS.types.voice.maxBytes),
      filename: 'v.amr',
    });
    await kf.media.upload({ type: 'image', media: new Uint8Array(6), filename: 'P.JPEG' });
    expect(server.on(UPLOAD)).toHaveLength(2);
    expect(
      parsePart(server.on(UPLOAD)[1]?.body ?? Buffer.alloc(0), server.on(UPLOAD)[1]?.headers['content-type'])
        .headers,
    ).toContain('Content-Type: image/jpeg');
  });

  it('rejects an unknown type or an empty filename as invalid arguments', async () => {
    server = await startServer({});
    const kf = clientFor(server);
    await expect(
      kf.media.upload({ type: 'gif' as 'image', media: new Uint8Array(10), filename: 'a.gif' }),
    ).rejects.toBeInstanceOf(KfInvalidOptionsError);
    await expect(
      kf.media.upload({ type: 'file', media: new Uint8Array(10), filename: ' ' }),
    ).rejects.toBeInstanceOf(KfInvalidOptionsError);
    expect(server.seen).toHaveLength(0);
  });

  it('turns an error envelope into the API error', async () => {
    server = await startServer({ [UPLOAD]: () => fail(40004, 'invalid media type') });
    await expect(
      clientFor(server).media.upload({ type: 'file', media: new Uint8Array(10), filename: 'a.bin' }),
    ).rejects.toSatisfy((e) => e instanceof KfInvalidRequestError && e.errcode === 40004);
  });
});

describe('media.get', () => {
  const file = Buffer.from('0123456789abcdef');

  it('returns the bytes, content type and filename', async () => {
    server = await startServer({
      [GET]: () => (res) =>
        void res
          .writeHead(200, {
            'content-type': 'image/jpeg',
            'content-disposition': 'attachment; filename="MEDIA_ID.jpg"',
            'content-length': String(file.length),
          })
          .end(file),
    });
    const media = await clientFor(server).media.get({ media_id: 'MEDIA_ID' });
    expect(Buffer.from(media.data).toString()).toBe('0123456789abcdef');
    expect(media).toMatchObject({
      status: 200,
      contentType: 'image/jpeg',
      filename: 'MEDIA_ID.jpg',
      contentLength: 16,
      range: undefined,
    });
    expect(server.on(GET)[0]?.query.get('media_id')).toBe('MEDIA_ID');
    expect(server.on(GET)[0]?.method).toBe('GET');
  });

  it('sends Range and reports the 206 Content-Range', async () => {
    server = await startServer({
      [GET]: (req) => (res) => {
        const [, start, end] = /bytes=(\d+)-(\d+)/.exec(String(req.headers.range)) ?? [];
        const chunk = file.subarray(Number(start), Number(end) + 1);
        res
          .writeHead(206, {
            'content-type': 'application/octet-stream',
            'content-disposition': "attachment; filename*=UTF-8''%E6%96%87%E4%BB%B6.bin",
            'accept-ranges': 'bytes',
            'content-range': `bytes ${start}-${end}/${file.length}`,
          })
          .end(chunk);
      },
    });
    const media = await clientFor(server).media.get({ media_id: 'M' }, { range: { start: 4, end: 7 } });
    expect(server.on(GET)[0]?.headers.range).toBe('bytes=4-7');
    expect(Buffer.from(media.data).toString()).toBe('4567');
    expect(media).toMatchObject({
      status: 206,
      filename: '文件.bin',
      range: { start: 4, end: 7, total: 16 },
    });
  });

  it('rejects an invalid range before sending', async () => {
    server = await startServer({});
    await expect(
      clientFor(server).media.get({ media_id: 'M' }, { range: { start: 5, end: 2 } }),
    ).rejects.toBeInstanceOf(KfInvalidOptionsError);
    expect(server.seen).toHaveLength(0);
  });

  it('turns a JSON error body into the API error (40007)', async () => {
    server = await startServer({
      [GET]: () => (res) =>
        void res
          .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
          .end('{"errcode":40007,"errmsg":"invalid media_id"}'),
    });
    const error = await clientFor(server)
      .media.get({ media_id: 'gone' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfInvalidRequestError);
    expect(error).toMatchObject({ errcode: 40007, errmsg: 'invalid media_id', endpoint: 'media.get' });
  });

  it('treats a text/plain JSON error the same way', async () => {
    server = await startServer({
      [GET]: () => (res) =>
        void res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end('{"errcode":40007,"errmsg":"invalid media_id"}'),
    });
    await expect(clientFor(server).media.get({ media_id: 'gone' })).rejects.toMatchObject({ errcode: 40007 });
  });

  it('returns a downloaded .json file as bytes, not as an error', async () => {
    const json = '{"errcode":1,"errmsg":"this is file content"}';
    server = await startServer({
      [GET]: () => (res) =>
        void res
          .writeHead(200, {
            'content-type': 'application/json',
            'content-disposition': 'attachment; filename="a.json"',
          })
          .end(json),
    });
    const media = await clientFor(server).media.get({ media_id: 'M' });
    expect(Buffer.from(media.data).toString()).toBe(json);
  });

  it('refreshes the token on 42001 and replays the download', async () => {
    let issued = 0;
    server = await startServer({
      '/cgi-bin/gettoken': () =>
        ok({ access_token: issued++ === 0 ? 'OLD_TOKEN_000000' : 'NEW_TOKEN_000000', expires_in: 7200 }),
      [GET]: (req) => (res) =>
        req.query.get('access_token') === 'OLD_TOKEN_000000'
          ? void res
              .writeHead(200, { 'content-type': 'application/json' })
              .end('{"errcode":42001,"errmsg":"expired"}')
          : void res
              .writeHead(200, {
                'content-type': 'image/png',
                'content-disposition': 'attachment; filename="x.png"',
              })
              .end(file),
    });
    const media = await clientFor(server).media.get({ media_id: 'M' });
    expect(media.data.length).toBe(16);
    expect(server.on(GET)).toHaveLength(2);
  });

  it('retries an HTTP 503 without a file, then reports a 404 as a validation error', async () => {
    server = await startServer({
      [GET]: (_r, i) => (res) =>
        void res.writeHead(i === 0 ? 503 : 404, { 'content-type': 'text/html' }).end('<html/>'),
    });
    await expect(clientFor(server).media.get({ media_id: 'M' })).rejects.toBeInstanceOf(
      KfResponseValidationError,
    );
    expect(server.on(GET)).toHaveLength(2);
    await expect(clientFor(server, { maxRetries: 0 }).media.get({ media_id: 'M' })).rejects.toBeInstanceOf(
      KfResponseValidationError,
    );
  });

  it('getStream streams the body after checking the headers', async () => {
    server = await startServer({
      [GET]: () => (res) => {
        res.writeHead(200, {
          'content-type': 'video/mp4',
          'content-disposition': 'attachment; filename="v.mp4"',
        });
        res.write(file.subarray(0, 8));
        res.end(file.subarray(8));
      },
    });
    const media = await clientFor(server).media.getStream({ media_id: 'M' });
    expect(media).toMatchObject({ contentType: 'video/mp4', filename: 'v.mp4' });
    const chunks: Uint8Array[] = [];
    for await (const chunk of media.body) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('0123456789abcdef');
  });

  it('getStream turns a JSON error into the API error', async () => {
    server = await startServer({ [GET]: () => fail(40007, 'invalid media_id') });
    await expect(clientFor(server).media.getStream({ media_id: 'M' })).rejects.toMatchObject({
      errcode: 40007,
    });
  });

  it('a first-attempt 503 is a retried connection-level failure', async () => {
    server = await startServer({
      [GET]: () => (res) => void res.writeHead(503).end('busy'),
    });
    await expect(clientFor(server, { maxRetries: 1 }).media.get({ media_id: 'M' })).rejects.toBeInstanceOf(
      KfConnectionError,
    );
    expect(server.on(GET)).toHaveLength(2);
  });
});

describe('media.get edge answers', () => {
  it.each([
    ['application/octet-stream', ''],
    ['application/json', '{"message":"range not satisfiable"}'],
  ])(
    'turns HTTP 416 (%s) into KfRangeNotSatisfiableError with the total size, not retried',
    async (type, body) => {
      server = await startServer({
        [GET]: () => (res) =>
          void res.writeHead(416, { 'content-type': type, 'content-range': 'bytes */16' }).end(body),
      });
      const error = await clientFor(server)
        .media.get({ media_id: 'M' }, { range: { start: 16, end: 31 } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KfRangeNotSatisfiableError);
      expect(error).toBeInstanceOf(KfInvalidOptionsError);
      expect(error).toMatchObject({ total: 16, range: { start: 16, end: 31 } });
      expect((error as Error).message).toMatch(/bytes=16-31 is not satisfiable: the file has 16 bytes/);
      expect(server.on(GET)).toHaveLength(1);
    },
  );

  it('reports an unknown total when the 416 has no Content-Range', async () => {
    server = await startServer({ [GET]: () => (res) => void res.writeHead(416).end() });
    const error = await clientFor(server)
      .media.getStream({ media_id: 'M' }, { range: { start: 99 } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ total: undefined, range: { start: 99, end: undefined } });
  });

  it.each([
    ["attachment; filename*=utf-8'zh-CN'%E6%96%87%E4%BB%B6.txt", '文件.txt'],
    ['attachment; filename="fallback.txt"; filename*=UTF-8\'\'%E5%9B%BE%E7%89%87.png', '图片.png'],
    ["attachment; filename*=ISO-8859-1''caf%E9.txt", 'café.txt'],
    ['attachment; filename="plain \\"quoted\\".txt"', 'plain "quoted".txt'],
    ['attachment; filename*=UTF-8\'\'%E6%96%87%ZZ.txt; filename="safe.txt"', 'safe.txt'],
  ])('reads the file name of %s', async (disposition, filename) => {
    server = await startServer({
      [GET]: () => (res) =>
        void res
          .writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': disposition })
          .end('0123456789'),
    });
    const media = await clientFor(server).media.get({ media_id: 'M' });
    expect(media.filename).toBe(filename);
  });
});
