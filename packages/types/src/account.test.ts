import { describe, expect, it } from 'vitest';
import { endpointFixture } from './__fixtures__/endpoints/load.js';
import { errcodeOf } from './__fixtures__/issues.js';
import {
  AccountAddRequest,
  AccountAddResponse,
  AccountDelRequest,
  AccountDelResponse,
  AccountListRequest,
  AccountListResponse,
  AccountUpdateRequest,
  AccountUpdateResponse,
  AddContactWayRequest,
  AddContactWayResponse,
  KfAccount,
} from './account.js';
import { unlistedField } from './common.js';

const MEDIA_ID = '294DpAog3YA5b9rTK4PjjfRfYLO0L5qpDHAJIzhhQ2jAEWjb9i661Q4lk8oFnPtmj';

describe('official examples', () => {
  it('parses account/add request and response (F-02, F-03)', () => {
    expect(AccountAddRequest.parse(endpointFixture('F-02-account-add-request'))).toEqual({
      name: '新建的客服账号',
      media_id: MEDIA_ID,
    });
    expect(AccountAddResponse.parse(endpointFixture('F-03-account-add-response')).open_kfid).toBe(
      'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw',
    );
  });

  it('parses account/del and account/update (F-04, F-06, F-05)', () => {
    expect(AccountDelRequest.parse(endpointFixture('F-04-account-del-request')).open_kfid).toBe(
      'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw',
    );
    expect(AccountUpdateRequest.parse(endpointFixture('F-06-account-update-request')).name).toBe(
      '修改客服名',
    );
    expect(AccountDelResponse.parse(endpointFixture('F-05-generic-success'))).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    expect(AccountUpdateResponse.parse(endpointFixture('F-05-generic-success')).errcode).toBe(0);
  });

  it('parses account/list request and response (F-07, F-08)', () => {
    expect(AccountListRequest.parse(endpointFixture('F-07-account-list-request'))).toEqual({
      offset: 0,
      limit: 100,
    });
    const list = AccountListResponse.parse(endpointFixture('F-08-account-list-response'));
    expect(list.account_list).toHaveLength(1);
    expect(list.account_list[0]).toMatchObject({
      open_kfid: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
      name: '咨询客服',
      manage_privilege: false,
    });
  });

  it('parses add_contact_way request and response (F-09, F-10)', () => {
    expect(AddContactWayRequest.parse(endpointFixture('F-09-add-contact-way-request')).scene).toBe('12345');
    expect(AddContactWayResponse.parse(endpointFixture('F-10-add-contact-way-response')).url).toBe(
      'https://work.weixin.qq.com/kf/kfcbf8f8d07ac7215f?enc_scene=ENCGFSDF567DF',
    );
  });
});

describe('KfAccount', () => {
  it('accepts an account without manage_privilege (kf component apps do not get it)', () => {
    const account = KfAccount.parse({ open_kfid: 'wk1', name: 'n', avatar: 'https://a' });
    expect(account.manage_privilege).toBeUndefined();
  });

  it('keeps fields the platform adds later', () => {
    const body = {
      ...(endpointFixture('F-08-account-list-response') as object),
      request_id: 'r1',
      account_list: [{ open_kfid: 'wk1', name: 'n', avatar: 'a', manage_privilege: true, tag: 'vip' }],
    };
    const parsed = AccountListResponse.parse(body);
    expect(unlistedField(parsed, 'request_id')).toBe('r1');
    expect(unlistedField(parsed.account_list[0]!, 'tag')).toBe('vip');
  });

  it('rejects a response whose business field has the wrong type', () => {
    expect(AccountAddResponse.safeParse({ errcode: 0, errmsg: 'ok', open_kfid: 1 }).success).toBe(false);
  });
});

describe('account/add', () => {
  it('rejects an unknown field (a typo is an error, as on the platform)', () => {
    const result = AccountAddRequest.safeParse({ name: 'a', media_id: 'm', nmae: 'a' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('accepts a 16-character name and rejects 17 characters with 95006', () => {
    expect(AccountAddRequest.safeParse({ name: '客'.repeat(16), media_id: 'm' }).success).toBe(true);
    const result = AccountAddRequest.safeParse({ name: '客'.repeat(17), media_id: 'm' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('name must be at most 16 characters');
    expect(errcodeOf(result)).toBe(95006);
  });

  it('counts astral characters once in the name', () => {
    expect(AccountAddRequest.safeParse({ name: '😀'.repeat(16), media_id: 'm' }).success).toBe(true);
    expect(AccountAddRequest.safeParse({ name: '😀'.repeat(17), media_id: 'm' }).success).toBe(false);
  });

  it('rejects an empty name with 95006', () => {
    const result = AccountAddRequest.safeParse({ name: '', media_id: 'm' });
    expect(result.success).toBe(false);
    expect(errcodeOf(result)).toBe(95006);
  });

  it('accepts a 128-byte media_id and rejects 129 bytes, counting UTF-8 bytes', () => {
    expect(AccountAddRequest.safeParse({ name: 'a', media_id: 'm'.repeat(128) }).success).toBe(true);
    expect(AccountAddRequest.safeParse({ name: 'a', media_id: 'm'.repeat(129) }).success).toBe(false);
    expect(AccountAddRequest.safeParse({ name: 'a', media_id: `${'中'.repeat(42)}ab` }).success).toBe(true);
    expect(AccountAddRequest.safeParse({ name: 'a', media_id: '中'.repeat(43) }).success).toBe(false);
  });

  it('requires both fields', () => {
    expect(AccountAddRequest.safeParse({ name: 'a' }).success).toBe(false);
    expect(AccountAddRequest.safeParse({ media_id: 'm' }).success).toBe(false);
  });
});

describe('account/del and account/update', () => {
  it('accepts a 64-byte open_kfid and rejects 65 bytes with 95000', () => {
    expect(AccountDelRequest.safeParse({ open_kfid: 'w'.repeat(64) }).success).toBe(true);
    const result = AccountDelRequest.safeParse({ open_kfid: 'w'.repeat(65) });
    expect(result.success).toBe(false);
    expect(errcodeOf(result)).toBe(95000);
  });

  it('rejects an empty open_kfid', () => {
    expect(AccountDelRequest.safeParse({ open_kfid: '' }).success).toBe(false);
  });

  it('lets update omit name and media_id to keep them', () => {
    expect(AccountUpdateRequest.parse({ open_kfid: 'wk1' })).toEqual({ open_kfid: 'wk1' });
  });

  it('applies the name limit and 95006 to update too', () => {
    expect(AccountUpdateRequest.safeParse({ open_kfid: 'wk1', name: '名'.repeat(16) }).success).toBe(true);
    const result = AccountUpdateRequest.safeParse({ open_kfid: 'wk1', name: '名'.repeat(17) });
    expect(errcodeOf(result)).toBe(95006);
  });

  it('applies the media_id limit to update', () => {
    expect(AccountUpdateRequest.safeParse({ open_kfid: 'wk1', media_id: 'm'.repeat(128) }).success).toBe(
      true,
    );
    expect(AccountUpdateRequest.safeParse({ open_kfid: 'wk1', media_id: 'm'.repeat(129) }).success).toBe(
      false,
    );
  });

  it('rejects unknown fields', () => {
    expect(AccountDelRequest.safeParse({ open_kfid: 'wk1', force: true }).success).toBe(false);
    expect(AccountUpdateRequest.safeParse({ open_kfid: 'wk1', avatar: 'x' }).success).toBe(false);
  });
});

describe('account/list', () => {
  it('accepts an empty body and adds no defaults to it', () => {
    expect(AccountListRequest.parse({})).toEqual({});
  });

  it('accepts limit 1 to 100 and rejects 0 and 101', () => {
    expect(AccountListRequest.safeParse({ limit: 1 }).success).toBe(true);
    expect(AccountListRequest.safeParse({ limit: 100 }).success).toBe(true);
    const zero = AccountListRequest.safeParse({ limit: 0 });
    expect(zero.success).toBe(false);
    expect(zero.error?.issues[0]?.message).toBe('limit must be between 1 and 100');
    expect(AccountListRequest.safeParse({ limit: 101 }).success).toBe(false);
    expect(AccountListRequest.safeParse({ limit: 1.5 }).success).toBe(false);
  });

  it('accepts offset 0 to 2^32 − 1 and rejects −1 and 2^32', () => {
    expect(AccountListRequest.safeParse({ offset: 0 }).success).toBe(true);
    expect(AccountListRequest.safeParse({ offset: 0xffff_ffff }).success).toBe(true);
    expect(AccountListRequest.safeParse({ offset: -1 }).success).toBe(false);
    expect(AccountListRequest.safeParse({ offset: 0x1_0000_0000 }).success).toBe(false);
  });

  it('rejects unknown fields', () => {
    expect(AccountListRequest.safeParse({ cursor: 'x' }).success).toBe(false);
  });
});

describe('add_contact_way', () => {
  it('accepts a 32-byte scene and rejects 33 bytes', () => {
    expect(AddContactWayRequest.safeParse({ open_kfid: 'wk1', scene: 'a'.repeat(32) }).success).toBe(true);
    expect(AddContactWayRequest.safeParse({ open_kfid: 'wk1', scene: 'a'.repeat(33) }).success).toBe(false);
  });

  it('accepts only [0-9a-zA-Z_-] in scene', () => {
    expect(AddContactWayRequest.safeParse({ open_kfid: 'wk1', scene: 'aZ09_-' }).success).toBe(true);
    expect(AddContactWayRequest.safeParse({ open_kfid: 'wk1', scene: '' }).success).toBe(true);
    const result = AddContactWayRequest.safeParse({ open_kfid: 'wk1', scene: '场景' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('scene may only contain 0-9, a-z, A-Z, _ and -');
    expect(AddContactWayRequest.safeParse({ open_kfid: 'wk1', scene: 'a b' }).success).toBe(false);
  });

  it('makes scene optional and open_kfid required', () => {
    expect(AddContactWayRequest.parse({ open_kfid: 'wk1' })).toEqual({ open_kfid: 'wk1' });
    expect(AddContactWayRequest.safeParse({ scene: 'a' }).success).toBe(false);
  });

  it('rejects unknown fields', () => {
    expect(AddContactWayRequest.safeParse({ open_kfid: 'wk1', scene_param: 'a=1' }).success).toBe(false);
  });
});
