import type { KfCorpStatistic, KfServicerStatistic } from '@kf/types';
import type { StatFact } from './world.js';

type Fact<K extends StatFact['kind']> = Extract<StatFact, { kind: K }>;

function ofKind<K extends StatFact['kind']>(facts: readonly StatFact[], kind: K): Fact<K>[] {
  return facts.filter((fact): fact is Fact<K> => fact.kind === kind);
}

/** A session is one customer's conversation from a first message until it ends. */
function sessionId(fact: { external_userid: string; instance: number }): string {
  return `${fact.external_userid}\u0000${fact.instance}`;
}

const distinct = (values: readonly string[]): number => new Set(values).size;

/**
 * One day of 企业汇总数据 from the facts of that day and account, or `undefined` when nothing
 * happened. Figures the mock cannot observe are 0 (customers accepting an upgrade, the knowledge
 * hit rate: the native bot is off when the API manages sessions).
 */
export function corpStatistic(facts: readonly StatFact[]): KfCorpStatistic | undefined {
  if (facts.length === 0) return undefined;
  const messages = ofKind(facts, 'customer_msg');
  const assigned = ofKind(facts, 'session_assigned');
  const botSessions = new Set(assigned.filter((f) => f.to === 'bot').map(sessionId));
  const humanSessions = new Set(assigned.filter((f) => f.to === 'servicer').map(sessionId));
  const transferred = [...botSessions].filter((id) => humanSessions.has(id)).length;
  return {
    session_cnt: distinct(assigned.map(sessionId)),
    customer_cnt: distinct(messages.map((f) => f.external_userid)),
    customer_msg_cnt: messages.length,
    upgrade_service_customer_cnt: 0,
    ai_session_reply_cnt: botSessions.size,
    ai_transfer_rate: botSessions.size === 0 ? 0 : transferred / botSessions.size,
    // The native bot's knowledge base never answers while the API manages sessions: no hits.
    ai_knowledge_hit_rate: 0,
    msg_rejected_customer_cnt: distinct(ofKind(facts, 'rejected').map((f) => f.external_userid)),
  };
}

/**
 * One day of 接待人员明细数据 (of one servicer when `servicer` is given, else of all), or `undefined`
 * when nothing happened. Satisfaction figures come from the scenario's `satisfactionSurveySent` /
 * `customerAnswersSurvey`; every rate is present, 0 when it has nothing to divide by.
 */
export function servicerStatistic(
  facts: readonly StatFact[],
  servicer: string | undefined,
): KfServicerStatistic | undefined {
  const mine = (userid: string | undefined): boolean =>
    userid !== undefined && (servicer === undefined || userid === servicer);
  const assigned = ofKind(facts, 'session_assigned').filter(
    (f) => f.to === 'servicer' && mine(f.servicer_userid),
  );
  const messages = ofKind(facts, 'customer_msg').filter((f) => mine(f.servicer_userid));
  const replies = ofKind(facts, 'servicer_reply').filter((f) => mine(f.servicer_userid));
  const rejected = ofKind(facts, 'rejected').filter((f) => mine(f.servicer_userid));
  const surveys = ofKind(facts, 'survey_sent').filter((f) => mine(f.servicer_userid));
  const answers = ofKind(facts, 'survey_answer').filter((f) => mine(f.servicer_userid));
  const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
  const answered = (answer: string): number => answers.filter((f) => f.answer === answer).length;
  const upgrades = ofKind(facts, 'upgrade').filter(
    (f) => servicer === undefined || f.servicer_userid === servicer,
  );
  const observed = assigned.length + messages.length + replies.length + rejected.length + upgrades.length;
  if (observed + surveys.length + answers.length === 0) {
    return undefined;
  }
  const sessions = new Set(assigned.map(sessionId));
  const firstReply = new Map<string, number>();
  for (const reply of replies) {
    const id = sessionId(reply);
    if (sessions.has(id) && !firstReply.has(id)) firstReply.set(id, (reply.at - reply.assignedAt) / 1000);
  }
  const delays = [...firstReply.values()];
  return {
    session_cnt: sessions.size,
    customer_cnt: distinct(assigned.map((f) => f.external_userid)),
    customer_msg_cnt: messages.length,
    // Every field of the official example is always there: a rate with nothing to divide by is 0.
    reply_rate: share(firstReply.size, sessions.size),
    first_reply_average_sec: share(
      delays.reduce((sum, delay) => sum + delay, 0),
      delays.length,
    ),
    satisfaction_investgate_cnt: surveys.length,
    satisfaction_participation_rate: share(answers.length, surveys.length),
    satisfied_rate: share(answered('satisfied'), answers.length),
    middling_rate: share(answered('middling'), answers.length),
    dissatisfied_rate: share(answered('dissatisfied'), answers.length),
    upgrade_service_customer_cnt: 0,
    upgrade_service_member_invite_cnt: upgrades.filter((f) => f.type === 1).length,
    upgrade_service_member_customer_cnt: 0,
    upgrade_service_groupchat_invite_cnt: upgrades.filter((f) => f.type === 2).length,
    upgrade_service_groupchat_customer_cnt: 0,
    msg_rejected_customer_cnt: distinct(rejected.map((f) => f.external_userid)),
  };
}
