import { describe, expect, it } from 'vitest';
import { eventFixtures } from './__fixtures__/received-messages.js';
import { unlistedField } from './common.js';
import {
  KfEnterSessionEvent,
  KfEvent,
  KfEventServicerStatus,
  KfEventType,
  KfEventTypeSchema,
  KfMsgSendFailType,
  KfRejectSwitch,
  KfSessionChangeType,
} from './event.js';

describe('KfEventType', () => {
  it('lists the 7 documented event types', () => {
    expect(Object.values(KfEventType).sort()).toEqual([
      'enter_session',
      'msg_send_fail',
      'reject_customer_msg_switch_change',
      'servicer_recall_msg',
      'servicer_status_change',
      'session_status_change',
      'user_recall_msg',
    ]);
    expect(KfEventType.EnterSession).toBe('enter_session');
  });

  it('validates known event types only', () => {
    expect(KfEventTypeSchema.parse('user_recall_msg')).toBe('user_recall_msg');
    expect(KfEventTypeSchema.safeParse('kf_msg_or_event').success).toBe(false);
  });

  it('keeps the documented numeric values', () => {
    expect(Object.values(KfMsgSendFailType)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(KfEventServicerStatus).toEqual({ Receiving: 1, Stopped: 2 });
    expect(Object.values(KfSessionChangeType)).toEqual([1, 2, 3, 4]);
    expect(KfRejectSwitch).toEqual({ Cancelled: 0, Rejecting: 1 });
  });
});

describe('KfEvent', () => {
  it.each(Object.entries(eventFixtures))('parses the %s fixture unchanged', (type, fixture) => {
    const event = KfEvent.parse(fixture.event);
    expect(event.event_type).toBe(type);
    expect(event).toEqual(fixture.event);
  });

  it('reads enter_session fields including the 视频号 context', () => {
    const event = KfEvent.parse(eventFixtures.enter_session.event);
    if (event.event_type !== 'enter_session') throw new Error(`unexpected ${event.event_type}`);
    expect(event.welcome_code).toBe('aaaaaa');
    expect(event.wechat_channels).toEqual({ nickname: '进入会话的视频号名称', scene: 1 });
  });

  it('accepts enter_session without the fields that are only sometimes present', () => {
    const event = KfEnterSessionEvent.parse({
      event_type: 'enter_session',
      open_kfid: 'wk1',
      external_userid: 'wm1',
    });
    expect(event.welcome_code).toBeUndefined();
    expect(event.scene).toBeUndefined();
  });

  it('accepts servicer_status_change without stop_type (status 1)', () => {
    const event = KfEvent.parse({
      event_type: 'servicer_status_change',
      servicer_userid: 'zhangsan',
      status: KfEventServicerStatus.Receiving,
      open_kfid: 'wk1',
    });
    expect(event).toMatchObject({ status: 1 });
    expect('stop_type' in event).toBe(false);
  });

  it('keeps unknown fields of known events, top level and nested', () => {
    const input = {
      ...eventFixtures.enter_session.event,
      new_field: { a: 1 },
      wechat_channels: { nickname: 'n', scene: 1, finder_id: 'f1' },
    };
    const event = KfEvent.parse(input);
    expect(event).toEqual(input);
    expect(unlistedField(event, 'new_field')).toEqual({ a: 1 });
  });

  it('parses an unknown event_type into the unknown variant, keeping the raw object and ids', () => {
    const raw = { event_type: 'customer_rated', open_kfid: 'wk1', external_userid: 'wm1', score: 5 };
    const event = KfEvent.parse(raw);
    expect(event).toEqual({ event_type: 'unknown', raw, open_kfid: 'wk1', external_userid: 'wm1' });
  });

  it('does not copy ids of the wrong type into the unknown variant', () => {
    const raw = { event_type: 'customer_rated', open_kfid: 42 };
    expect(KfEvent.parse(raw)).toEqual({ event_type: 'unknown', raw });
  });

  it('is idempotent on the unknown variant', () => {
    const once = KfEvent.parse({ event_type: 'customer_rated', open_kfid: 'wk1', x: [1] });
    const twice = KfEvent.parse(once);
    expect(twice).toEqual(once);
    expect(KfEvent.parse(twice)).toEqual(once);
  });

  it('is idempotent on known events', () => {
    const once = KfEvent.parse(eventFixtures.session_status_change.event);
    expect(KfEvent.parse(once)).toEqual(once);
  });

  it('rejects a known event with a malformed payload, reporting the field', () => {
    const result = KfEvent.safeParse({
      event_type: 'msg_send_fail',
      open_kfid: 'wk1',
      external_userid: 'wm1',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['fail_msgid', 'fail_type']);
  });

  it('rejects an event without an event_type', () => {
    const result = KfEvent.safeParse({ open_kfid: 'wk1' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['event_type']);
  });

  it('rejects non-objects', () => {
    expect(KfEvent.safeParse(null).success).toBe(false);
    expect(KfEvent.safeParse([{ event_type: 'enter_session' }]).success).toBe(false);
  });
});
