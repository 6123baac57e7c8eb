import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type { KfWechatChannels } from './common.js';
import type {
  CustomerBatchgetRequest,
  CustomerBatchgetResponse,
  CustomerGetUpgradeServiceConfigRequest,
  CustomerGetUpgradeServiceConfigResponse,
  CustomerUpgradeServiceRequest,
  KfCustomer,
  KfCustomerEnterSessionContext,
  KfUpgradeServiceType,
} from './customer.js';

describe('customer types', () => {
  it('pins KfCustomer', () => {
    expectTypeOf<KfCustomer['external_userid']>().toEqualTypeOf<string>();
    expectTypeOf<KfCustomer['nickname']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<KfCustomer['gender']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<KfCustomer['avatar']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<KfCustomer['unionid']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<KfCustomer['enter_session_context']>().toEqualTypeOf<
      KfCustomerEnterSessionContext | undefined
    >();
    expectTypeOf<KfCustomerEnterSessionContext['wechat_channels']>().toEqualTypeOf<
      KfWechatChannels | undefined
    >();
  });

  it('pins the batchget body', () => {
    expectTypeOf<CustomerBatchgetRequest['external_userid_list']>().toEqualTypeOf<string[]>();
    expectTypeOf<CustomerBatchgetRequest['need_enter_session_context']>().toEqualTypeOf<0 | 1 | undefined>();
  });

  it('narrows upgrade_service on type', () => {
    expectTypeOf<KfUpgradeServiceType>().toEqualTypeOf<1 | 2>();
    expectTypeOf<Extract<CustomerUpgradeServiceRequest, { type: 1 }>['member']>().toEqualTypeOf<{
      userid: string;
      wording?: string | undefined;
    }>();
    expectTypeOf<Extract<CustomerUpgradeServiceRequest, { type: 2 }>['groupchat']>().toEqualTypeOf<{
      chat_id: string;
      wording?: string | undefined;
    }>();
  });

  it('takes the response lists optionally and always gives arrays', () => {
    expectTypeOf<CustomerBatchgetResponse['customer_list']>().toEqualTypeOf<KfCustomer[]>();
    expectTypeOf<CustomerBatchgetResponse['invalid_external_userid']>().toEqualTypeOf<string[]>();
    expectTypeOf<z.input<typeof CustomerBatchgetResponse>['invalid_external_userid']>().toEqualTypeOf<
      string[] | undefined
    >();
    type Config = CustomerGetUpgradeServiceConfigResponse;
    expectTypeOf<Config['member_range']['userid_list']>().toEqualTypeOf<string[]>();
    expectTypeOf<Config['member_range']['department_id_list']>().toEqualTypeOf<number[]>();
    expectTypeOf<Config['groupchat_range']['chat_id_list']>().toEqualTypeOf<string[]>();
    type ConfigInput = z.input<typeof CustomerGetUpgradeServiceConfigResponse>;
    expectTypeOf<ConfigInput['member_range']>().toExtend<object | undefined>();
    expectTypeOf<undefined>().toExtend<ConfigInput['member_range']>();
  });

  it('types the parameterless GET as an empty object', () => {
    expectTypeOf<CustomerGetUpgradeServiceConfigRequest>().toEqualTypeOf<Record<string, never>>();
  });
});
