import { describe, expect, it } from 'vitest';
import { timedRequest } from './http.js';

describe('timedRequest', () => {
  it('ends the attempt at its deadline even when fetch never settles', async () => {
    const never = () => new Promise<Response>(() => undefined);
    const answer = await timedRequest(
      never,
      'http://127.0.0.1:9/callback',
      { method: 'POST', body: 'x' },
      20,
    );
    expect(answer).toEqual({ status: null, body: '', error: 'no answer within 20 ms' });
  });

  it('ends the attempt at its deadline when the body never ends', async () => {
    const endless = async () =>
      new Response(new ReadableStream({ pull: () => new Promise(() => undefined) }));
    const answer = await timedRequest(endless, 'http://127.0.0.1:9/callback', { method: 'GET' }, 20);
    expect(answer).toEqual({ status: null, body: '', error: 'no answer within 20 ms' });
  });

  it('returns the status and body of an answer in time', async () => {
    const ok = async () => new Response('success', { status: 200 });
    await expect(timedRequest(ok, 'http://127.0.0.1:9/callback', { method: 'GET' }, 1_000)).resolves.toEqual({
      status: 200,
      body: 'success',
    });
  });
});
