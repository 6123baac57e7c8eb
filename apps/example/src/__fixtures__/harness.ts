import type { KfConsumer, KfLogger } from '@kf/client';
import { KfClient } from '@kf/client';
import type { KfMock, KfMockSentMessage } from '@kf/mock';
import { SendMsgContent } from '@kf/types';
import type { BotActivity } from '../activity.js';
import { SupportBot } from '../bot.js';

/** A log line the bot wrote. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
}

/** A bot wired to a mock, with what it did kept for assertions. */
export interface BotUnderTest {
  readonly bot: SupportBot;
  readonly kf: KfClient;
  /** The kf account the customers talk to. */
  readonly open_kfid: string;
  /** Everything the bot reported, in order. */
  readonly activities: BotActivity[];
  /** Everything the bot logged, in order. */
  readonly logs: LogLine[];
  /** The consumer (message pump) feeding the bot, wired to the mock's in-process callbacks. */
  readonly consumer: KfConsumer;
  /**
   * Waits until the bot has handled everything so far: the mock's callbacks are delivered, and
   * the pulls they triggered (sync_msg → bot.handle) are done.
   */
  drain(): Promise<void>;
  /** Stops the consumer and unhooks it from the mock (after each test). */
  dispose(): Promise<void>;
  /** A new customer of the mock. */
  customer(nickname?: string): string;
  /** The customer types `content` (or taps a menu item, with `menu_id`). */
  says(external_userid: string, content: string, menu_id?: string): string;
  /** What the app sent to the customer, in order. */
  sentTo(external_userid: string): KfMockSentMessage[];
  /** The customer's session state in the mock. */
  stateOf(external_userid: string): number;
}

/**
 * Creates a kf account in `mock`, a client pointed at the mock's credentials (and its clock), and a
 * bot over that client. The mock's MSW handlers must already be listening.
 */
export function botUnderTest(mock: KfMock): BotUnderTest {
  const open_kfid = mock.scenario.createAccount({ name: 'Acme support' });
  const logs: LogLine[] = [];
  const activities: BotActivity[] = [];
  const logger: KfLogger = {
    debug: (message) => logs.push({ level: 'debug', message }),
    info: (message) => logs.push({ level: 'info', message }),
    warn: (message) => logs.push({ level: 'warn', message }),
    error: (message) => logs.push({ level: 'error', message }),
  };
  const kf = new KfClient({
    ...mock.credentials, // { corpId, secret, baseURL }: the options of KfClient
    now: mock.clock.now,
    validateResponses: 'throw',
    maxRetries: 0,
  });
  const bot = new SupportBot({
    client: kf,
    logger,
    now: mock.clock.now,
    onActivity: (activity) => activities.push(activity),
  });
  // As in production, minus HTTP: each callback triggers a pull, and each pulled message goes to
  // the bot. (test/e2e.test.ts runs the same through real signed and encrypted HTTP callbacks.)
  const consumer = kf.consumer({ handler: (msg) => bot.handle(msg), now: mock.clock.now, logger });
  const unsubscribe = mock.callbacks.onCallback((notification) => consumer.onEvent(notification));
  consumer.start();

  return {
    bot,
    kf,
    consumer,
    open_kfid,
    activities,
    logs,
    async drain() {
      await mock.callbacks.flush();
      await consumer.idle();
    },
    async dispose() {
      unsubscribe();
      await consumer.stop();
    },
    customer: (nickname) => mock.scenario.createCustomer(nickname === undefined ? {} : { nickname }),
    says: (external_userid, content, menu_id) =>
      mock.scenario.customerSends({
        open_kfid,
        external_userid,
        message: { msgtype: 'text', text: menu_id === undefined ? { content } : { content, menu_id } },
      }),
    sentTo: (external_userid) => mock.world.sent({ open_kfid, external_userid }),
    stateOf: (external_userid) => mock.world.session(open_kfid, external_userid).service_state,
  };
}

/** What the app sent, read back with the request schema of `@kf/types`. */
function contentOf(sent: KfMockSentMessage): SendMsgContent {
  return SendMsgContent.parse(sent.content);
}

/** The text of a sent message, or its menu's head, for compact assertions. */
export function textOf(sent: KfMockSentMessage): string | undefined {
  const content = contentOf(sent);
  if (content.msgtype === 'text') return content.text.content;
  if (content.msgtype === 'msgmenu') return content.msgmenu.head_content;
  return undefined;
}

/** The click ids of a sent menu. */
export function menuIdsOf(sent: KfMockSentMessage): string[] {
  const content = contentOf(sent);
  if (content.msgtype !== 'msgmenu') return [];
  return content.msgmenu.list.flatMap((item) => (item.type === 'click' ? [item.click.id] : []));
}
