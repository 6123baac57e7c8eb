import { describe, expectTypeOf, it } from 'vitest';
import type {
  KfServicer,
  KfServicerResult,
  KfServicerStatus,
  KfServicerStopType,
  ServicerAddRequest,
} from './servicer.js';

describe('servicer types', () => {
  it('pins KfServicer: every field may be absent', () => {
    expectTypeOf<KfServicer['userid']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<KfServicer['department_id']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<KfServicer['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<KfServicer['stop_type']>().toEqualTypeOf<number | undefined>();
  });

  it('pins the status enumerations', () => {
    expectTypeOf<KfServicerStatus>().toEqualTypeOf<0 | 1>();
    expectTypeOf<KfServicerStopType>().toEqualTypeOf<0 | 1>();
  });

  it('pins KfServicerResult', () => {
    expectTypeOf<KfServicerResult['errcode']>().toEqualTypeOf<number>();
    expectTypeOf<KfServicerResult['errmsg']>().toEqualTypeOf<string>();
    expectTypeOf<KfServicerResult['userid']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<KfServicerResult['department_id']>().toEqualTypeOf<number | undefined>();
  });

  it('pins the servicer/add body', () => {
    expectTypeOf<ServicerAddRequest['open_kfid']>().toEqualTypeOf<string>();
    expectTypeOf<ServicerAddRequest['userid_list']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<ServicerAddRequest['department_id_list']>().toEqualTypeOf<number[] | undefined>();
  });
});
