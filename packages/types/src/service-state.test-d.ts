import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type {
  canTransition,
  KF_SERVICE_STATE_TRANSITIONS,
  KF_SERVICE_STATE_UNVERIFIED_TRANSITIONS,
  KfServiceState,
  KfServiceStateSchema,
  ServiceStateGetResponse,
  ServiceStateTransRequest,
  ServiceStateTransResponse,
} from './service-state.js';

describe('service state types', () => {
  it('pins KfServiceState and its schema', () => {
    expectTypeOf<KfServiceState>().toEqualTypeOf<0 | 1 | 2 | 3 | 4>();
    expectTypeOf<z.infer<typeof KfServiceStateSchema>>().toEqualTypeOf<KfServiceState>();
  });

  it('types the bodies with the state union', () => {
    expectTypeOf<ServiceStateGetResponse['service_state']>().toEqualTypeOf<KfServiceState | (number & {})>();
    expectTypeOf<ServiceStateGetResponse['servicer_userid']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ServiceStateTransRequest['service_state']>().toEqualTypeOf<KfServiceState>();
    expectTypeOf<ServiceStateTransResponse['msg_code']>().toEqualTypeOf<string | undefined>();
  });

  it('keeps the reported state open but the requested one closed', () => {
    expectTypeOf<3>().toExtend<ServiceStateGetResponse['service_state']>();
    expectTypeOf<5>().toExtend<ServiceStateGetResponse['service_state']>();
    expectTypeOf<number>().toExtend<ServiceStateGetResponse['service_state']>();
    expectTypeOf<string>().not.toExtend<ServiceStateGetResponse['service_state']>();
    expectTypeOf<5>().not.toExtend<ServiceStateTransRequest['service_state']>();
    expectTypeOf<z.input<typeof ServiceStateTransRequest>['service_state']>().toEqualTypeOf<KfServiceState>();
  });

  it('types the transition table and helper over states', () => {
    expectTypeOf<(typeof KF_SERVICE_STATE_TRANSITIONS)[0]>().toEqualTypeOf<readonly [2, 3]>();
    expectTypeOf<(typeof KF_SERVICE_STATE_UNVERIFIED_TRANSITIONS)[0]>().toEqualTypeOf<readonly [1, 4]>();
    expectTypeOf<(typeof KF_SERVICE_STATE_TRANSITIONS)[3]>().toEqualTypeOf<readonly [3, 4]>();
    expectTypeOf<typeof canTransition>().parameter(0).toEqualTypeOf<KfServiceState>();
    expectTypeOf<typeof canTransition>().parameter(1).toEqualTypeOf<KfServiceState>();
    expectTypeOf<typeof canTransition>().returns.toEqualTypeOf<boolean>();
  });
});
