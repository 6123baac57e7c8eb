import { describe, expect, it } from 'vitest';
import { KfEndpoints } from './endpoints.js';

const entries = Object.entries(KfEndpoints);

describe('KfEndpoints', () => {
  it('lists the 32 endpoints of the API (31 plus the third-party idconvert/open_kfid)', () => {
    expect(entries).toHaveLength(32);
    expect(new Set(entries.map(([, e]) => `${e.method} ${e.path}`)).size).toBe(32);
  });

  it('names each endpoint after its URL: the path after /cgi-bin/kf/ with segments camelCased', () => {
    const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    for (const [name, endpoint] of entries) {
      if (name === 'getToken') {
        expect(endpoint.path).toBe('/cgi-bin/gettoken');
        continue;
      }
      const rest = endpoint.path.replace(/^\/cgi-bin\/(kf\/)?/, '');
      expect(rest.split('/').map(camel).join('.')).toBe(name);
    }
  });

  it('uses GET exactly where the platform documents it', () => {
    const gets = entries.filter(([, e]) => e.method === 'GET').map(([name]) => name);
    expect(gets.sort()).toEqual(
      [
        'customer.getUpgradeServiceConfig',
        'getCorpQualification',
        'getToken',
        'media.get',
        'servicer.list',
      ].sort(),
    );
  });

  it('authenticates every call except gettoken', () => {
    expect(entries.filter(([, e]) => !e.authenticated).map(([name]) => name)).toEqual(['getToken']);
  });

  it('has strict requests: a misspelt field is rejected', () => {
    const r = KfEndpoints['account.del'].request.safeParse({ open_kfid: 'wk1', open_kfld: 'x' });
    expect(r.success).toBe(false);
  });

  it('has loose responses: a field the platform adds later is kept', () => {
    const r = KfEndpoints['account.add'].response.parse({
      errcode: 0,
      errmsg: 'ok',
      open_kfid: 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw',
      new_field: 1,
    });
    expect(r).toMatchObject({ open_kfid: 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw', new_field: 1 });
  });
});
