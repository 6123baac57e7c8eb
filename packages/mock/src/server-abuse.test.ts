/**
 * The standalone server under hostile input: request bodies far over any route's bound, request
 * targets a proxy or a scanner sends. Memory is measured in a child process (`runChild`), where
 * the figure is the server's own; in the test worker it would be vitest's as well.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChild } from './__fixtures__/child.js';
import type { KfMockServer } from './server.js';
import { start } from './server.js';

interface Sent {
  readonly scenario: string;
  readonly status: number;
  readonly body: string;
  readonly sentMb: number;
  readonly offeredMb: number;
  readonly grewMb: number;
}

describe('request bodies over their route bound (256 MiB offered each, measured in a child process)', () => {
  let sent: Sent[] = [];
  beforeAll(async () => {
    sent = await runChild<Sent[]>('./memory-child.ts', ['256', 'not-found', 'control', 'api', 'upload']);
  }, 60_000);
  const of = (scenario: string) => sent.find((s) => s.scenario === scenario);

  it.each([
    ['not-found', 413, /"errcode":45002/],
    ['api', 413, /"errcode":45002/],
    ['control', 413, /"type":"payload_too_large"/],
    ['upload', 200, /"errcode":40009/],
  ])('%s: answered %i at once, and the server grew less than 64 MB', (scenario, status, body) => {
    const result = of(scenario);
    expect(result).toMatchObject({ status, offeredMb: 256 });
    expect(result?.body).toMatch(body);
    // Answered long before the whole body was sent: the rest was never read.
    expect(result?.sentMb).toBeLessThan(64);
    expect(result?.grewMb).toBeLessThan(64);
  });
});

describe('request targets', () => {
  let server: KfMockServer;
  beforeAll(async () => {
    server = await start({ seed: 'targets' });
  });
  afterAll(async () => {
    await server.close();
  });

  /** Sends one raw HTTP/1.1 request and returns the status line and the body. */
  function raw(requestLine: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1');
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        data += chunk;
      });
      socket.on('error', reject);
      socket.on('end', () => {
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
        resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
      });
      socket.write(`${requestLine}\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`);
    });
  }

  it('answers an absolute-form request line (what HTTP proxies send) like its path', async () => {
    const { corpId, secret } = server.mock.credentials;
    const answer = await raw(
      `GET http://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${secret} HTTP/1.1`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/"errcode":0/);
    expect(answer.body).toMatch(/"access_token":"\w{64}"/);
  });

  it('answers GET * with 400, not 500', async () => {
    const answer = await raw('GET * HTTP/1.1');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/"errcode":400/);
  });
});
