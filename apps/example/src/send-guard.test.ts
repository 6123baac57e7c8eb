import { describe, expect, it } from 'vitest';
import { SEND_QUOTA, SEND_WINDOW_MS, SendGuard } from './send-guard.js';

const KF = 'wk-account';
const CUSTOMER = 'wm-customer';
const T0 = Date.UTC(2024, 0, 1);

describe('SendGuard', () => {
  it('holds back before the customer has written', () => {
    expect(new SendGuard().check(KF, CUSTOMER, T0)).toBe('no-customer-message');
  });

  it('allows 5 messages per customer message, and 5 more after the next one', () => {
    const guard = new SendGuard();
    guard.noteCustomerMessage(KF, CUSTOMER, T0);
    for (let i = 0; i < SEND_QUOTA; i++) {
      expect(guard.check(KF, CUSTOMER, T0)).toBeUndefined();
      guard.noteSent(KF, CUSTOMER);
    }
    expect(guard.check(KF, CUSTOMER, T0)).toBe('quota-used');
    guard.noteCustomerMessage(KF, CUSTOMER, T0 + 1000);
    expect(guard.check(KF, CUSTOMER, T0 + 1000)).toBeUndefined();
  });

  it('closes the window 48 hours after the customer message', () => {
    const guard = new SendGuard();
    guard.noteCustomerMessage(KF, CUSTOMER, T0);
    expect(guard.check(KF, CUSTOMER, T0 + SEND_WINDOW_MS - 1)).toBeUndefined();
    expect(guard.check(KF, CUSTOMER, T0 + SEND_WINDOW_MS)).toBe('window-closed');
  });

  it('keeps customers and accounts apart', () => {
    const guard = new SendGuard();
    guard.noteCustomerMessage(KF, CUSTOMER, T0);
    guard.noteQuotaUsed(KF, CUSTOMER);
    expect(guard.check(KF, CUSTOMER, T0)).toBe('quota-used');
    expect(guard.check('wk-other', CUSTOMER, T0)).toBe('no-customer-message');
    expect(guard.check(KF, 'wm-other', T0)).toBe('no-customer-message');
  });

  it('ignores an older customer message seen again (a replayed page)', () => {
    const guard = new SendGuard();
    guard.noteCustomerMessage(KF, CUSTOMER, T0 + 5000);
    guard.noteSent(KF, CUSTOMER);
    guard.noteCustomerMessage(KF, CUSTOMER, T0);
    expect(guard.sentSince(KF, CUSTOMER)).toBe(1);
  });

  it('forgets customers whose window has closed', () => {
    const guard = new SendGuard();
    guard.noteCustomerMessage(KF, CUSTOMER, T0);
    guard.noteCustomerMessage(KF, 'wm-recent', T0 + SEND_WINDOW_MS);
    guard.noteSent(KF, 'wm-recent');
    guard.prune(T0 + SEND_WINDOW_MS);
    expect(guard.check(KF, CUSTOMER, T0 + SEND_WINDOW_MS)).toBe('no-customer-message');
    expect(guard.sentSince(KF, 'wm-recent')).toBe(1);
  });
});
