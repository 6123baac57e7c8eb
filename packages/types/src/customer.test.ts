import { describe, expect, it } from 'vitest';
import { endpointFixture } from './__fixtures__/endpoints/load.js';
import { unlistedField } from './common.js';
import {
  CustomerBatchgetRequest,
  CustomerBatchgetResponse,
  CustomerCancelUpgradeServiceRequest,
  CustomerCancelUpgradeServiceResponse,
  CustomerGetUpgradeServiceConfigRequest,
  CustomerGetUpgradeServiceConfigResponse,
  CustomerUpgradeServiceRequest,
  CustomerUpgradeServiceResponse,
  KfCustomer,
  KfUpgradeServiceType,
} from './customer.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `wm${i}`);

describe('official examples', () => {
  it('parses customer/batchget request and response (F-46, F-47)', () => {
    expect(CustomerBatchgetRequest.parse(endpointFixture('F-46-customer-batchget-request'))).toEqual({
      external_userid_list: ['wmxxxxxxxxxxxxxxxxxxxxxx', 'zhangsan'],
      need_enter_session_context: 0,
    });
    const body = CustomerBatchgetResponse.parse(endpointFixture('F-47-customer-batchget-response'));
    expect(body.invalid_external_userid).toEqual(['zhangsan']);
    const customer = body.customer_list[0];
    expect(customer?.nickname).toBe('张三');
    expect(customer?.gender).toBe(1);
    expect(customer?.enter_session_context).toEqual({
      scene: '123',
      scene_param: 'abc',
      wechat_channels: { nickname: '进入会话的视频号名称', scene: 1 },
    });
  });

  it('parses the upgrade service config (F-48)', () => {
    const body = CustomerGetUpgradeServiceConfigResponse.parse(
      endpointFixture('F-48-get-upgrade-service-config-response'),
    );
    expect(body.member_range).toEqual({ userid_list: ['zhangsan', 'lisi'], department_id_list: [2, 3] });
    expect(body.groupchat_range.chat_id_list).toEqual(['wraaaaaaaaaaaaaaaa', 'wrbbbbbbbbbbbbbbb']);
  });

  it('parses both upgrade_service requests (F-49, F-50)', () => {
    const member = CustomerUpgradeServiceRequest.parse(
      endpointFixture('F-49-upgrade-service-member-request'),
    );
    expect(member.type).toBe(KfUpgradeServiceType.Member);
    expect(member.type === 1 && member.member.wording).toBe('你好，我是你的专属服务专员zhangsan');
    const group = CustomerUpgradeServiceRequest.parse(
      endpointFixture('F-50-upgrade-service-groupchat-request'),
    );
    expect(group.type === 2 && group.groupchat.chat_id).toBe('wraaaaaaaaaaaaaaaa');
  });

  it('parses cancel_upgrade_service (F-51) and the envelope-only responses (F-05)', () => {
    expect(
      CustomerCancelUpgradeServiceRequest.parse(endpointFixture('F-51-cancel-upgrade-service-request')),
    ).toEqual({ open_kfid: 'kfxxxxxxxxxxxxxx', external_userid: 'wmxxxxxxxxxxxxxxxxxx' });
    expect(CustomerUpgradeServiceResponse.parse(endpointFixture('F-05-generic-success')).errmsg).toBe('ok');
    expect(CustomerCancelUpgradeServiceResponse.parse(endpointFixture('F-05-generic-success')).errcode).toBe(
      0,
    );
  });
});

describe('customer/batchget', () => {
  it('accepts 1 to 100 ids and rejects 0 and 101', () => {
    expect(CustomerBatchgetRequest.safeParse({ external_userid_list: ids(1) }).success).toBe(true);
    expect(CustomerBatchgetRequest.safeParse({ external_userid_list: ids(100) }).success).toBe(true);
    const empty = CustomerBatchgetRequest.safeParse({ external_userid_list: [] });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe('external_userid_list must hold 1 to 100 ids');
    expect(CustomerBatchgetRequest.safeParse({ external_userid_list: ids(101) }).success).toBe(false);
  });

  it('accepts need_enter_session_context 0 or 1 only, and may omit it', () => {
    expect(
      CustomerBatchgetRequest.safeParse({ external_userid_list: ['a'], need_enter_session_context: 1 })
        .success,
    ).toBe(true);
    expect(CustomerBatchgetRequest.parse({ external_userid_list: ['a'] })).toEqual({
      external_userid_list: ['a'],
    });
    expect(
      CustomerBatchgetRequest.safeParse({ external_userid_list: ['a'], need_enter_session_context: 2 })
        .success,
    ).toBe(false);
    expect(
      CustomerBatchgetRequest.safeParse({ external_userid_list: ['a'], need_enter_session_context: true })
        .success,
    ).toBe(false);
  });

  it('rejects unknown fields', () => {
    const result = CustomerBatchgetRequest.safeParse({ external_userid_list: ['a'], need_context: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('accepts a customer as third-party apps see it: no avatar, no unionid, gender 0', () => {
    expect(KfCustomer.parse({ external_userid: 'wm1', nickname: 'n', gender: 0 })).toEqual({
      external_userid: 'wm1',
      nickname: 'n',
      gender: 0,
    });
  });

  it('accepts a session context without the 视频号 part', () => {
    const customer = KfCustomer.parse({
      external_userid: 'wm1',
      nickname: 'n',
      gender: 2,
      enter_session_context: { scene: 's', scene_param: 'a=1' },
    });
    expect(customer.enter_session_context?.wechat_channels).toBeUndefined();
  });

  it('keeps fields the platform adds later, at every level', () => {
    const body = CustomerBatchgetResponse.parse({
      errcode: 0,
      errmsg: 'ok',
      customer_list: [
        {
          external_userid: 'wm1',
          nickname: 'n',
          gender: 1,
          language: 'zh',
          enter_session_context: {
            scene: 's',
            entry: 'qr',
            wechat_channels: { scene: 4, shop_nickname: 'shop' },
          },
        },
      ],
      invalid_external_userid: [],
      next: 'x',
    });
    expect(unlistedField(body, 'next')).toBe('x');
    expect(unlistedField(body.customer_list[0]!, 'language')).toBe('zh');
    expect(unlistedField(body.customer_list[0]!.enter_session_context!, 'entry')).toBe('qr');
    expect(body.customer_list[0]?.enter_session_context?.wechat_channels?.shop_nickname).toBe('shop');
  });

  it('gives absent lists as [] (a request whose ids are all valid, or all invalid)', () => {
    expect(CustomerBatchgetResponse.parse({ errcode: 0, errmsg: 'ok', customer_list: [] })).toEqual({
      errcode: 0,
      errmsg: 'ok',
      customer_list: [],
      invalid_external_userid: [],
    });
    expect(
      CustomerBatchgetResponse.parse({ errcode: 0, errmsg: 'ok', invalid_external_userid: ['wm1'] }),
    ).toEqual({ errcode: 0, errmsg: 'ok', customer_list: [], invalid_external_userid: ['wm1'] });
  });

  it('still rejects a list of the wrong type', () => {
    expect(
      CustomerBatchgetResponse.safeParse({ errcode: 0, errmsg: 'ok', invalid_external_userid: 'wm1' })
        .success,
    ).toBe(false);
  });

  it('accepts a customer without gender or nickname (third-party and 代开发 apps)', () => {
    expect(KfCustomer.parse({ external_userid: 'wm1' })).toEqual({ external_userid: 'wm1' });
    expect(KfCustomer.safeParse({ nickname: 'n', gender: 0 }).success).toBe(false);
  });
});

describe('customer/upgrade_service', () => {
  const base = { open_kfid: 'wk1', external_userid: 'wm1' };

  it('requires member when type is 1', () => {
    expect(CustomerUpgradeServiceRequest.safeParse({ ...base, type: 1 }).success).toBe(false);
    expect(
      CustomerUpgradeServiceRequest.safeParse({ ...base, type: 1, member: { userid: 'zhangsan' } }).success,
    ).toBe(true);
  });

  it('requires groupchat when type is 2', () => {
    expect(CustomerUpgradeServiceRequest.safeParse({ ...base, type: 2 }).success).toBe(false);
    expect(
      CustomerUpgradeServiceRequest.safeParse({ ...base, type: 2, groupchat: { chat_id: 'wr1' } }).success,
    ).toBe(true);
  });

  it('rejects the object of the other type', () => {
    expect(
      CustomerUpgradeServiceRequest.safeParse({
        ...base,
        type: 1,
        member: { userid: 'a' },
        groupchat: { chat_id: 'b' },
      }).success,
    ).toBe(false);
    expect(
      CustomerUpgradeServiceRequest.safeParse({ ...base, type: 2, member: { userid: 'a' } }).success,
    ).toBe(false);
  });

  it('rejects an unknown type', () => {
    expect(
      CustomerUpgradeServiceRequest.safeParse({ ...base, type: 3, member: { userid: 'a' } }).success,
    ).toBe(false);
  });

  it('rejects unknown fields inside member', () => {
    expect(
      CustomerUpgradeServiceRequest.safeParse({ ...base, type: 1, member: { userid: 'a', text: 'hi' } })
        .success,
    ).toBe(false);
  });

  it('requires open_kfid and external_userid', () => {
    expect(
      CustomerUpgradeServiceRequest.safeParse({ open_kfid: 'wk1', type: 1, member: { userid: 'a' } }).success,
    ).toBe(false);
    expect(CustomerCancelUpgradeServiceRequest.safeParse({ open_kfid: 'wk1' }).success).toBe(false);
  });
});

describe('customer/get_upgrade_service_config', () => {
  it('takes no parameters and rejects any', () => {
    expect(CustomerGetUpgradeServiceConfigRequest.parse({})).toEqual({});
    expect(CustomerGetUpgradeServiceConfigRequest.safeParse({ open_kfid: 'wk1' }).success).toBe(false);
  });

  it('keeps fields the platform adds later', () => {
    const body = CustomerGetUpgradeServiceConfigResponse.parse({
      ...(endpointFixture('F-48-get-upgrade-service-config-response') as object),
      extra: true,
    });
    expect(unlistedField(body, 'extra')).toBe(true);
  });

  it('gives empty ranges when a corp configured nothing and the ranges are absent', () => {
    expect(CustomerGetUpgradeServiceConfigResponse.parse({ errcode: 0, errmsg: 'ok' })).toEqual({
      errcode: 0,
      errmsg: 'ok',
      member_range: { userid_list: [], department_id_list: [] },
      groupchat_range: { chat_id_list: [] },
    });
  });

  it('gives [] for each list missing from a present range', () => {
    const body = CustomerGetUpgradeServiceConfigResponse.parse({
      errcode: 0,
      errmsg: 'ok',
      member_range: { userid_list: ['zhangsan'] },
      groupchat_range: {},
    });
    expect(body.member_range).toEqual({ userid_list: ['zhangsan'], department_id_list: [] });
    expect(body.groupchat_range).toEqual({ chat_id_list: [] });
    const members = CustomerGetUpgradeServiceConfigResponse.parse({
      errcode: 0,
      errmsg: 'ok',
      member_range: { department_id_list: [2] },
    }).member_range;
    expect(members).toEqual({ userid_list: [], department_id_list: [2] });
  });

  it('reads the field-table spelling department_list into department_id_list', () => {
    const body = CustomerGetUpgradeServiceConfigResponse.parse({
      errcode: 0,
      errmsg: 'ok',
      member_range: { userid_list: [], department_list: [2, 3] },
      groupchat_range: { chat_id_list: [] },
    });
    expect(body.member_range.department_id_list).toEqual([2, 3]);
    expect(body.member_range.department_list).toEqual([2, 3]);
  });

  it('prefers department_id_list when both spellings are present', () => {
    const body = CustomerGetUpgradeServiceConfigResponse.parse({
      errcode: 0,
      errmsg: 'ok',
      member_range: { department_id_list: [2], department_list: [9] },
    });
    expect(body.member_range.department_id_list).toEqual([2]);
  });

  it('still rejects a list of the wrong type', () => {
    const result = CustomerGetUpgradeServiceConfigResponse.safeParse({
      errcode: 0,
      errmsg: 'ok',
      member_range: { department_list: ['2'] },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['member_range', 'department_list', 0]);
  });
});
