import { describe, expect, it } from 'vitest';
import { F64_FIELDS as f64 } from './__fixtures__/callbacks.js';
import {
  KfAccountAuthChangeCallback,
  KfCallbackEnvelope,
  KfCallbackEvent,
  KfCallbackEventName,
  KfCallbackQuery,
  KfCallbackVerifyQuery,
  KfMsgOrEventCallback,
} from './callback.js';
import { unlistedField } from './common.js';

/** F-65 (SKIT sample) as the XML parser hands it over. */
const f65 = {
  ToUserName: 'toUser',
  FromUserName: 'sys',
  CreateTime: '1348831860',
  MsgType: 'event',
  Event: 'kf_account_auth_change',
  AuthAddOpenKfId: 'wkxxxx1',
  AuthDelOpenKfId: 'wkxxxx2',
};

describe('KfCallbackEventName', () => {
  it('names the two kf callbacks', () => {
    expect(KfCallbackEventName).toEqual({
      KfMsgOrEvent: 'kf_msg_or_event',
      KfAccountAuthChange: 'kf_account_auth_change',
    });
  });
});

describe('kf_msg_or_event', () => {
  it('parses F-64, turning CreateTime into a number', () => {
    const callback = KfMsgOrEventCallback.parse(f64);
    expect(callback).toEqual({ ...f64, CreateTime: 1348831860 });
  });

  it('is recognised by KfCallbackEvent and narrows on Event', () => {
    const callback = KfCallbackEvent.parse(f64);
    if (callback.Event !== 'kf_msg_or_event') throw new Error(`unexpected ${callback.Event}`);
    expect(callback.OpenKfId).toBe('wkxxxxxxx');
    expect(callback.Token).toBe(f64.Token);
  });

  it('is idempotent', () => {
    const once = KfCallbackEvent.parse(f64);
    expect(KfCallbackEvent.parse(once)).toEqual(once);
  });

  it('rejects a CreateTime that is not a unix time', () => {
    for (const CreateTime of ['', 'yesterday', '-1', '1.5']) {
      const result = KfMsgOrEventCallback.safeParse({ ...f64, CreateTime });
      expect(result.success, CreateTime).toBe(false);
    }
  });

  it('requires the Token and the account', () => {
    const { Token: _t, OpenKfId: _o, ...rest } = f64;
    const result = KfCallbackEvent.safeParse(rest);
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(['OpenKfId', 'Token']);
  });

  it('keeps unknown elements', () => {
    expect(unlistedField(KfMsgOrEventCallback.parse({ ...f64, AgentID: '1000002' }), 'AgentID')).toBe(
      '1000002',
    );
  });
});

describe('kf_account_auth_change', () => {
  it('parses F-65, normalising single elements to arrays', () => {
    expect(KfAccountAuthChangeCallback.parse(f65)).toEqual({
      ...f65,
      CreateTime: 1348831860,
      AuthAddOpenKfId: ['wkxxxx1'],
      AuthDelOpenKfId: ['wkxxxx2'],
    });
  });

  it('keeps repeated elements and turns absent ones into []', () => {
    const { AuthDelOpenKfId: _d, ...rest } = f65;
    const callback = KfCallbackEvent.parse({ ...rest, AuthAddOpenKfId: ['wk1', 'wk2'] });
    if (callback.Event !== 'kf_account_auth_change') throw new Error(`unexpected ${callback.Event}`);
    expect(callback.AuthAddOpenKfId).toEqual(['wk1', 'wk2']);
    expect(callback.AuthDelOpenKfId).toEqual([]);
  });

  it('drops empty elements', () => {
    const callback = KfAccountAuthChangeCallback.parse({
      ...f65,
      AuthAddOpenKfId: '',
      AuthDelOpenKfId: ['', 'wk3'],
    });
    expect(callback.AuthAddOpenKfId).toEqual([]);
    expect(callback.AuthDelOpenKfId).toEqual(['wk3']);
  });

  it('rejects a non-string element', () => {
    expect(KfAccountAuthChangeCallback.safeParse({ ...f65, AuthAddOpenKfId: [1] }).success).toBe(false);
  });

  it('is idempotent', () => {
    const once = KfCallbackEvent.parse(f65);
    expect(KfCallbackEvent.parse(once)).toEqual(once);
  });
});

describe('unknown callbacks', () => {
  it('wraps an unknown Event, keeping the raw record', () => {
    const raw = { ToUserName: 'ww1', CreateTime: '1', MsgType: 'event', Event: 'change_external_contact' };
    expect(KfCallbackEvent.parse(raw)).toEqual({ Event: 'unknown', raw });
  });

  it('wraps a callback without Event (a plain message callback)', () => {
    const raw = { ToUserName: 'ww1', MsgType: 'text', Content: 'hi' };
    expect(KfCallbackEvent.parse(raw)).toEqual({ Event: 'unknown', raw });
  });

  it('is idempotent on the unknown variant', () => {
    const once = KfCallbackEvent.parse({ Event: 'something_new', X: 'y' });
    expect(KfCallbackEvent.parse(once)).toEqual(once);
    expect(KfCallbackEvent.parse(KfCallbackEvent.parse(once))).toEqual(once);
  });

  it('still rejects a known Event with wrong fields', () => {
    expect(KfCallbackEvent.safeParse({ ...f64, MsgType: 'text' }).error?.issues[0]?.path).toEqual([
      'MsgType',
    ]);
  });

  it('rejects a non-object', () => {
    expect(KfCallbackEvent.safeParse('xml').success).toBe(false);
  });
});

describe('envelope and queries', () => {
  it('parses the encrypted envelope with or without AgentID', () => {
    const envelope = { ToUserName: 'ww1', AgentID: '1000002', Encrypt: 'base64==' };
    expect(KfCallbackEnvelope.parse(envelope)).toEqual(envelope);
    expect(KfCallbackEnvelope.parse({ Encrypt: 'base64==' })).toEqual({ Encrypt: 'base64==' });
    expect(KfCallbackEnvelope.safeParse({ ToUserName: 'ww1' }).error?.issues[0]?.path).toEqual(['Encrypt']);
  });

  it('parses the URL-verification query and requires echostr', () => {
    const query = {
      msg_signature: 'a'.repeat(40),
      timestamp: '1409659589',
      nonce: '263014780',
      echostr: 'P9nA==',
    };
    expect(KfCallbackVerifyQuery.parse(query)).toEqual(query);
    const { echostr: _e, ...post } = query;
    expect(KfCallbackVerifyQuery.safeParse(post).error?.issues[0]?.path).toEqual(['echostr']);
  });

  it('parses the POST query, keeping extra parameters and the timestamp as text', () => {
    const query = { msg_signature: 'sig', timestamp: '0001409659589', nonce: 'n', route: 'kf' };
    expect(KfCallbackQuery.parse(query)).toEqual(query);
    expect(KfCallbackQuery.safeParse({ msg_signature: 'sig', nonce: 'n' }).success).toBe(false);
  });
});
