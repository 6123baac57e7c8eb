import { createHash } from 'node:crypto';
import type { KfClient, KfLogger } from '@kf/client';
import { KfBusinessRuleError, KfInvalidRequestError } from '@kf/client';
import type { KfEvent, KfMsg, SendMsgContent, SendMsgOnEventContent } from '@kf/types';
import {
  canTransition,
  KfMsgOrigin,
  KfMsgSendFailType,
  KfServiceState,
  KfSessionChangeType,
} from '@kf/types';
import type { BotActivity, Conversation } from './activity.js';
import { logActivity, summariseReceived, summariseSent } from './activity.js';
import { describeEvent } from './events.js';
import {
  CLOSING_MESSAGE,
  fallbackMenu,
  locationEcho,
  mediaAcknowledgement,
  mediaFailure,
  QUEUE_NOTICE,
  UNSUPPORTED_MESSAGE,
  welcomeMenu,
} from './faq.js';
import { classify } from './intent.js';
import { SendGuard } from './send-guard.js';

/** Options of {@link SupportBot}. */
export interface SupportBotOptions {
  /** The client the bot answers through (pointed at the platform, or at `@kf/mock`). */
  readonly client: KfClient;
  /** Where the bot writes what it does; default nowhere. Any `{ debug, info, warn, error }`. */
  readonly logger?: KfLogger;
  /** Clock in epoch milliseconds, for the 48-hour window; default `Date.now`. Tests pass the mock's. */
  readonly now?: () => number;
  /** Called with everything the bot does, e.g. to print a transcript. Must not throw. */
  readonly onActivity?: (activity: BotActivity) => void;
}

/** A conversation plus the msgid to give the one `send_msg` answer to a customer message. */
type Reply = Conversation & { readonly msgid: string };

/** A session state in which `send_msg` is allowed: 0 未处理 or 1 由智能助手接待. */
type BotState = typeof KfServiceState.Untreated | typeof KfServiceState.RobotReception;

/**
 * A small customer-support bot (智能助手) for one corp's kf accounts. It gets every received message
 * and event through {@link SupportBot.handle} — from the message pump in production, from a test
 * directly — and answers through the client:
 *
 * - `enter_session` with a `welcome_code` → the welcome menu (`send_msg_on_event`);
 * - a menu tap or a keyword → the FAQ answer; anything else → an apology and the menu;
 * - "talk to a person" / "人工" → the session goes to the waiting pool (state 2) and the customer
 *   gets the queue notice with the returned `msg_code`; the bot is silent from then on while the
 *   session is queued (2) or with a person (3);
 * - "bye" / "结束" → the session is ended (→ 4) and the closing message sent with its `msg_code`;
 *   where the platform refuses to end it, the closing message goes out through `send_msg`;
 * - a picture, voice message or file → downloaded with `media/get` and acknowledged with its size;
 *   a location → echoed;
 * - events (send failures, recalls, servicers) → logged with their meaning.
 *
 * Before each `send_msg` it checks the 5-message quota and the 48-hour window itself and holds the
 * message back, with a log line, when either would be broken. A refusal by the platform's rules
 * (`KfBusinessRuleError`: 95001, 95002, 95016, 95018...) or an unusable request (`KfInvalidRequestError`,
 * e.g. an expired `media_id`) is logged and the bot carries on; other errors (network, credentials)
 * are thrown to the caller, whose pump decides whether to retry.
 */
export class SupportBot {
  readonly #kf: KfClient;
  readonly #logger: KfLogger | undefined;
  readonly #now: () => number;
  readonly #onActivity: ((activity: BotActivity) => void) | undefined;
  readonly #guard = new SendGuard();
  #customerMessages = 0;

  constructor(options: SupportBotOptions) {
    this.#kf = options.client;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#onActivity = options.onActivity;
  }

  /**
   * Handles one item of `sync_msg`: a customer's message, a servicer's message or an event. Resolves
   * when the bot is done with it (answers sent, or held back and logged).
   */
  async handle(msg: KfMsg): Promise<void> {
    if (msg.msgtype === 'event') {
      await this.#onEvent(msg.event);
      return;
    }
    if (msg.msgtype === 'unknown') {
      this.#report({
        kind: 'ignored',
        open_kfid: msg.open_kfid,
        external_userid: msg.external_userid,
        reason: `an item this version cannot read (msgid ${msg.msgid ?? '?'})`,
      });
      return;
    }
    const conversation = conversationOf(msg);
    if (msg.origin !== KfMsgOrigin.Customer) {
      this.#report({
        ...conversation,
        kind: 'ignored',
        reason:
          msg.origin === KfMsgOrigin.Servicer
            ? `servicer ${msg.servicer_userid ?? '?'} wrote from the WeCom client: ${summariseReceived(msg)}`
            : `a message with origin ${msg.origin}`,
      });
      return;
    }
    this.#guard.noteCustomerMessage(msg.open_kfid, msg.external_userid, msg.send_time * 1000);
    // Forget customers whose window closed, now and then, so the bookkeeping stays small.
    if (++this.#customerMessages % 1000 === 0) this.#guard.prune(this.#now());
    this.#report({ ...conversation, kind: 'received', summary: summariseReceived(msg) });
    await this.#surviving(conversation, () => this.#reply(conversation, msg));
  }

  /**
   * Sends a message the customer did not ask for (say, "your parcel has shipped") under the same
   * rules as a reply: only while the bot has the session, within 48 hours of the customer's last
   * message and within the 5-message quota. Resolves with whether it was sent.
   */
  async notify(to: Conversation, content: SendMsgContent): Promise<boolean> {
    const conversation = conversationOf(to);
    let sent = false;
    await this.#surviving(conversation, async () => {
      if (this.#heldBack(conversation, summariseSent(content))) return;
      if ((await this.#botState(conversation)) === undefined) return;
      sent = (await this.#send(conversation, content)) !== undefined;
    });
    return sent;
  }

  /** A customer's message, while the bot may still answer: check the rules, then act on it. */
  async #reply(conversation: Conversation, msg: Exclude<KfMsg, { msgtype: 'event' | 'unknown' }>) {
    // A message more than 48 hours old (the bot was down, or this is a replayed page) gets no answer.
    if (this.#heldBack(conversation, `a reply to: ${summariseReceived(msg)}`)) return;
    const state = await this.#botState(conversation);
    if (state === undefined) return;
    // Each customer message gets at most one send_msg answer, whose msgid is derived from the
    // message's: if the consumer hands the message over again (the handler failed after sending),
    // the platform refuses the repeat instead of the customer getting the answer twice.
    const reply = { ...conversation, msgid: replyMsgid(msg.msgid) };
    switch (msg.msgtype) {
      case 'text': {
        const intent = classify(msg.text);
        switch (intent.kind) {
          case 'faq':
            await this.#send(reply, { msgtype: 'text', text: { content: intent.entry.answer } });
            return;
          case 'handover':
            await this.#handOver(conversation);
            return;
          case 'goodbye':
            await this.#goodbye(reply, state);
            return;
          case 'unknown':
            await this.#send(reply, { msgtype: 'msgmenu', msgmenu: fallbackMenu() });
            return;
        }
        return;
      }
      case 'image':
        await this.#acknowledgeMedia(reply, 'picture', msg.image.media_id);
        return;
      case 'voice':
        await this.#acknowledgeMedia(reply, 'voice message', msg.voice.media_id);
        return;
      case 'video':
        await this.#acknowledgeMedia(reply, 'video', msg.video.media_id);
        return;
      case 'file':
        await this.#acknowledgeMedia(reply, 'file', msg.file.media_id);
        return;
      case 'location':
        await this.#send(reply, { msgtype: 'text', text: { content: locationEcho(msg.location) } });
        return;
      default:
        await this.#send(reply, { msgtype: 'text', text: { content: UNSUPPORTED_MESSAGE } });
        return;
    }
  }

  /**
   * The session's state when the bot may answer in it (0 or 1); `undefined`, after saying why the
   * bot stays silent, when a person has it (3), it is queued for one (2) or it ended (4).
   */
  async #botState(conversation: Conversation): Promise<BotState | undefined> {
    const { service_state, servicer_userid } = await this.#kf.serviceState.get(conversation);
    if (service_state === KfServiceState.Untreated) return KfServiceState.Untreated;
    if (service_state === KfServiceState.RobotReception) return KfServiceState.RobotReception;
    const reason =
      service_state === KfServiceState.ManualReception
        ? `${servicer_userid || 'a servicer'} has the session (state 3)`
        : service_state === KfServiceState.InQueue
          ? 'the customer is queued for a person (state 2); the queue notice went out already'
          : `the session is in state ${service_state}, where the API may not send`;
    this.#report({ ...conversation, kind: 'silent', reason });
    return undefined;
  }

  /** "Talk to a person": to the waiting pool (2), then the queue notice with the returned code. */
  async #handOver(conversation: Conversation): Promise<void> {
    const { msg_code } = await this.#kf.serviceState.trans({
      ...conversation,
      service_state: KfServiceState.InQueue,
    });
    this.#report({
      ...conversation,
      kind: 'state',
      service_state: KfServiceState.InQueue,
      reason: 'the customer asked for a person: queued in the waiting pool (待接入池)',
    });
    if (msg_code === undefined) {
      // The platform hands out the code only the first time a session moves to 2 or 3.
      this.#report({ ...conversation, kind: 'silent', reason: 'no msg_code came back, so no queue notice' });
      return;
    }
    await this.#sendOnEvent(conversation, msg_code, { msgtype: 'text', text: { content: QUEUE_NOTICE } });
  }

  /**
   * "Bye": end the session (→ 4) and send the closing message with its code. Whether the API may
   * end a session the bot has (0/1 → 4) is not documented; where the platform says no, the
   * closing message goes out through `send_msg` and the session ends by itself after 48 hours.
   */
  async #goodbye(reply: Reply, state: BotState): Promise<void> {
    const conversation = conversationOf(reply);
    if (canTransition(state, KfServiceState.Finished)) {
      try {
        const { msg_code } = await this.#kf.serviceState.trans({
          ...conversation,
          service_state: KfServiceState.Finished,
        });
        this.#report({
          ...conversation,
          kind: 'state',
          service_state: KfServiceState.Finished,
          reason: 'the customer said goodbye: session ended',
        });
        if (msg_code !== undefined) {
          await this.#sendOnEvent(conversation, msg_code, {
            msgtype: 'text',
            text: { content: CLOSING_MESSAGE },
          });
        }
        return;
      } catch (error) {
        if (!(error instanceof KfBusinessRuleError)) throw error;
        this.#refused(conversation, error);
      }
    }
    await this.#send(reply, { msgtype: 'text', text: { content: CLOSING_MESSAGE } });
  }

  /** Downloads a received file with `media/get` and tells the customer how big it was. */
  async #acknowledgeMedia(reply: Reply, kind: string, media_id: string): Promise<void> {
    let bytes: number;
    try {
      const file = await this.#kf.media.get({ media_id });
      bytes = file.data.byteLength;
    } catch (error) {
      // An expired (3 days) or unknown media_id: 40007.
      if (!(error instanceof KfInvalidRequestError)) throw error;
      this.#refused(reply, error);
      await this.#send(reply, { msgtype: 'text', text: { content: mediaFailure(kind) } });
      return;
    }
    await this.#send(reply, { msgtype: 'text', text: { content: mediaAcknowledgement(kind, bytes) } });
  }

  async #onEvent(event: KfEvent): Promise<void> {
    const meaning = describeEvent(event);
    this.#report({
      kind: 'event',
      event_type: event.event_type === 'unknown' ? String(event.raw.event_type) : event.event_type,
      open_kfid: event.open_kfid,
      // `servicer_status_change` names no customer: only the other events have the field.
      external_userid:
        'external_userid' in event && typeof event.external_userid === 'string'
          ? event.external_userid
          : undefined,
      meaning,
    });
    switch (event.event_type) {
      case 'enter_session': {
        const { welcome_code } = event;
        if (welcome_code === undefined) return;
        const conversation = conversationOf(event);
        await this.#surviving(conversation, () =>
          this.#sendOnEvent(conversation, welcome_code, { msgtype: 'msgmenu', msgmenu: welcomeMenu() }),
        );
        return;
      }
      case 'msg_send_fail':
        // The platform counted more than 5 messages where we did not: believe it.
        if (event.fail_type === KfMsgSendFailType.QuotaExceeded) {
          this.#guard.noteQuotaUsed(event.open_kfid, event.external_userid);
        }
        return;
      case 'session_status_change': {
        const { msg_code } = event;
        if (event.change_type === KfSessionChangeType.End && msg_code !== undefined) {
          // A servicer ended the session: the closing message (结束语) is the bot's job.
          const conversation = conversationOf(event);
          await this.#surviving(conversation, () =>
            this.#sendOnEvent(conversation, msg_code, {
              msgtype: 'text',
              text: { content: CLOSING_MESSAGE },
            }),
          );
        }
        return;
      }
      default:
        return;
    }
  }

  /** Whether the rules forbid a `send_msg` now; says so (with what was held back) when they do. */
  #heldBack(conversation: Conversation, summary: string): boolean {
    const reason = this.#guard.check(conversation.open_kfid, conversation.external_userid, this.#now());
    if (reason === undefined) return false;
    this.#report({ ...conversation, kind: 'held', reason, summary });
    return true;
  }

  /**
   * `send_msg` after checking the quota and the window; resolves with the msgid, or `undefined` if
   * held. With `to.msgid` the message carries that id; without, the client generates one.
   */
  async #send(to: Conversation | Reply, content: SendMsgContent): Promise<string | undefined> {
    const conversation = conversationOf(to);
    const summary = summariseSent(content);
    if (this.#heldBack(conversation, summary)) return undefined;
    try {
      const { msgid } = await this.#kf.sendMsg({
        touser: conversation.external_userid,
        open_kfid: conversation.open_kfid,
        ...('msgid' in to ? { msgid: to.msgid } : {}),
        ...content,
      });
      this.#guard.noteSent(conversation.open_kfid, conversation.external_userid);
      this.#report({ ...conversation, kind: 'sent', via: 'send_msg', msgid, summary });
      return msgid;
    } catch (error) {
      if (error instanceof KfBusinessRuleError && error.errcode === 95001) {
        this.#guard.noteQuotaUsed(conversation.open_kfid, conversation.external_userid);
      }
      throw error;
    }
  }

  /** `send_msg_on_event` with a one-shot code (welcome, queue notice, closing message): no quota. */
  async #sendOnEvent(
    conversation: Conversation,
    code: string,
    content: SendMsgOnEventContent,
  ): Promise<void> {
    const { msgid } = await this.#kf.sendMsgOnEvent({ code, ...content });
    this.#report({
      ...conversation,
      kind: 'sent',
      via: 'send_msg_on_event',
      msgid,
      summary: summariseSent(content),
    });
  }

  /** Runs `step`; a refusal by the platform's rules or an unusable request is logged, not thrown. */
  async #surviving(conversation: Conversation, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      if (error instanceof KfBusinessRuleError || error instanceof KfInvalidRequestError) {
        this.#refused(conversation, error);
        return;
      }
      throw error;
    }
  }

  #refused(to: Conversation, error: KfBusinessRuleError | KfInvalidRequestError): void {
    this.#report({
      ...conversationOf(to),
      kind: 'refused',
      endpoint: error.endpoint,
      errcode: error.errcode,
      meaning: error.meaning,
    });
  }

  /** Logs an activity and hands it to `onActivity`. */
  #report(activity: BotActivity): void {
    if (this.#logger !== undefined) logActivity(this.#logger, activity);
    try {
      this.#onActivity?.(activity);
    } catch (error) {
      this.#logger?.error('onActivity threw; the bot carries on', { error });
    }
  }

  /** How many `send_msg` messages went to the customer since their last message (for tests and logs). */
  sentSinceCustomerMessage(conversation: Conversation): number {
    return this.#guard.sentSince(conversation.open_kfid, conversation.external_userid);
  }
}

/**
 * The msgid of the answer to the customer message `msgid`: the same every time for the same
 * message, 32 characters of `[A-Za-z0-9_-]` as `send_msg` requires, and unique in the account
 * because the received msgid is.
 */
export function replyMsgid(msgid: string): string {
  return createHash('sha256').update(`kf-example reply to ${msgid}`).digest('base64url').slice(0, 32);
}

/** Just the two ids, so a message's or an event's other fields (codes, content) stay out of logs. */
function conversationOf(source: Conversation): Conversation {
  return { open_kfid: source.open_kfid, external_userid: source.external_userid };
}
