import { describe, expectTypeOf, it } from 'vitest';
import type { AccountAddRequest, AccountListRequest, AccountListResponse, KfAccount } from './account.js';

type IsOptional<T, K extends keyof T> = object extends Pick<T, K> ? true : false;

describe('account types', () => {
  it('pins KfAccount', () => {
    expectTypeOf<KfAccount['open_kfid']>().toEqualTypeOf<string>();
    expectTypeOf<KfAccount['name']>().toEqualTypeOf<string>();
    expectTypeOf<KfAccount['avatar']>().toEqualTypeOf<string>();
    expectTypeOf<KfAccount['manage_privilege']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<IsOptional<KfAccount, 'manage_privilege'>>().toEqualTypeOf<true>();
    expectTypeOf<IsOptional<KfAccount, 'open_kfid'>>().toEqualTypeOf<false>();
  });

  it('pins the account requests', () => {
    expectTypeOf<AccountAddRequest>().toEqualTypeOf<{ name: string; media_id: string }>();
    expectTypeOf<IsOptional<AccountListRequest, 'offset'>>().toEqualTypeOf<true>();
    expectTypeOf<IsOptional<AccountListRequest, 'limit'>>().toEqualTypeOf<true>();
    expectTypeOf<AccountListResponse['account_list']>().toEqualTypeOf<KfAccount[]>();
  });
});
