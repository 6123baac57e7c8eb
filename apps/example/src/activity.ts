import type { KfLogger } from '@kf/client';
import type { KfMsg, SendMenuItem, SendMsgContent } from '@kf/types';
import type { HoldBackReason } from './send-guard.js';
import { HOLD_BACK_MEANING } from './send-guard.js';

/** Which customer of which kf account something is about. */
export interface Conversation {
  /** The kf account (客服账号ID). */
  readonly open_kfid: string;
  /** The customer (external_userid). */
  readonly external_userid: string;
}

/**
 * Everything the bot does, as data: the log is written from it, and `onActivity` hands it to
 * whoever wants a transcript (the demo prints one; a real service could feed metrics).
 */
export type BotActivity =
  /** A customer wrote. `summary` is a one-line rendering of the message. */
  | (Conversation & { readonly kind: 'received'; readonly summary: string })
  /** The bot sent a message the platform accepted. */
  | (Conversation & {
      readonly kind: 'sent';
      readonly via: 'send_msg' | 'send_msg_on_event';
      readonly msgid: string;
      readonly summary: string;
    })
  /** The bot had something to say but held it back to keep the platform's rules. */
  | (Conversation & { readonly kind: 'held'; readonly reason: HoldBackReason; readonly summary: string })
  /** The bot stays quiet on purpose (a person has the session, the customer is queued). */
  | (Conversation & { readonly kind: 'silent'; readonly reason: string })
  /** The bot moved the session (`service_state/trans`). */
  | (Conversation & { readonly kind: 'state'; readonly service_state: number; readonly reason: string })
  /** An event arrived (`msgtype: event`); `meaning` says what it means. Some have no customer. */
  | {
      readonly kind: 'event';
      readonly event_type: string;
      readonly open_kfid: string | undefined;
      readonly external_userid: string | undefined;
      readonly meaning: string;
    }
  /** The platform refused a call with a business rule (95xxx) or a request error the bot survives. */
  | (Conversation & {
      readonly kind: 'refused';
      readonly endpoint: string;
      readonly errcode: number;
      readonly meaning: string;
    })
  /** Something the bot ignores, and why (a servicer's own message, an unreadable item). */
  | {
      readonly kind: 'ignored';
      readonly open_kfid: string | undefined;
      readonly external_userid: string | undefined;
      readonly reason: string;
    };

/** One line for a received message: the text, the tapped menu item, or the kind of attachment. */
export function summariseReceived(msg: KfMsg): string {
  switch (msg.msgtype) {
    case 'text':
      return msg.text.menu_id === undefined
        ? msg.text.content
        : `[tapped "${msg.text.content}" (${msg.text.menu_id})]`;
    case 'image':
    case 'voice':
    case 'video':
    case 'file':
      return `[${msg.msgtype}]`;
    case 'location':
      return `[location ${msg.location.name ?? ''} ${msg.location.latitude},${msg.location.longitude}]`.replace(
        /\s+/g,
        ' ',
      );
    case 'event':
      return `[event ${msg.event.event_type}]`;
    default:
      return `[${msg.msgtype}]`;
  }
}

/** One line for a sent message: the text, or a menu's head, items and tail. */
export function summariseSent(content: SendMsgContent): string {
  switch (content.msgtype) {
    case 'text':
      return content.text.content;
    case 'msgmenu': {
      const items = content.msgmenu.list.map(menuItemLabel);
      return [content.msgmenu.head_content, `[${items.join(' | ')}]`, content.msgmenu.tail_content]
        .filter((part) => part !== undefined && part !== '')
        .join(' ');
    }
    default:
      return `[${content.msgtype}]`;
  }
}

/** What a menu item shows. */
function menuItemLabel(item: SendMenuItem): string {
  switch (item.type) {
    case 'click':
      return item.click.content;
    case 'view':
      return item.view.content;
    case 'miniprogram':
      return item.miniprogram.content;
    case 'text':
      return item.text.content;
  }
}

/**
 * Writes one log line for an activity: `info` for the conversation, `warn` for what was held back
 * or refused and for undelivered messages, `debug` for what the bot ignores. The activity itself
 * goes along as the structured fields.
 */
export function logActivity(logger: KfLogger, activity: BotActivity): void {
  const who = activity.external_userid ?? '-';
  const fields: Record<string, unknown> = { ...activity };
  switch (activity.kind) {
    case 'received':
      logger.info(`${who} wrote: ${activity.summary}`, fields);
      return;
    case 'sent':
      logger.info(`to ${who} (${activity.via}): ${activity.summary}`, fields);
      return;
    case 'held':
      logger.warn(
        `held back from ${who}: ${activity.summary} — ${HOLD_BACK_MEANING[activity.reason]}`,
        fields,
      );
      return;
    case 'silent':
      logger.info(`silent towards ${who}: ${activity.reason}`, fields);
      return;
    case 'state':
      logger.info(`session of ${who} → state ${activity.service_state}: ${activity.reason}`, fields);
      return;
    case 'event':
      if (activity.event_type === 'msg_send_fail') logger.warn(`event: ${activity.meaning}`, fields);
      else logger.info(`event ${activity.event_type}: ${activity.meaning}`, fields);
      return;
    case 'refused':
      logger.warn(
        `${activity.endpoint} for ${who} refused with ${activity.errcode}: ${activity.meaning}`,
        fields,
      );
      return;
    case 'ignored':
      logger.debug(`ignored: ${activity.reason}`, fields);
      return;
  }
}
