import { describe, expect, it } from 'vitest';
import { KF_LIFETIMES_MS, KF_SENDS_PER_CUSTOMER_MSG } from './lifetimes.js';
import { MEDIA_ID_TTL_SECONDS } from './media.js';

describe('KF_LIFETIMES_MS', () => {
  it('states the documented lifetimes in milliseconds', () => {
    expect(KF_LIFETIMES_MS.callbackToken).toBe(600_000);
    expect(KF_LIFETIMES_MS.messageRetention).toBe(259_200_000);
    expect(KF_LIFETIMES_MS.mediaId).toBe(259_200_000);
    expect(KF_LIFETIMES_MS.customerWindow).toBe(172_800_000);
    expect(KF_LIFETIMES_MS.eventCode).toEqual({
      welcome: 20_000,
      pool: 172_800_000,
      take: 172_800_000,
      end: 20_000,
    });
  });

  it('is where the media id lifetime in seconds comes from', () => {
    expect(MEDIA_ID_TTL_SECONDS * 1000).toBe(KF_LIFETIMES_MS.mediaId);
  });
});

describe('KF_SENDS_PER_CUSTOMER_MSG', () => {
  it('allows 5 sends per customer message', () => {
    expect(KF_SENDS_PER_CUSTOMER_MSG).toBe(5);
  });
});
