import { describe, expect, it } from 'vitest';
import { CORP_ID, SECRET } from './__fixtures__/server.js';
import { KfClient } from './client.js';
import { KfInvalidOptionsError } from './errors.js';
import type { KfClientOptions } from './options.js';

function construct(options: unknown): KfInvalidOptionsError {
  try {
    new KfClient(options as KfClientOptions);
  } catch (error) {
    if (error instanceof KfInvalidOptionsError) return error;
    throw error;
  }
  throw new Error('expected the constructor to throw');
}

describe('KfClient options', () => {
  it('accepts the minimal options', () => {
    expect(new KfClient({ corpId: CORP_ID, secret: SECRET })).toBeInstanceOf(KfClient);
  });

  it('rejects an unknown option by name', () => {
    const error = construct({ corpId: CORP_ID, secret: SECRET, retries: 3 });
    expect(error.message).toMatch(/retries/);
  });

  it.each([
    [{ corpId: '', secret: SECRET }, 'corpId'],
    [{ corpId: CORP_ID }, 'secret'],
    [{ corpId: CORP_ID, secret: SECRET, maxRetries: -1 }, 'maxRetries'],
    [{ corpId: CORP_ID, secret: SECRET, maxRetries: 1.5 }, 'maxRetries'],
    [{ corpId: CORP_ID, secret: SECRET, timeout: 0 }, 'timeout'],
    [{ corpId: CORP_ID, secret: SECRET, baseURL: 'ftp://example.com' }, 'baseURL'],
    [{ corpId: CORP_ID, secret: SECRET, baseURL: 'https://example.com/?a=1' }, 'baseURL'],
    [{ corpId: CORP_ID, secret: SECRET, validateResponses: 'strict' }, 'validateResponses'],
    [{ corpId: CORP_ID, secret: SECRET, tokenStore: { get() {} } }, 'tokenStore'],
    [{ corpId: CORP_ID, secret: SECRET, logger: {} }, 'logger'],
    [{ corpId: CORP_ID, secret: SECRET, fetch: 'fetch' }, 'fetch'],
    [{ corpId: CORP_ID, secret: SECRET, hooks: { onRequst: () => {} } }, 'hooks'],
  ])('rejects invalid options (%o names %s)', (options, name) => {
    const error = construct(options);
    expect(error.issues.map((i) => String(i.path[0]))).toContain(name);
  });

  it('never prints the secret in the error, even when the secret itself is the problem', () => {
    const error = construct({ corpId: 42, secret: SECRET, maxRetries: SECRET });
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(error.issues.map((i) => String(i.path[0])).sort()).toEqual(['corpId', 'maxRetries']);
  });

  it('rejects invalid per-call options before any request', async () => {
    let calls = 0;
    const kf = new KfClient({
      corpId: CORP_ID,
      secret: SECRET,
      fetch: async () => {
        calls += 1;
        return new Response('{}');
      },
    });
    await expect(kf.account.list({}, { timeout: -5 })).rejects.toBeInstanceOf(KfInvalidOptionsError);
    await expect(kf.account.list({}, { retries: 1 } as never)).rejects.toThrow(/retries/);
    expect(calls).toBe(0);
  });
});
