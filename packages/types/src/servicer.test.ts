import { describe, expect, it } from 'vitest';
import { endpointFixture } from './__fixtures__/endpoints/load.js';
import { unlistedField } from './common.js';
import {
  KfServicer,
  KfServicerResult,
  KfServicerStatus,
  KfServicerStopType,
  ServicerAddRequest,
  ServicerAddResponse,
  ServicerDelRequest,
  ServicerDelResponse,
  ServicerListRequest,
  ServicerListResponse,
} from './servicer.js';

const ids = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const departments = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('official examples', () => {
  it('parses the servicer/add and servicer/del request (F-11, F-13)', () => {
    const expected = {
      open_kfid: 'kfxxxxxxxxxxxxxx',
      userid_list: ['zhangsan', 'lisi'],
      department_id_list: [2, 4],
    };
    expect(ServicerAddRequest.parse(endpointFixture('F-11-servicer-add-request'))).toEqual(expected);
    expect(ServicerDelRequest.parse(endpointFixture('F-11-servicer-add-request'))).toEqual(expected);
  });

  it('parses the servicer/add and servicer/del response with success and ignored items (F-12, F-14)', () => {
    for (const schema of [ServicerAddResponse, ServicerDelResponse]) {
      const body = schema.parse(endpointFixture('F-12-servicer-add-response'));
      expect(body.result_list.map((r) => r.errmsg)).toEqual(['success', 'ignored', 'success', 'ignored']);
      expect(body.result_list[0]).toEqual({ userid: 'zhangsan', errcode: 0, errmsg: 'success' });
      expect(body.result_list[3]).toEqual({ department_id: 3, errcode: 0, errmsg: 'ignored' });
    }
  });

  it('parses servicer/list with members lacking stop_type and departments lacking status (F-15)', () => {
    const list = ServicerListResponse.parse(endpointFixture('F-15-servicer-list-response')).servicer_list;
    expect(list).toHaveLength(4);
    expect(list[0]).toEqual({ userid: 'zhangsan', status: KfServicerStatus.Receiving });
    expect(list[1]?.status).toBe(KfServicerStatus.Stopped);
    expect(list[1]?.stop_type).toBeUndefined();
    expect(list[2]).toEqual({ department_id: 2 });
    expect(list[2]?.userid).toBeUndefined();
    expect(list[2]?.status).toBeUndefined();
  });
});

describe('KfServicer', () => {
  it('reads stop_type when the member has stopped receiving', () => {
    const servicer = KfServicer.parse({ userid: 'lisi', status: 1, stop_type: KfServicerStopType.Suspended });
    expect(servicer.stop_type).toBe(1);
  });

  it('accepts a member without status (the app lacks management privilege)', () => {
    expect(KfServicer.parse({ userid: 'zhangsan' })).toEqual({ userid: 'zhangsan' });
  });

  it('keeps fields the platform adds later', () => {
    const body = ServicerListResponse.parse({
      errcode: 0,
      errmsg: 'ok',
      servicer_list: [{ userid: 'a', status: 0, nickname: 'A' }],
      total: 1,
    });
    expect(unlistedField(body, 'total')).toBe(1);
    expect(unlistedField(body.servicer_list[0]!, 'nickname')).toBe('A');
  });

  it('rejects a status that is not an integer', () => {
    expect(KfServicer.safeParse({ userid: 'a', status: '0' }).success).toBe(false);
  });
});

describe('KfServicerResult', () => {
  it('carries a per-item error code', () => {
    const result = KfServicerResult.parse({ userid: 'x', errcode: 60011, errmsg: 'no privilege' });
    expect(result.errcode).toBe(60011);
  });

  it('requires errcode and errmsg', () => {
    expect(KfServicerResult.safeParse({ userid: 'x', errmsg: 'success' }).success).toBe(false);
    expect(KfServicerResult.safeParse({ userid: 'x', errcode: 0 }).success).toBe(false);
  });
});

describe.each([
  ['servicer/add', ServicerAddRequest],
  ['servicer/del', ServicerDelRequest],
])('%s request', (_name, schema) => {
  it('accepts 100 userids and rejects 101', () => {
    expect(schema.safeParse({ open_kfid: 'wk1', userid_list: ids(100) }).success).toBe(true);
    const result = schema.safeParse({ open_kfid: 'wk1', userid_list: ids(101) });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('userid_list may hold at most 100 items per call');
  });

  it('accepts 100 department ids and rejects 101', () => {
    expect(schema.safeParse({ open_kfid: 'wk1', department_id_list: departments(100) }).success).toBe(true);
    expect(schema.safeParse({ open_kfid: 'wk1', department_id_list: departments(101) }).success).toBe(false);
  });

  it('accepts either list alone with one item, the other absent or empty', () => {
    expect(schema.safeParse({ open_kfid: 'wk1', userid_list: ['a'] }).success).toBe(true);
    expect(schema.safeParse({ open_kfid: 'wk1', department_id_list: [2] }).success).toBe(true);
    expect(schema.safeParse({ open_kfid: 'wk1', userid_list: [], department_id_list: [2] }).success).toBe(
      true,
    );
    expect(schema.safeParse({ open_kfid: 'wk1', userid_list: ['a'], department_id_list: [] }).success).toBe(
      true,
    );
  });

  it('rejects a body with neither list', () => {
    const result = schema.safeParse({ open_kfid: 'wk1' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['userid_list']);
  });

  it('rejects a body whose only lists are empty, with 40063', () => {
    for (const body of [
      { open_kfid: 'wk1', userid_list: [] },
      { open_kfid: 'wk1', department_id_list: [] },
      { open_kfid: 'wk1', userid_list: [], department_id_list: [] },
    ]) {
      const result = schema.safeParse(body);
      expect(result.success).toBe(false);
      const issue = result.error?.issues[0];
      expect(issue?.path).toEqual(['userid_list']);
      expect(issue?.code === 'custom' && issue.params?.errcode).toBe(40063);
    }
  });

  it('rejects negative or fractional department ids', () => {
    expect(schema.safeParse({ open_kfid: 'wk1', department_id_list: [-1] }).success).toBe(false);
    expect(schema.safeParse({ open_kfid: 'wk1', department_id_list: [1.5] }).success).toBe(false);
  });

  it('rejects unknown fields', () => {
    const result = schema.safeParse({ open_kfid: 'wk1', userid_list: ['a'], user_list: ['b'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('requires open_kfid', () => {
    expect(schema.safeParse({ userid_list: ['a'] }).success).toBe(false);
  });
});

describe('servicer/list query', () => {
  it('takes open_kfid only', () => {
    expect(ServicerListRequest.parse({ open_kfid: 'wk1' })).toEqual({ open_kfid: 'wk1' });
    expect(ServicerListRequest.safeParse({ open_kfid: 'wk1', offset: 0 }).success).toBe(false);
    expect(ServicerListRequest.safeParse({}).success).toBe(false);
  });

  it('accepts a 64-byte open_kfid and rejects 65 bytes', () => {
    expect(ServicerListRequest.safeParse({ open_kfid: 'w'.repeat(64) }).success).toBe(true);
    expect(ServicerListRequest.safeParse({ open_kfid: 'w'.repeat(65) }).success).toBe(false);
  });
});
