import { KF_LIFETIMES_MS, type KfServiceState } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import { fail } from './api-failure.js';
import type { AccountState, EventCodeKind, EventCodeState, SessionState, World } from './world.js';
import { sessionKey } from './world.js';

/** The 48-hour window after a customer message (sending, sessions, batchget). */
export const WINDOW_MS = KF_LIFETIMES_MS.customerWindow;

/** How long each kind of `send_msg_on_event` code is valid. */
export const CODE_TTL_MS: Readonly<Record<EventCodeKind, number>> = KF_LIFETIMES_MS.eventCode;

/** The customer `external_userid`, or 40096 (不合法的外部联系人userid) when the corp never saw them. */
export function knownCustomer(world: World, external_userid: string): void {
  if (!world.state.customers.has(external_userid))
    fail(KfErrorCode.InvalidExternalUserId, 'invalid external_userid');
}

/**
 * The session of a customer with an account, created in state 4 (未开始) on first use. A session
 * whose customer has been silent for 48 hours has ended: it is moved to 4 on read.
 */
export function sessionOf(world: World, open_kfid: string, external_userid: string): SessionState {
  const key = sessionKey(open_kfid, external_userid);
  let session = world.state.sessions.get(key);
  if (session === undefined) {
    session = {
      open_kfid,
      external_userid,
      state: 4,
      sentSinceCustomerMsg: 0,
      replyCodeIssued: false,
      instance: 0,
      rejected: false,
    };
    world.state.sessions.set(key, session);
  }
  expireIfSilent(world, session);
  return session;
}

/**
 * Ends a session whose customer has been silent for 48 hours (a session lasts until then unless
 * ended earlier). Applied whenever a session is read, so time alone moves it to 4.
 */
export function expireIfSilent(world: World, session: SessionState): void {
  const last = session.lastCustomerMsgAt;
  if (session.state !== 4 && last !== undefined && world.clock.now() - last > WINDOW_MS) endSession(session);
}

/** Moves a session to 4 and forgets its servicer. */
export function endSession(session: SessionState): void {
  if (session.servicer_userid !== undefined) session.lastServicer = session.servicer_userid;
  session.state = 4;
  delete session.servicer_userid;
  delete session.assignedAt;
}

/** Starts a new session (4 → 0) when the customer writes after the previous one ended. */
export function startSessionIfEnded(session: SessionState): boolean {
  if (session.state !== 4) return false;
  session.state = 0;
  session.instance++;
  session.replyCodeIssued = false;
  delete session.servicer_userid;
  return true;
}

/** Hands out a one-shot `send_msg_on_event` code bound to the session's current state. */
export function issueCode(world: World, session: SessionState, kind: EventCodeKind): string {
  const code: EventCodeState = {
    code: world.random.string(43),
    kind,
    open_kfid: session.open_kfid,
    external_userid: session.external_userid,
    ...(kind === 'welcome' ? {} : { boundState: session.state }),
    instance: session.instance,
    expiresAt: world.clock.now() + CODE_TTL_MS[kind],
    used: false,
  };
  world.state.codes.set(code.code, code);
  return code.code;
}

/** Whether `userid` serves `account`, directly or through one of its departments. */
export function isServicerOf(world: World, account: AccountState, userid: string): boolean {
  if (account.members.has(userid)) return true;
  const member = world.state.members.get(userid);
  return member?.departments.some((id) => account.departments.has(id)) ?? false;
}

/**
 * A servicer who can take a session of `account`: a servicer of it who activated WeCom (95014
 * otherwise) and is receiving (95019 when stopped or suspended).
 */
export function receivingServicer(world: World, account: AccountState, userid: string): void {
  const member = world.state.members.get(userid);
  if (member === undefined || !member.activated || !isServicerOf(world, account, userid)) {
    fail(KfErrorCode.UserNotServicer, 'user is not servicer');
  }
  if (member.status !== 0) fail(KfErrorCode.ServicerNotReceiving, 'servicer is stopped or suspended');
}

/** Records that a session was handed to the bot or a servicer, for the statistics. */
export function recordAssignment(
  world: World,
  session: SessionState,
  to: KfServiceState,
  servicer_userid?: string,
): void {
  if (to !== 1 && to !== 3) return;
  world.state.stats.push({
    kind: 'session_assigned',
    at: world.clock.now(),
    open_kfid: session.open_kfid,
    external_userid: session.external_userid,
    instance: session.instance,
    to: to === 1 ? 'bot' : 'servicer',
    ...(servicer_userid === undefined ? {} : { servicer_userid }),
  });
}
