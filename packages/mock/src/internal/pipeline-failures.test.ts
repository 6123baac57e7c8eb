import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { json } from '../__fixtures__/harness.js';
import { resolveOptions } from '../options.js';
import { route } from './pipeline.js';
import { issueToken } from './tokens.js';
import { createWorld, DEFAULT_APP } from './world.js';

const logger = { error: vi.fn() };
let added = 0;
const world = createWorld(resolveOptions({ baseUrl: 'https://broken.test', logger }));
const server = setupServer(
  route(world, 'account.list', () => {
    throw new Error('boom');
  }),
  route(world, 'addContactWay', () => {
    added++; // stands for a change to the world
    return { url: 42 };
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

async function call(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const token = issueToken(world, DEFAULT_APP).token;
  const response = await fetch(`https://broken.test${path}?access_token=${token}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await json(response) };
}

describe('failures inside the mock', () => {
  it('answers -1 with HTTP 200 and tells the logger when a handler throws', async () => {
    const { status, json } = await call('/cgi-bin/kf/account/list', {});
    expect(status).toBe(200);
    expect(json.errcode).toBe(-1);
    expect(logger.error).toHaveBeenCalledWith(
      '@kf/mock failed while handling account.list',
      expect.objectContaining({ error: expect.any(Error) }),
    );
  });

  it('answers what the handler committed, not a retryable -1, when its response breaks the schema', async () => {
    const before = added;
    const { json } = await call('/cgi-bin/kf/add_contact_way', { open_kfid: 'wk1' });
    expect(added).toBe(before + 1); // the handler changed the world once
    expect(json).toEqual({ errcode: 0, errmsg: 'ok', url: 42 });
    expect(logger.error).toHaveBeenCalledWith(
      '@kf/mock built an invalid addContactWay response',
      expect.objectContaining({ issues: expect.any(Array) }),
    );
  });
});
