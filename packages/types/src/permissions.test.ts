import { describe, expect, it } from 'vitest';
import { KfEndpoints } from './endpoints.js';
import { KF_ENDPOINT_PERMISSIONS, KF_THIRD_PARTY_ONLY } from './permissions.js';

describe('endpoint permissions', () => {
  it('names a permission for every endpoint of the table, and nothing else', () => {
    expect(Object.keys(KF_ENDPOINT_PERMISSIONS).sort()).toEqual(Object.keys(KfEndpoints).sort());
  });

  it('keeps idconvert/open_kfid, and only it, to third-party and 代开发 tokens (doc 97110)', () => {
    expect([...KF_THIRD_PARTY_ONLY]).toEqual(['idconvert.openKfid']);
    expect(KfEndpoints['idconvert.openKfid'].path).toBe('/cgi-bin/idconvert/open_kfid');
  });
});
