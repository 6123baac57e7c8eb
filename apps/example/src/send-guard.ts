import { KF_LIFETIMES_MS, KF_SENDS_PER_CUSTOMER_MSG } from '@kf/types';
import { withMeaning } from './errcode-meaning.js';

/** How long after a customer's last message the API may still write to them: 48 hours. */
export const SEND_WINDOW_MS = KF_LIFETIMES_MS.customerWindow;

/** How many `send_msg` messages the API may send per customer message: 5. */
export const SEND_QUOTA = KF_SENDS_PER_CUSTOMER_MSG;

/** Why the bot holds a message back instead of sending it. */
export type HoldBackReason =
  /** The customer has not written (as far as this process knows): there is no window to send in. */
  | 'no-customer-message'
  /** 48 hours have passed since the customer's last message (the platform would answer 95002). */
  | 'window-closed'
  /** 5 messages were sent since the customer's last message (the platform would answer 95001). */
  | 'quota-used';

/** A sentence for each {@link HoldBackReason}, for logs. */
export const HOLD_BACK_MEANING: Readonly<Record<HoldBackReason, string>> = {
  'no-customer-message': 'the customer has not written, so there is no 48-hour window to send in',
  'window-closed': `48 hours have passed since the customer's last message (if sent: ${withMeaning(95002)})`,
  'quota-used': `5 messages were already sent since the customer's last message (if sent: ${withMeaning(95001)})`,
};

interface Bookkeeping {
  /** The customer's last message, ms since the epoch (from its `send_time`). */
  lastCustomerMsgAt: number;
  /** `send_msg` messages since then. */
  sentSince: number;
}

/**
 * The platform's two sending rules for `send_msg` (doc 94677), kept per customer of a kf account
 * so the bot can check before it sends rather than learn from a 95001 or 95002 afterwards:
 * - at most {@link SEND_QUOTA} messages per customer message; the count restarts when they write;
 * - only within {@link SEND_WINDOW_MS} of the customer's last message.
 *
 * `send_msg_on_event` (welcome, queue notice, closing message) uses one-shot codes instead and is
 * not counted. The bookkeeping lives in this process's memory; a bot running on several machines
 * would keep it in a shared store, as it does its sync cursor.
 */
export class SendGuard {
  readonly #customers = new Map<string, Bookkeeping>();

  /** Records a customer message sent at `at` (ms): the window restarts and the count goes to 0. */
  noteCustomerMessage(open_kfid: string, external_userid: string, at: number): void {
    const key = keyOf(open_kfid, external_userid);
    const known = this.#customers.get(key);
    // A message older than one already seen (a replayed page) changes nothing.
    if (known !== undefined && known.lastCustomerMsgAt > at) return;
    this.#customers.set(key, { lastCustomerMsgAt: at, sentSince: 0 });
  }

  /** Why a `send_msg` to this customer must not go out at `now` (ms), or `undefined` when it may. */
  check(open_kfid: string, external_userid: string, now: number): HoldBackReason | undefined {
    const known = this.#customers.get(keyOf(open_kfid, external_userid));
    if (known === undefined) return 'no-customer-message';
    // The platform refuses once more than 48 h have passed; at exactly 48 h we already hold back.
    if (now - known.lastCustomerMsgAt >= SEND_WINDOW_MS) return 'window-closed';
    if (known.sentSince >= SEND_QUOTA) return 'quota-used';
    return undefined;
  }

  /** Counts a message the platform accepted. */
  noteSent(open_kfid: string, external_userid: string): void {
    const known = this.#customers.get(keyOf(open_kfid, external_userid));
    if (known !== undefined) known.sentSince += 1;
  }

  /** The platform said the quota is used (95001) although the count said otherwise: believe it. */
  noteQuotaUsed(open_kfid: string, external_userid: string): void {
    const known = this.#customers.get(keyOf(open_kfid, external_userid));
    if (known !== undefined) known.sentSince = SEND_QUOTA;
  }

  /** How many messages were sent since the customer's last message (for logs and tests). */
  sentSince(open_kfid: string, external_userid: string): number {
    return this.#customers.get(keyOf(open_kfid, external_userid))?.sentSince ?? 0;
  }

  /** Forgets customers whose window closed before `now`: nothing may be sent to them anyway. */
  prune(now: number): void {
    for (const [key, known] of this.#customers) {
      if (now - known.lastCustomerMsgAt >= SEND_WINDOW_MS) this.#customers.delete(key);
    }
  }
}

function keyOf(open_kfid: string, external_userid: string): string {
  return `${open_kfid}\n${external_userid}`;
}
