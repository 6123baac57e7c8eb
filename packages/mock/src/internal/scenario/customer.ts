import type { KfEnterSessionEvent } from '@kf/types';
import { KfMockError } from '../../errors.js';
import type { KfMockEnterResult, KfMockScenario } from '../../scenario.js';
import { liveAccount, resolveContactUrl } from '../accounts.js';
import { appendToLog } from '../message-log.js';
import { issueCode, knownCustomer, sessionOf, startSessionIfEnded, WINDOW_MS } from '../sessions.js';
import type { AccountState, EnterContext, World } from '../world.js';
import { guard } from './guard.js';

/** Raw `scene_param` may be at most 128 bytes (before urlencoding). */
const MAX_SCENE_PARAM_BYTES = 128;

type CustomerSteps = Pick<KfMockScenario, 'enterSession' | 'customerSends' | 'customerRecalls'>;

/** A message whose msgtype is a received type other than `event` (events are the platform's). */
export function checkContent(step: string, message: { msgtype: string }): void {
  if (message.msgtype === 'event') {
    throw new KfMockError(`${step}: events are produced by the mock, not sent`);
  }
}

/** The step's account and customer, as `KfMockError`s when unknown. */
export function conversation(
  world: World,
  step: string,
  open_kfid: string,
  external_userid: string,
): AccountState {
  return guard(step, () => {
    const account = liveAccount(world, open_kfid);
    knownCustomer(world, external_userid);
    return account;
  });
}

/** The steps of a WeChat customer: entering, writing, recalling. */
export function customerSteps(world: World): CustomerSteps {
  return {
    enterSession(input) {
      let account: AccountState;
      let context: EnterContext;
      if ('url' in input) {
        const link = resolveContactUrl(world, input.url);
        if (link === undefined) {
          throw new KfMockError(`enterSession: not a contact link of this mock: ${input.url}`);
        }
        account = conversation(world, 'enterSession', link.account.open_kfid, input.external_userid);
        context = {
          ...(link.scene === '' ? {} : { scene: link.scene }),
          ...(link.scene_param === undefined ? {} : { scene_param: link.scene_param }),
        };
      } else {
        account = conversation(world, 'enterSession', input.open_kfid, input.external_userid);
        context = {
          ...(input.scene === undefined ? {} : { scene: input.scene }),
          ...(input.scene_param === undefined ? {} : { scene_param: input.scene_param }),
          ...(input.wechat_channels === undefined ? {} : { wechat_channels: input.wechat_channels }),
        };
      }
      // The platform checks the link's parameters and stays silent when they fail.
      if (context.scene_param !== undefined) {
        const tooLong = new TextEncoder().encode(context.scene_param).length > MAX_SCENE_PARAM_BYTES;
        if (context.scene === undefined || tooLong) return undefined;
      }
      const now = world.clock.now();
      const session = sessionOf(world, account.open_kfid, input.external_userid);
      const recentWelcome = session.lastWelcomeAt !== undefined && now - session.lastWelcomeAt <= WINDOW_MS;
      const recentMessage =
        session.lastCustomerMsgAt !== undefined && now - session.lastCustomerMsgAt <= WINDOW_MS;
      const welcome_code = recentWelcome || recentMessage ? undefined : issueCode(world, session, 'welcome');
      const event: KfEnterSessionEvent = {
        event_type: 'enter_session',
        open_kfid: account.open_kfid,
        external_userid: input.external_userid,
        ...context,
        ...(welcome_code === undefined ? {} : { welcome_code }),
      };
      const customer = world.state.customers.get(input.external_userid);
      if (customer !== undefined) {
        customer.lastActivityAt = now;
        customer.lastEnterAt = now;
        customer.lastEnterContext = context;
      }
      // Logged last: the notification goes out synchronously, and a listener must see the new state.
      const wire = appendToLog(world, account, { origin: 4, msgtype: 'event', event });
      const result: KfMockEnterResult = { msgid: wire.msgid, event };
      return welcome_code === undefined ? result : { ...result, welcome_code };
    },
    customerSends({ open_kfid, external_userid, message }) {
      checkContent('customerSends', message);
      const account = conversation(world, 'customerSends', open_kfid, external_userid);
      const now = world.clock.now();
      const session = sessionOf(world, open_kfid, external_userid);
      startSessionIfEnded(session);
      session.lastCustomerMsgAt = now;
      session.sentSinceCustomerMsg = 0;
      const customer = world.state.customers.get(external_userid);
      if (customer !== undefined) customer.lastActivityAt = now;
      world.state.stats.push({
        kind: 'customer_msg',
        at: now,
        open_kfid,
        external_userid,
        instance: session.instance,
        ...(session.state === 3 && session.servicer_userid !== undefined
          ? { servicer_userid: session.servicer_userid }
          : {}),
      });
      // Logged last: the notification goes out synchronously, and a listener (an in-process
      // callback) must already see the session restarted, the window and the quota reset.
      const wire = appendToLog(world, account, { ...message, origin: 3, open_kfid, external_userid });
      return wire.msgid;
    },
    customerRecalls({ open_kfid, external_userid, msgid }) {
      const account = conversation(world, 'customerRecalls', open_kfid, external_userid);
      const own = account.log.some(
        (entry) =>
          entry.message.msgid === msgid &&
          entry.message.origin === 3 &&
          entry.message.external_userid === external_userid,
      );
      if (!own) throw new KfMockError(`customerRecalls: ${msgid} is not a message of this customer`);
      appendToLog(world, account, {
        origin: 4,
        msgtype: 'event',
        event: { event_type: 'user_recall_msg', open_kfid, external_userid, recall_msgid: msgid },
      });
    },
  };
}
