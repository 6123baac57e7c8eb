import { randomBytes } from 'node:crypto';
import type { KfMockClock, KfMockSentMessage } from '@kf/mock';
import type { KfMockServer } from '@kf/mock/server';
import { start } from '@kf/mock/server';
import { SendMsgContent } from '@kf/types';
import { mockBotConfig } from '../config.js';
import { withMeaning } from '../errcode-meaning.js';
import { CLOSING_MESSAGE, FAQ, MenuId, QUEUE_NOTICE } from '../faq.js';
import { HandledMessages, NotHandledError } from '../handled.js';
import type { BotServer } from '../server.js';
import { startBotServer } from '../server.js';
import type { Paint } from './transcript.js';
import { paint, Transcript } from './transcript.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Where the transcript goes, one line per call. */
  readonly write: (line: string) => void;
  /** ANSI colours; default off. */
  readonly colour?: boolean;
  /** How long to wait for the bot after each step, in ms; default 5000. */
  readonly stepTimeoutMs?: number;
}

/** How the demo went. */
export interface DemoResult {
  readonly passed: number;
  readonly failed: number;
  /** Why the demo stopped early, if it did. */
  readonly aborted?: string;
}

/** A check: `undefined` when it holds, otherwise what was wrong. */
type Check = () => string | undefined;

const ORDER_ANSWER = FAQ.find((entry) => entry.id === MenuId.OrderStatus)?.answer ?? '';
const HOURS_ANSWER = FAQ.find((entry) => entry.id === MenuId.OpeningHours)?.answer ?? '';
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SERVICER = 'zhangsan';

/** Random letters and digits, as the admin console makes a Token and an EncodingAESKey. */
function secret(length: number): string {
  return Array.from(randomBytes(length), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

/** The mock on the wall clock, so its callbacks' timestamps are "now" for the bot. */
function wallClock(): KfMockClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms) {
      offset += ms;
    },
    set(time) {
      offset = (typeof time === 'number' ? time : time.getTime()) - Date.now();
    },
  };
}

/** The text (or a menu's head) of a sent message, read back with the schema of `@kf/types`. */
function textOf(sent: KfMockSentMessage | undefined): string {
  if (sent === undefined) return '(nothing)';
  const parsed = SendMsgContent.safeParse(sent.content);
  if (!parsed.success) return 'a message that is not valid send_msg content';
  const content = parsed.data;
  if (content.msgtype === 'text') return content.text.content;
  if (content.msgtype === 'msgmenu') return `menu "${content.msgmenu.head_content ?? ''}"`;
  return `a ${content.msgtype} message`;
}

/**
 * `pnpm demo`: starts the standalone mock and the bot on free loopback ports, points the mock's
 * callbacks at the bot, plays three customers through the mock's scenario API and checks after
 * each step what the bot sent, as the mock (the platform) saw it. Prints the transcript as it goes.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const p: Paint = paint(options.colour ?? false);
  const transcript = new Transcript(options.write, p);
  const timeoutMs = options.stepTimeoutMs ?? 5000;
  const handled = new HandledMessages();
  let passed = 0;
  let failed = 0;
  const check = (what: string, test: Check): void => {
    const problem = test();
    if (problem === undefined) passed += 1;
    else failed += 1;
    transcript.check(problem === undefined, problem === undefined ? what : `${what}: ${problem}`);
  };

  let kfMock: KfMockServer | undefined;
  let bot: BotServer | undefined;
  try {
    kfMock = await start({
      seed: 'kf-demo',
      clock: wallClock(),
      setup: {
        accounts: [{ name: 'Acme support', servicers: [SERVICER] }],
        customers: [{ nickname: 'Alice' }, { nickname: 'Bob' }, { nickname: 'Carol' }],
      },
    });
    const { mock } = kfMock;
    const [account] = kfMock.setup.accounts;
    const [alice, bob, carol] = kfMock.setup.customers.map((customer) => {
      transcript.name(customer.external_userid, customer.nickname);
      return customer.external_userid;
    });
    if (account === undefined || alice === undefined || bob === undefined || carol === undefined) {
      throw new Error('the mock did not create the account and customers of the setup');
    }
    const { open_kfid } = account;
    const token = secret(16);
    const encodingAESKey = secret(43);

    bot = await startBotServer({
      config: mockBotConfig(kfMock, { token, encodingAESKey }),
      onActivity: transcript.activity,
      onHandled: (msg) => {
        if (msg.msgid !== undefined) handled.add(msg.msgid);
      },
    });
    mock.callbacks.configure({ url: bot.callbackUrl, token, encodingAESKey });

    transcript.line(p.bold('kf demo — the support bot of apps/example against the standalone @kf/mock'));
    transcript.line(
      `  mock  ${kfMock.url}  (corp ${mock.credentials.corpId}, kf account "${account.name}" ${open_kfid})`,
    );
    transcript.line(`  bot   ${bot.callbackUrl}`);
    transcript.legend();
    const verification = await mock.callbacks.verifyUrl().then(
      (result) => result,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    check("the mock verified the bot's callback URL (GET with an encrypted echostr)", () =>
      verification instanceof Error ? verification.message : undefined,
    );
    if (verification instanceof Error) return { passed, failed, aborted: 'the callback URL does not work' };

    const sentTo = (external_userid: string) => mock.world.sent({ open_kfid, external_userid });
    const stateOf = (external_userid: string) => mock.world.session(open_kfid, external_userid).service_state;
    /** Waits until the bot handled everything the platform logged so far. */
    const settle = async (): Promise<void> => {
      const msgids = mock.world
        .messages(open_kfid)
        .flatMap((item) => (typeof item.msgid === 'string' ? [item.msgid] : []));
      await handled.waitFor(msgids, timeoutMs);
    };
    const says = (external_userid: string, content: string, menu_id?: string) =>
      mock.scenario.customerSends({
        open_kfid,
        external_userid,
        message: { msgtype: 'text', text: menu_id === undefined ? { content } : { content, menu_id } },
      });
    /** The next message the customer got since `before` messages, through `via`, with this text. */
    const got =
      (external_userid: string, before: number, via: string, expected: string | RegExp): Check =>
      () => {
        const sent = sentTo(external_userid);
        const next = sent[before];
        if (sent.length !== before + 1)
          return `expected 1 new message, the customer got ${sent.length - before}`;
        const text = textOf(next);
        const matches = typeof expected === 'string' ? text === expected : expected.test(text);
        if (!matches) return `got ${text}`;
        return next?.via === via ? undefined : `sent through ${next?.via}, not ${via}`;
      };
    const inState =
      (external_userid: string, state: number): Check =>
      () => {
        const actual = stateOf(external_userid);
        return actual === state ? undefined : `the session is in state ${actual}`;
      };

    transcript.heading('Alice — welcome, menu, FAQ, a picture, goodbye');
    mock.scenario.enterSession({ open_kfid, external_userid: alice });
    await settle();
    check(
      'Alice got the welcome menu, sent with the welcome_code',
      got(alice, 0, 'send_msg_on_event', /^menu "Hello/),
    );
    says(alice, 'Opening hours', MenuId.OpeningHours);
    await settle();
    check('a menu tap got its FAQ answer', got(alice, 1, 'send_msg', HOURS_ANSWER));
    says(alice, 'Where is my order?');
    await settle();
    check('a typed question got its FAQ answer', got(alice, 2, 'send_msg', ORDER_ANSWER));
    const photo = mock.scenario.createMedia({
      type: 'image',
      bytes: new Uint8Array(34_567).fill(0x42),
      filename: 'parcel.png',
    });
    mock.scenario.customerSends({
      open_kfid,
      external_userid: alice,
      message: { msgtype: 'image', image: { media_id: photo } },
    });
    await settle();
    check(
      'the picture was downloaded and acknowledged with its size',
      got(alice, 3, 'send_msg', /\(34,567 bytes\)/),
    );
    says(alice, 'ok, bye!');
    await settle();
    check('goodbye ended the session', inState(alice, 4));
    check(
      '…and the closing message went out with the msg_code of the end',
      got(alice, 4, 'send_msg_on_event', CLOSING_MESSAGE),
    );

    transcript.heading('Bob — hand-over to a person');
    mock.scenario.enterSession({ open_kfid, external_userid: bob });
    says(bob, '人工');
    await settle();
    check('"人工" put Bob in the waiting pool', inState(bob, 2));
    check(
      '…and he got the queue notice with the msg_code of the move',
      got(bob, 1, 'send_msg_on_event', QUEUE_NOTICE),
    );
    transcript.narrate(`${SERVICER} takes Bob's session from the pool in the WeCom client`);
    mock.scenario.servicerTakesFromPool({ open_kfid, external_userid: bob, servicer_userid: SERVICER });
    says(bob, 'hello? anyone there?');
    mock.scenario.servicerReplies({
      open_kfid,
      external_userid: bob,
      servicer_userid: SERVICER,
      message: { msgtype: 'text', text: { content: 'Hi Bob, Zhang San here. How can I help?' } },
    });
    await settle();
    check(`${SERVICER} has the session`, inState(bob, 3));
    check('the bot stayed silent while a person had the session', () => {
      const count = sentTo(bob).length;
      return count === 2 ? undefined : `the bot sent ${count - 2} message(s)`;
    });
    transcript.narrate(`${SERVICER} ends the session in the WeCom client`);
    mock.scenario.servicerEnds({ open_kfid, external_userid: bob });
    await settle();
    check(
      'the bot sent the closing message with the msg_code of the end',
      got(bob, 2, 'send_msg_on_event', CLOSING_MESSAGE),
    );

    transcript.heading('Carol — a question the bot does not know, and a location');
    says(carol, 'Do you sell umbrellas?');
    await settle();
    check('an unknown question got a polite answer with the menu', got(carol, 0, 'send_msg', /^menu "Sorry/));
    mock.scenario.customerSends({
      open_kfid,
      external_userid: carol,
      message: {
        msgtype: 'location',
        location: {
          latitude: 31.23969,
          longitude: 121.49989,
          name: 'The Bund',
          address: 'Zhongshan East 1st Rd, Shanghai',
        },
      },
    });
    await settle();
    check('a shared location was echoed', got(carol, 1, 'send_msg', /The Bund/));

    transcript.heading('Behind the scenes');
    const deliveries = mock.callbacks.deliveries();
    check(`${deliveries.length} callbacks were POSTed, signed and encrypted, and answered`, () => {
      const bad = deliveries.filter((delivery) => delivery.outcome !== 'delivered');
      return bad.length === 0 ? undefined : `${bad.length} were not delivered`;
    });
    const sendingRules = [95001, 95002, 95018];
    check(`the bot never broke a sending rule: no ${sendingRules.map(withMeaning).join(', ')}`, () => {
      const refused = mock.world
        .calls()
        .filter((call) => call.errcode !== null && sendingRules.includes(call.errcode));
      return refused.length === 0 ? undefined : `${refused.length} call(s) were refused`;
    });
    return { passed, failed };
  } catch (error) {
    const message =
      error instanceof NotHandledError && kfMock !== undefined
        ? `${error.message}\n    last callback: ${JSON.stringify(kfMock.mock.callbacks.deliveries().at(-1)?.attempts ?? [])}`
        : error instanceof Error
          ? error.message
          : String(error);
    failed += 1;
    transcript.check(false, message);
    return { passed, failed, aborted: message };
  } finally {
    await bot?.close();
    await kfMock?.close();
  }
}
