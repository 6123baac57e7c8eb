import type { KfAccountAuthChangeCallback, KfMsgOrEventCallback } from '@kf/types';
import { KfMockError } from './errors.js';

/**
 * Where and how the mock pushes callbacks (回调), as set in the admin console: the URL, the Token and
 * the EncodingAESKey, plus the delivery timings of the platform (each overridable for tests).
 */
export interface KfMockCallbackConfig {
  /** The app's callback URL (http or https). It receives signed, encrypted POSTs and the verification GET. */
  readonly url: string;
  /** The callback Token (used only for signatures; ≤ 32 letters or digits in the console). */
  readonly token: string;
  /** The callback EncodingAESKey: 43 characters from `[a-zA-Z0-9]`. */
  readonly encodingAESKey: string;
  /** How long the app has to answer a POST before it counts as failed. Default 5000 ms (the platform's 5 s). */
  readonly timeoutMs?: number;
  /** How many times a failed POST (network error, timeout, non-200) is retried. Default 3. */
  readonly retries?: number;
  /** Wait between attempts (through the mock's `sleep`). Default 0: retry at once ([U]). */
  readonly retryDelayMs?: number;
  /** How long the app has to answer the verification GET. Default 1000 ms (the platform's 1 s). */
  readonly verifyTimeoutMs?: number;
}

/**
 * A `kf_msg_or_event` notification as the app decrypts it: the account with news and the `Token`
 * that `sync_msg` accepts for 10 minutes. The same shape as `KfMsgOrEventCallback` of `@kf/types`.
 */
export type KfMockCallbackNotification = KfMsgOrEventCallback;

/**
 * Receives notifications in-process, without HTTP or crypto. A returned promise is awaited (its
 * rejection, like a throw, makes the delivery `failed`); any other return value is ignored.
 */
export type KfMockCallbackListener = (notification: KfMockCallbackNotification) => unknown;

/** One attempt to deliver a notification. */
export interface KfMockCallbackAttempt {
  /** The HTTP status the app answered; `null` when there was no answer (network error, timeout). */
  readonly status: number | null;
  /** Why the attempt failed, when it did. */
  readonly error?: string;
}

/** The record of one notification's delivery to one target. */
export interface KfMockCallbackDelivery {
  /** Sequence number, 1 for the first delivery since the mock was created or reset. */
  readonly id: number;
  /** `http`: POSTed to the configured URL; `function`: given to an `onCallback` listener. */
  readonly via: 'http' | 'function';
  /** The notification delivered. */
  readonly notification: KfMockCallbackNotification;
  /** The URL POSTed to (`http` only). */
  readonly url?: string;
  /** `pending` while attempts remain, then `delivered` or `failed`. */
  readonly outcome: 'pending' | 'delivered' | 'failed';
  /** Every attempt so far, in order (one for `function`). */
  readonly attempts: readonly KfMockCallbackAttempt[];
}

/**
 * A `kf_account_auth_change` notification as a third-party app decrypts it: the accounts the admin
 * authorized to it (`AuthAddOpenKfId`) and took away (`AuthDelOpenKfId`). The shape of
 * `KfAccountAuthChangeCallback` of `@kf/types`.
 */
export type KfMockAuthChangeNotification = KfAccountAuthChangeCallback;

/** The record of one notification's delivery to a third-party app's own callback URL. */
export interface KfMockAppCallbackDelivery {
  /** Sequence number, 1 for the first app delivery since the mock was created or reset. */
  readonly id: number;
  /** The app's name (`scenario.createThirdPartyApp`). */
  readonly app: string;
  /** The notification delivered. */
  readonly notification: KfMockAuthChangeNotification;
  /** The URL POSTed to, with its signature query once encrypted. */
  readonly url: string;
  /** `pending` while attempts remain, then `delivered` or `failed`. */
  readonly outcome: 'pending' | 'delivered' | 'failed';
  /** Every attempt so far, in order. */
  readonly attempts: readonly KfMockCallbackAttempt[];
}

/** What {@link KfMockCallbacks.verifyUrl} sent and got back. */
export interface KfMockUrlVerification {
  /** The URL requested, with its query (`msg_signature`, `timestamp`, `nonce`, `echostr`). */
  readonly url: string;
  /** The plaintext the app had to echo, and did. */
  readonly echo: string;
}

/**
 * Callback delivery: every new message or event in the world produces a `kf_msg_or_event`
 * notification, POSTed (signed and encrypted with `@kf/crypto`) to the configured URL and given to
 * every `onCallback` listener. Delivery never blocks the call that produced the message.
 */
export interface KfMockCallbacks {
  /** Sets the callback configuration (checked at once), or removes it with `null`. Survives `reset()`. */
  configure(config: KfMockCallbackConfig | null): void;
  /** The configuration in effect, if any. */
  config(): KfMockCallbackConfig | undefined;
  /** Adds an in-process listener; returns a function that removes it. */
  onCallback(listener: KfMockCallbackListener): () => void;
  /**
   * Runs the URL verification (验证URL有效性) against the app: a GET with an encrypted `echostr`.
   * Resolves when the app answers 200 with the plaintext exactly; rejects with
   * {@link KfMockCallbackError} otherwise (no configuration, network error, timeout, wrong answer).
   */
  verifyUrl(): Promise<KfMockUrlVerification>;
  /** Resolves when every pending delivery (including ones started meanwhile) has finished. */
  flush(): Promise<void>;
  /** Every delivery since the mock was created or reset, in order (copies). */
  deliveries(): KfMockCallbackDelivery[];
  /**
   * Every `kf_account_auth_change` delivery to a third-party app's own callback URL since the mock
   * was created or reset, in order (copies). A third-party app without a callback gets none.
   */
  appDeliveries(): KfMockAppCallbackDelivery[];
}

/** What the app answered, carried by a {@link KfMockCallbackError}. */
export interface KfMockCallbackAnswer {
  /** The HTTP status the app answered. */
  readonly status: number;
  /** The start of the app's body (at most {@link CALLBACK_BODY_EXCERPT} characters). */
  readonly body: string;
}

/** How much of the app's body a {@link KfMockCallbackError} keeps: enough to read, bounded for logs. */
export const CALLBACK_BODY_EXCERPT = 200;

/**
 * A callback could not be configured or the app failed the URL verification. When the app
 * answered, `status` and `body` (an excerpt) say what it answered, and the message says why that
 * is not a pass.
 */
export class KfMockCallbackError extends KfMockError {
  /** The HTTP status the app answered; absent when it did not answer (or nothing was sent). */
  readonly status?: number;
  /** The start of the app's body; absent when it did not answer. */
  readonly body?: string;

  constructor(message: string, options?: ErrorOptions & { readonly answer?: KfMockCallbackAnswer }) {
    super(message, options);
    if (options?.answer !== undefined) {
      this.status = options.answer.status;
      this.body = options.answer.body.slice(0, CALLBACK_BODY_EXCERPT);
    }
  }
}
