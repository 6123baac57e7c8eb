import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type {
  canTransition,
  KF_SERVICE_STATE_TRANSITIONS,
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
    expectTypeOf<ServiceStateGetResponse['service_state']>().toEqualTypeOf<KfServiceState>();
    expectTypeOf<ServiceStateGetResponse['servicer_userid']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ServiceStateTransRequest['service_state']>().toEqualTypeOf<KfServiceState>();
    expectTypeOf<ServiceStateTransResponse['msg_code']>().toEqualTypeOf<string | undefined>();
  });

  it('types the transition table and helper over states', () => {
    expectTypeOf<(typeof KF_SERVICE_STATE_TRANSITIONS)[3]>().toEqualTypeOf<readonly [3, 4]>();
    expectTypeOf<typeof canTransition>().parameter(0).toEqualTypeOf<KfServiceState>();
    expectTypeOf<typeof canTransition>().parameter(1).toEqualTypeOf<KfServiceState>();
    expectTypeOf<typeof canTransition>().returns.toEqualTypeOf<boolean>();
  });
});
