import type { KfEvent } from '@kf/types';
import { KfEventServicerStatus, KfMsgSendFailType, KfRejectSwitch, KfSessionChangeType } from '@kf/types';

/** Why a message was not delivered (`msg_send_fail.fail_type`), in words. */
const FAIL_TYPE_MEANING: Readonly<Record<number, string>> = {
  [KfMsgSendFailType.Unknown]: 'unknown reason',
  [KfMsgSendFailType.AccountDeleted]: 'the kf account was deleted',
  [KfMsgSendFailType.AppClosed]: 'the app was closed',
  [KfMsgSendFailType.SessionExpired]: 'the session expired (more than 48 hours)',
  [KfMsgSendFailType.SessionClosed]: 'the session was closed',
  [KfMsgSendFailType.QuotaExceeded]: 'more than 5 messages per customer message',
  [KfMsgSendFailType.ChannelsNotBound]: 'no 视频号 is bound',
  [KfMsgSendFailType.CorpNotVerified]: 'the corp is not verified',
  [KfMsgSendFailType.ChannelsNotBoundAndCorpNotVerified]: 'no 视频号 is bound and the corp is not verified',
  [KfMsgSendFailType.CustomerRejected]: "a servicer rejects this customer's messages",
  [KfMsgSendFailType.NoMemberLoggedIn]: 'no member of the corp has logged in to the WeCom app',
  [KfMsgSendFailType.ComponentBannedMsgType]: 'the kf component bans this message type',
};

/** What a servicer did in the WeCom client (`session_status_change.change_type`), in words. */
const CHANGE_TYPE_MEANING: Readonly<Record<number, string>> = {
  [KfSessionChangeType.TakeFromPool]: 'took the session from the waiting pool',
  [KfSessionChangeType.Transfer]: 'transferred the session',
  [KfSessionChangeType.End]: 'ended the session',
  [KfSessionChangeType.Reopen]: 're-opened an ended or transferred session',
};

/**
 * One line saying what an event means, for the log: the platform sends numbers (`fail_type: 6`),
 * a person on call wants words ("more than 5 messages per customer message").
 */
export function describeEvent(event: KfEvent): string {
  switch (event.event_type) {
    case 'enter_session':
      return `the customer entered the chat${event.scene ? ` (scene ${event.scene})` : ''}${
        event.welcome_code === undefined ? ', no welcome allowed' : ''
      }`;
    case 'msg_send_fail':
      return `message ${event.fail_msgid} was not delivered: ${
        FAIL_TYPE_MEANING[event.fail_type] ?? `fail_type ${event.fail_type}`
      }`;
    case 'servicer_status_change':
      return `servicer ${event.servicer_userid} ${
        event.status === KfEventServicerStatus.Receiving
          ? 'is receiving customers'
          : event.stop_type === 1
            ? 'is away (suspended)'
            : 'stopped receiving customers'
      }`;
    case 'session_status_change': {
      const who = event.new_servicer_userid ?? event.old_servicer_userid ?? 'a servicer';
      return `${who} ${CHANGE_TYPE_MEANING[event.change_type] ?? `changed the session (change_type ${event.change_type})`}`;
    }
    case 'user_recall_msg':
      return `the customer recalled message ${event.recall_msgid}`;
    case 'servicer_recall_msg':
      return `servicer ${event.servicer_userid} recalled message ${event.recall_msgid}`;
    case 'reject_customer_msg_switch_change':
      return `servicer ${event.servicer_userid} ${
        event.reject_switch === KfRejectSwitch.Rejecting ? 'rejects' : 'no longer rejects'
      } the customer's messages`;
    case 'unknown':
      return `an event this version does not know (${String(event.raw.event_type)})`;
  }
}
