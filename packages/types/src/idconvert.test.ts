import { describe, expect, it } from 'vitest';
import { endpointFixture } from './__fixtures__/endpoints/load.js';
import {
  IDCONVERT_MAX_OPEN_KFIDS,
  IdconvertOpenKfidRequest,
  IdconvertOpenKfidResponse,
} from './idconvert.js';

describe('official examples', () => {
  it('parses the third-party idconvert/open_kfid request and response (F-63)', () => {
    expect(IdconvertOpenKfidRequest.parse(endpointFixture('F-63a-idconvert-open-kfid-request'))).toEqual({
      open_kfid_list: ['KFID1', 'KFID2', 'KFID3', 'KFID4'],
    });
    const response = IdconvertOpenKfidResponse.parse(endpointFixture('F-63b-idconvert-open-kfid-response'));
    expect(response.items).toEqual([
      { open_kfid: 'KFID1', new_open_kfid: 'NEW_KFID1' },
      { open_kfid: 'KFID2', new_open_kfid: 'NEW_KFID2' },
    ]);
    expect(response.invalid_open_kfid_list).toEqual(['KFID3', 'KFID4']);
    expect(IdconvertOpenKfidRequest.safeParse({ open_kfid_list: [] }).success).toBe(false);
  });
});

describe('limits', () => {
  it('takes at most 1000 ids per call (official doc 97110)', () => {
    const ids = Array.from({ length: IDCONVERT_MAX_OPEN_KFIDS + 1 }, (_, i) => `wk${i}`);
    expect(IdconvertOpenKfidRequest.safeParse({ open_kfid_list: ids.slice(0, -1) }).success).toBe(true);
    expect(IdconvertOpenKfidRequest.safeParse({ open_kfid_list: ids }).success).toBe(false);
  });
});
