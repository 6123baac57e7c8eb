import { describe, expect, it } from 'vitest';
import { endpointFixture } from './__fixtures__/endpoints/load.js';
import { unlistedField } from './common.js';
import {
  canTransition,
  KF_SERVICE_STATE_TRANSITIONS,
  KF_SERVICE_STATE_UNVERIFIED_TRANSITIONS,
  KfServiceState,
  KfServiceStateSchema,
  ServiceStateGetRequest,
  ServiceStateGetResponse,
  ServiceStateTransRequest,
  ServiceStateTransResponse,
} from './service-state.js';

const STATES = [0, 1, 2, 3, 4] as const;

describe('official examples', () => {
  it('parses service_state/get request and response (F-16, F-17)', () => {
    expect(ServiceStateGetRequest.parse(endpointFixture('F-16-service-state-get-request'))).toEqual({
      open_kfid: 'wkxxxxxxxxxxxxxxxxxx',
      external_userid: 'wmxxxxxxxxxxxxxxxxxx',
    });
    const body = ServiceStateGetResponse.parse(endpointFixture('F-17-service-state-get-response'));
    expect(body.service_state).toBe(KfServiceState.ManualReception);
    expect(body.servicer_userid).toBe('zhangsan');
  });

  it('parses service_state/trans request and response (F-18, F-19)', () => {
    const request = ServiceStateTransRequest.parse(endpointFixture('F-18-service-state-trans-request'));
    expect(request.service_state).toBe(3);
    expect(request.servicer_userid).toBe('zhangsan');
    expect(
      ServiceStateTransResponse.parse(endpointFixture('F-19-service-state-trans-response')).msg_code,
    ).toBe('MSG_CODE');
  });
});

describe('KfServiceState', () => {
  it('numbers the states 0 to 4', () => {
    expect(KfServiceState).toEqual({
      Untreated: 0,
      RobotReception: 1,
      InQueue: 2,
      ManualReception: 3,
      Finished: 4,
    });
  });

  it('accepts 0 to 4 and rejects anything else', () => {
    for (const state of STATES) expect(KfServiceStateSchema.parse(state)).toBe(state);
    const result = KfServiceStateSchema.safeParse(5);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('service_state must be one of 0, 1, 2, 3, 4');
    expect(KfServiceStateSchema.safeParse(-1).success).toBe(false);
    expect(KfServiceStateSchema.safeParse('3').success).toBe(false);
  });
});

describe('transition table', () => {
  it('lists the documented transitions', () => {
    const allowed = STATES.flatMap((from) =>
      STATES.filter((to) => canTransition(from, to, { allowUnverified: false })).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual(['0→2', '0→3', '1→2', '1→3', '2→3', '3→3', '3→4']);
  });

  it('keeps an explicit 0 → 1 and ending a session outside state 3 in a separate unverified set', () => {
    expect(KF_SERVICE_STATE_UNVERIFIED_TRANSITIONS).toEqual({ 0: [1, 4], 1: [4], 2: [4], 3: [], 4: [] });
    for (const from of STATES) {
      const documented: readonly number[] = KF_SERVICE_STATE_TRANSITIONS[from];
      for (const to of KF_SERVICE_STATE_UNVERIFIED_TRANSITIONS[from]) expect(documented).not.toContain(to);
    }
  });

  it('accepts the unverified transitions by default and refuses them when asked', () => {
    expect(canTransition(0, 1)).toBe(true);
    expect(canTransition(0, 1, { allowUnverified: false })).toBe(false);
    expect(canTransition(0, 4)).toBe(true);
    expect(canTransition(1, 4)).toBe(true);
    expect(canTransition(2, 4)).toBe(true);
    expect(canTransition(0, 4, { allowUnverified: false })).toBe(false);
    expect(canTransition(1, 4, { allowUnverified: false })).toBe(false);
    expect(canTransition(2, 4, { allowUnverified: false })).toBe(false);
  });

  it('never leaves state 4 through the API', () => {
    for (const to of STATES) expect(canTransition(4, to)).toBe(false);
  });

  it('never goes back to 0 or backwards', () => {
    for (const from of STATES) expect(canTransition(from, 0)).toBe(false);
    expect(canTransition(2, 1)).toBe(false);
    expect(canTransition(3, 2)).toBe(false);
    expect(canTransition(3, 1)).toBe(false);
  });

  it('allows 3 → 3 (transfer) but no other same-state change', () => {
    expect(canTransition(3, 3)).toBe(true);
    expect(canTransition(1, 1)).toBe(false);
    expect(canTransition(2, 2)).toBe(false);
  });
});

describe('service_state/trans request', () => {
  const base = { open_kfid: 'wk1', external_userid: 'wm1' };

  it('requires servicer_userid when the target is 3', () => {
    const result = ServiceStateTransRequest.safeParse({ ...base, service_state: 3 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['servicer_userid']);
    expect(result.error?.issues[0]?.message).toBe(
      'servicer_userid is required when service_state is 3 (由人工接待)',
    );
  });

  it('does not require servicer_userid for other targets', () => {
    for (const state of [1, 2, 4]) {
      expect(ServiceStateTransRequest.safeParse({ ...base, service_state: state }).success).toBe(true);
    }
  });

  it('rejects an unknown target state', () => {
    expect(ServiceStateTransRequest.safeParse({ ...base, service_state: 5 }).success).toBe(false);
  });

  it('rejects unknown fields', () => {
    const result = ServiceStateTransRequest.safeParse({ ...base, service_state: 2, servicer: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('requires open_kfid and external_userid', () => {
    expect(ServiceStateTransRequest.safeParse({ external_userid: 'wm1', service_state: 2 }).success).toBe(
      false,
    );
    expect(ServiceStateTransRequest.safeParse({ open_kfid: 'wk1', service_state: 2 }).success).toBe(false);
  });

  it('accepts a 64-byte open_kfid and rejects 65 bytes', () => {
    const ok = { ...base, open_kfid: 'w'.repeat(64), service_state: 2 };
    expect(ServiceStateTransRequest.safeParse(ok).success).toBe(true);
    expect(ServiceStateTransRequest.safeParse({ ...ok, open_kfid: 'w'.repeat(65) }).success).toBe(false);
  });
});

describe('responses', () => {
  it('accepts a trans response without msg_code (only the first change to 2, 3 or 4 has one)', () => {
    expect(ServiceStateTransResponse.parse({ errcode: 0, errmsg: 'ok' }).msg_code).toBeUndefined();
  });

  it('accepts a get response without servicer_userid outside state 3', () => {
    expect(ServiceStateGetResponse.parse({ errcode: 0, errmsg: 'ok', service_state: 1 })).toEqual({
      errcode: 0,
      errmsg: 'ok',
      service_state: 1,
    });
  });

  it('keeps fields the platform adds later', () => {
    const body = ServiceStateGetResponse.parse({ errcode: 0, errmsg: 'ok', service_state: 0, since: 1 });
    expect(unlistedField(body, 'since')).toBe(1);
  });

  it('rejects a get response without service_state', () => {
    expect(ServiceStateGetResponse.safeParse({ errcode: 0, errmsg: 'ok' }).success).toBe(false);
  });

  it('keeps a state the platform adds later in a get response', () => {
    expect(ServiceStateGetResponse.parse({ errcode: 0, errmsg: 'ok', service_state: 5 }).service_state).toBe(
      5,
    );
  });

  it('still rejects a get response whose service_state is not an integer', () => {
    for (const service_state of ['3', 1.5, null]) {
      const result = ServiceStateGetResponse.safeParse({ errcode: 0, errmsg: 'ok', service_state });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('service_state must be an integer');
    }
  });

  it('keeps the closed set for the trans request', () => {
    const result = ServiceStateTransRequest.safeParse({
      open_kfid: 'wk1',
      external_userid: 'wm1',
      service_state: 5,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('service_state must be one of 0, 1, 2, 3, 4');
  });

  it('rejects a get request with unknown fields', () => {
    expect(ServiceStateGetRequest.safeParse({ open_kfid: 'wk1', external_userid: 'wm1', x: 1 }).success).toBe(
      false,
    );
  });
});
