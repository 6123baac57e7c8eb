import { KfMockError } from '../../errors.js';
import type { KfMockScenario } from '../../scenario.js';
import { liveAccount } from '../accounts.js';
import { appendToLog } from '../message-log.js';
import {
  endSession,
  isServicerOf,
  issueCode,
  receivingServicer,
  recordAssignment,
  sessionOf,
} from '../sessions.js';
import type { AccountState, SessionState, World } from '../world.js';
import { checkContent, conversation } from './customer.js';
import { guard } from './guard.js';

type ServicerSteps = Pick<
  KfMockScenario,
  | 'servicerTakesFromPool'
  | 'servicerTransfers'
  | 'servicerEnds'
  | 'servicerReplies'
  | 'servicerRecalls'
  | 'setServicerStatus'
  | 'servicerRejectsCustomer'
  | 'satisfactionSurveySent'
  | 'customerAnswersSurvey'
>;

function sessionChange(
  world: World,
  account: AccountState,
  session: SessionState,
  change: {
    change_type: 1 | 2 | 3 | 4;
    old?: string | undefined;
    new?: string | undefined;
    msg_code?: string;
  },
): void {
  appendToLog(world, account, {
    origin: 4,
    msgtype: 'event',
    event: {
      event_type: 'session_status_change',
      open_kfid: account.open_kfid,
      external_userid: session.external_userid,
      change_type: change.change_type,
      ...(change.old === undefined ? {} : { old_servicer_userid: change.old }),
      ...(change.new === undefined ? {} : { new_servicer_userid: change.new }),
      ...(change.msg_code === undefined ? {} : { msg_code: change.msg_code }),
    },
  });
}

function assign(world: World, session: SessionState, servicer_userid: string): void {
  session.state = 3;
  session.servicer_userid = servicer_userid;
  session.assignedAt = world.clock.now();
  recordAssignment(world, session, 3, servicer_userid);
}

function member(world: World, step: string, account: AccountState, userid: string): void {
  if (!world.state.members.has(userid) || !isServicerOf(world, account, userid)) {
    throw new KfMockError(`${step}: ${userid} is not a servicer of ${account.open_kfid}`);
  }
}

/** The steps of servicers in the WeCom client, each producing the event the platform documents. */
export function servicerSteps(world: World): ServicerSteps {
  return {
    servicerTakesFromPool({ open_kfid, external_userid, servicer_userid }) {
      const step = 'servicerTakesFromPool';
      const account = conversation(world, step, open_kfid, external_userid);
      const session = sessionOf(world, open_kfid, external_userid);
      if (session.state !== 2) {
        throw new KfMockError(`${step}: the session is in state ${session.state}, not 2`);
      }
      guard(step, () => receivingServicer(world, account, servicer_userid));
      assign(world, session, servicer_userid);
      const msg_code = issueCode(world, session, 'take');
      sessionChange(world, account, session, { change_type: 1, new: servicer_userid, msg_code });
      return msg_code;
    },
    servicerTransfers({ open_kfid, external_userid, servicer_userid }) {
      const step = 'servicerTransfers';
      const account = conversation(world, step, open_kfid, external_userid);
      const session = sessionOf(world, open_kfid, external_userid);
      const old = session.servicer_userid;
      if (session.state !== 3 || old === undefined) {
        throw new KfMockError(`${step}: the session is in state ${session.state}, not 3`);
      }
      if (old === servicer_userid) throw new KfMockError(`${step}: the session is already with ${old}`);
      guard(step, () => receivingServicer(world, account, servicer_userid));
      assign(world, session, servicer_userid);
      sessionChange(world, account, session, { change_type: 2, old, new: servicer_userid });
    },
    servicerEnds({ open_kfid, external_userid }) {
      const step = 'servicerEnds';
      const account = conversation(world, step, open_kfid, external_userid);
      const session = sessionOf(world, open_kfid, external_userid);
      const old = session.servicer_userid;
      if (session.state !== 3 || old === undefined) {
        throw new KfMockError(`${step}: the session is in state ${session.state}, not 3`);
      }
      endSession(session);
      const msg_code = issueCode(world, session, 'end');
      sessionChange(world, account, session, { change_type: 3, old, msg_code });
      return msg_code;
    },
    servicerReplies({ open_kfid, external_userid, servicer_userid, message }) {
      const step = 'servicerReplies';
      checkContent(step, message);
      const account = conversation(world, step, open_kfid, external_userid);
      member(world, step, account, servicer_userid);
      const session = sessionOf(world, open_kfid, external_userid);
      const takeOver =
        session.state === 4 || (session.state === 3 && session.servicer_userid !== servicer_userid);
      if (!takeOver && session.state !== 3) {
        throw new KfMockError(`${step}: the session is in state ${session.state}; a servicer cannot see it`);
      }
      // State first, log last: every notification goes out synchronously, and a listener must see
      // the session already taken over. The log keeps the platform's order: reply, then event.
      // Re-joining an ended session reports who had it last (the platform's example always
      // carries old_servicer_userid for change_type 4); "" when no servicer ever had it.
      const old = session.servicer_userid ?? session.lastServicer ?? '';
      if (takeOver) assign(world, session, servicer_userid);
      world.state.stats.push({
        kind: 'servicer_reply',
        at: world.clock.now(),
        open_kfid,
        external_userid,
        instance: session.instance,
        servicer_userid,
        assignedAt: session.assignedAt ?? world.clock.now(),
      });
      const wire = appendToLog(world, account, {
        ...message,
        origin: 5,
        open_kfid,
        external_userid,
        servicer_userid,
      });
      if (takeOver) sessionChange(world, account, session, { change_type: 4, old, new: servicer_userid });
      return wire.msgid;
    },
    servicerRecalls({ open_kfid, external_userid, servicer_userid, msgid }) {
      const step = 'servicerRecalls';
      const account = conversation(world, step, open_kfid, external_userid);
      const own = account.log.some(
        (entry) =>
          entry.message.msgid === msgid &&
          entry.message.origin === 5 &&
          entry.message.servicer_userid === servicer_userid &&
          entry.message.external_userid === external_userid,
      );
      if (!own) {
        throw new KfMockError(`${step}: ${msgid} is not a message of ${servicer_userid} to this customer`);
      }
      appendToLog(world, account, {
        origin: 4,
        msgtype: 'event',
        event: {
          event_type: 'servicer_recall_msg',
          open_kfid,
          external_userid,
          recall_msgid: msgid,
          servicer_userid,
        },
      });
    },
    setServicerStatus(userid, status) {
      const state = world.state.members.get(userid);
      if (state === undefined) throw new KfMockError(`setServicerStatus: no member ${userid}`);
      state.status = status === 'receiving' ? 0 : 1;
      state.stop_type = status === 'suspended' ? 1 : 0;
      for (const account of world.state.accounts.values()) {
        if (account.deleted || !isServicerOf(world, account, userid)) continue;
        appendToLog(world, account, {
          origin: 4,
          msgtype: 'event',
          event: {
            event_type: 'servicer_status_change',
            servicer_userid: userid,
            open_kfid: account.open_kfid,
            // The event numbers the states 1 / 2 where servicer/list says 0 / 1.
            status: state.status === 0 ? 1 : 2,
            ...(state.status === 1 ? { stop_type: state.stop_type } : {}),
          },
        });
      }
    },
    satisfactionSurveySent({ open_kfid, external_userid, servicer_userid }) {
      const step = 'satisfactionSurveySent';
      const account = conversation(world, step, open_kfid, external_userid);
      const session = sessionOf(world, open_kfid, external_userid);
      // The survey rates the servicer of the session: the current one, or the last one of an ended session.
      const rated = servicer_userid ?? session.servicer_userid ?? session.lastServicer;
      if (rated === undefined) throw new KfMockError(`${step}: no servicer has had this session`);
      member(world, step, account, rated);
      world.state.stats.push({
        kind: 'survey_sent',
        at: world.clock.now(),
        open_kfid,
        external_userid,
        servicer_userid: rated,
      });
    },
    customerAnswersSurvey({ open_kfid, external_userid, answer }) {
      const step = 'customerAnswersSurvey';
      conversation(world, step, open_kfid, external_userid);
      const mine = (fact: { open_kfid: string; external_userid: string }) =>
        fact.open_kfid === open_kfid && fact.external_userid === external_userid;
      const sent = world.state.stats.filter((fact) => fact.kind === 'survey_sent' && mine(fact));
      const answered = world.state.stats.filter((fact) => fact.kind === 'survey_answer' && mine(fact)).length;
      const survey = sent[answered];
      if (survey === undefined || survey.kind !== 'survey_sent') {
        throw new KfMockError(`${step}: the customer has no unanswered survey from ${open_kfid}`);
      }
      world.state.stats.push({
        kind: 'survey_answer',
        at: world.clock.now(),
        open_kfid,
        external_userid,
        servicer_userid: survey.servicer_userid,
        answer,
      });
    },
    servicerRejectsCustomer({ open_kfid, external_userid, servicer_userid, reject }) {
      const step = 'servicerRejectsCustomer';
      const account = guard(step, () => liveAccount(world, open_kfid));
      conversation(world, step, open_kfid, external_userid);
      member(world, step, account, servicer_userid);
      const session = sessionOf(world, open_kfid, external_userid);
      session.rejected = reject;
      if (reject) {
        world.state.stats.push({
          kind: 'rejected',
          at: world.clock.now(),
          open_kfid,
          external_userid,
          servicer_userid,
        });
      }
      appendToLog(world, account, {
        origin: 4,
        msgtype: 'event',
        event: {
          event_type: 'reject_customer_msg_switch_change',
          open_kfid,
          external_userid,
          servicer_userid,
          reject_switch: reject ? 1 : 0,
        },
      });
    },
  };
}
