import type { SendMsgContent } from '@kf/types';
import { KF_CUSTOMER_CAPS, KF_SENDS_PER_CUSTOMER_MSG } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import { fail } from './api-failure.js';
import { usableMedia } from './media.js';
import { appendToLog } from './message-log.js';
import { recordAssignment, WINDOW_MS } from './sessions.js';
import type { AccountState, SentMessageState, SessionState, World } from './world.js';

/** Most `send_msg` messages per customer message. */
export const MAX_SENDS_PER_CUSTOMER_MSG = KF_SENDS_PER_CUSTOMER_MSG;

/** Every media id the content refers to must be usable and of the right type (40007 otherwise). */
export function checkContentMedia(world: World, content: SendMsgContent): void {
  switch (content.msgtype) {
    case 'image':
      usableMedia(world, content.image.media_id, 'image');
      break;
    case 'voice':
      usableMedia(world, content.voice.media_id, 'voice');
      break;
    case 'video':
      usableMedia(world, content.video.media_id, 'video');
      break;
    case 'file':
      usableMedia(world, content.file.media_id, 'file');
      break;
    case 'link':
      usableMedia(world, content.link.thumb_media_id, 'image');
      break;
    case 'miniprogram':
      usableMedia(world, content.miniprogram.thumb_media_id, 'image');
      break;
    default:
      break;
  }
}

/** The msgid to use: the caller's, unless already used in this account (configurable errcode). */
export function claimMsgid(world: World, account: AccountState, requested: string | undefined): string {
  let used = world.state.usedMsgids.get(account.open_kfid);
  if (used === undefined) {
    used = new Set();
    world.state.usedMsgids.set(account.open_kfid, used);
  }
  if (requested !== undefined && used.has(requested)) {
    return fail(world.options.behaviour.duplicateMsgidErrcode, 'msgid already used in this kf account');
  }
  const msgid = requested ?? world.random.string(32);
  used.add(msgid);
  return msgid;
}

/**
 * The rules of `send_msg` (doc 94677, error codes doc 90313), checked in this order: 48-hour window (configurable
 * errcode, 95002 by default), session state 0 or 1 (95018), 5 messages per customer message (95001).
 */
export function checkSendAllowed(world: World, session: SessionState): void {
  const last = session.lastCustomerMsgAt;
  if (last === undefined || world.clock.now() - last > WINDOW_MS) {
    fail(world.options.behaviour.sendWindowErrcode, 'over the 48-hour window');
  }
  if (session.state !== 0 && session.state !== 1)
    fail(KfErrorCode.SessionStateDisallowsSending, 'session state does not allow sending');
  if (session.sentSinceCustomerMsg >= MAX_SENDS_PER_CUSTOMER_MSG)
    fail(KfErrorCode.SendQuotaExceeded, 'send quota exceeded');
}

/** The corp's customer cap (`KF_CUSTOMER_CAPS`) by its qualification; `Infinity` when unlimited. */
function customerCap(world: World): number {
  if (!world.state.corpVerified) return KF_CUSTOMER_CAPS.unverified;
  return world.state.wechatChannelsBinding
    ? Number.POSITIVE_INFINITY
    : KF_CUSTOMER_CAPS.verifiedWithoutWechatChannels;
}

/** The `msg_send_fail` fail_type of a message over the cap: 7 未绑定视频号, 8 主体未验证, 9 both. */
function capFailType(world: World): 7 | 8 | 9 {
  if (world.state.corpVerified) return 7;
  return world.state.wechatChannelsBinding ? 8 : 9;
}

/**
 * The corp's customer cap for `send_msg`: a customer already served is always fine; a new one over
 * the cap answers 95003 (`customerCapFailure: 'sync'`), or returns the fail_type of the
 * `msg_send_fail` to log after accepting the call (`'async'`). `undefined`: within the cap.
 */
export function checkCustomerCap(world: World, external_userid: string): 7 | 8 | 9 | undefined {
  const served = world.state.servedCustomers;
  if (served.has(external_userid) || served.size < customerCap(world)) return undefined;
  if (world.options.behaviour.customerCapFailure === 'sync') {
    return fail(
      KfErrorCode.ServedCustomerLimitExceeded,
      'the corp has served as many customers as its qualification allows',
    );
  }
  return capFailType(world);
}

/** Logs the `msg_send_fail` of a message the platform accepted and then could not deliver. */
export function logSendFail(
  world: World,
  account: AccountState,
  external_userid: string,
  msgid: string,
  fail_type: number,
): void {
  appendToLog(world, account, {
    origin: 4,
    msgtype: 'event',
    event: {
      event_type: 'msg_send_fail',
      open_kfid: account.open_kfid,
      external_userid,
      fail_msgid: msgid,
      fail_type,
    },
  });
}

/**
 * Records an accepted message: the quota, the move from 0 to 1 (the API replying puts the session
 * with the bot), and, when a servicer rejects the customer, the later `msg_send_fail` (fail_type 10).
 */
export function recordSent(
  world: World,
  account: AccountState,
  session: SessionState,
  sent: SentMessageState,
): void {
  world.state.sent.push(sent);
  if (sent.via === 'send_msg') {
    session.sentSinceCustomerMsg++;
    if (session.state === 0) {
      session.state = 1;
      recordAssignment(world, session, 1);
    }
  }
  if (session.rejected) logSendFail(world, account, session.external_userid, sent.msgid, 10);
}
