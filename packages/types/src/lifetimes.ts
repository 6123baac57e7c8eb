/**
 * How long the platform keeps or accepts things, in milliseconds, and what the customer window
 * allows: one place for every lifetime the client, the mock and the example depend on (the client
 * sizes its de-duplication and token caches by them, the mock expires by them).
 *
 * This module is zod-free.
 */

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Lifetimes of the kf API, in milliseconds, as the official pages state them. */
export const KF_LIFETIMES_MS = {
  /**
   * The `Token` of a `kf_msg_or_event` callback is accepted by `sync_msg` for 10 minutes (95007
   * after); a callback retried within that time carries the same Token.
   */
  callbackToken: 10 * MINUTE_MS,
  /** `sync_msg` serves messages and events of the last 3 days; older ones are gone for good. */
  messageRetention: 3 * DAY_MS,
  /** A temporary `media_id` (uploaded or received) can be used for 3 days (72 hours); 40007 after. */
  mediaId: 3 * DAY_MS,
  /**
   * The window after the customer's last message: sending (95002 after), the session itself (it
   * ends, state 4) and `customer/batchget` all look back 48 hours.
   */
  customerWindow: 48 * HOUR_MS,
  /** One-shot `send_msg_on_event` codes, by the scenario they answer (the page's scenario table). */
  eventCode: {
    /** `welcome_code` of an `enter_session` event: 20 seconds. */
    welcome: 20 * SECOND_MS,
    /** `msg_code` of a move to the waiting pool (state 2): 48 hours. */
    pool: 48 * HOUR_MS,
    /** `msg_code` of a session taken from the pool (state 3): 48 hours. */
    take: 48 * HOUR_MS,
    /** `msg_code` of an ended session (state 4): 20 seconds. */
    end: 20 * SECOND_MS,
  },
} as const;

/**
 * How many `send_msg` messages may follow one customer message within
 * {@link KF_LIFETIMES_MS}`.customerWindow` (95001 beyond); the count restarts when the customer
 * writes again.
 */
export const KF_SENDS_PER_CUSTOMER_MSG = 5;
