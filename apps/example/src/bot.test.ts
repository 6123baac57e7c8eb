import { createKfMock, DAY, HOUR, type KfMockMessageContent, MINUTE } from '@kf/mock';
import { parseKfMsg } from '@kf/types';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BotUnderTest } from './__fixtures__/harness.js';
import { botUnderTest, menuIdsOf, textOf } from './__fixtures__/harness.js';
import { replyMsgid } from './bot.js';
import { CLOSING_MESSAGE, FAQ, MenuId, QUEUE_NOTICE, UNSUPPORTED_MESSAGE } from './faq.js';

// The short setup of the @kf/mock README: one mock, its handlers in an MSW server.
const mock = createKfMock();
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let t: BotUnderTest;
beforeEach(() => {
  mock.reset();
  t = botUnderTest(mock);
});
afterEach(() => t.dispose());

const ORDER_ANSWER = FAQ.find((entry) => entry.id === MenuId.OrderStatus)?.answer;
const HOURS_ANSWER = FAQ.find((entry) => entry.id === MenuId.OpeningHours)?.answer;
const MENU = [MenuId.OrderStatus, MenuId.OpeningHours, MenuId.TalkToPerson];

function sendMsgErrcodes(): (number | null)[] {
  return mock.world
    .calls()
    .filter((call) => call.endpoint === 'sendMsg')
    .map((call) => call.errcode);
}

describe('welcome', () => {
  it('answers enter_session with the welcome menu through send_msg_on_event and the welcome_code', async () => {
    const alice = t.customer('Alice');
    const entered = mock.scenario.enterSession({ open_kfid: t.open_kfid, external_userid: alice });
    expect(entered?.welcome_code).toBeDefined();
    await t.drain();

    const [welcome, ...rest] = t.sentTo(alice);
    expect(rest).toEqual([]);
    expect(welcome?.via).toBe('send_msg_on_event');
    expect(welcome?.code).toBe(entered?.welcome_code);
    expect(welcome?.content.msgtype).toBe('msgmenu');
    expect(welcome && textOf(welcome)).toMatch(/welcome/i);
    expect(welcome && menuIdsOf(welcome)).toEqual(MENU);
    // What the bot reports carries the ids and a summary, never the event's one-shot code.
    expect(t.activities.filter((activity) => activity.kind === 'sent')).toEqual([
      {
        kind: 'sent',
        open_kfid: t.open_kfid,
        external_userid: alice,
        via: 'send_msg_on_event',
        msgid: welcome?.msgid,
        summary: expect.stringMatching(
          /^Hello and welcome .* \[Order status \| Opening hours \| Talk to a person\]/,
        ),
      },
    ]);
  });

  it('sends no welcome when the platform gives no welcome_code, and says why', async () => {
    const bob = t.customer('Bob');
    t.says(bob, 'hello?');
    const entered = mock.scenario.enterSession({ open_kfid: t.open_kfid, external_userid: bob });
    expect(entered?.welcome_code).toBeUndefined();
    await t.drain();

    expect(t.sentTo(bob).map((sent) => sent.via)).toEqual(['send_msg']); // the fallback to "hello?" only
    expect(t.logs.some((line) => /no welcome allowed/.test(line.message))).toBe(true);
  });
});

describe('FAQ', () => {
  it('answers a menu tap by its menu_id', async () => {
    const alice = t.customer();
    t.says(alice, 'Opening hours', MenuId.OpeningHours);
    await t.drain();
    expect(t.sentTo(alice).map(textOf)).toEqual([HOURS_ANSWER]);
  });

  it('answers typed keywords in English and Chinese', async () => {
    const alice = t.customer();
    const bob = t.customer();
    t.says(alice, 'Where is my order?');
    t.says(bob, '你们几点营业？');
    await t.drain();
    expect(t.sentTo(alice).map(textOf)).toEqual([ORDER_ANSWER]);
    expect(t.sentTo(bob).map(textOf)).toEqual([HOURS_ANSWER]);
  });

  it('answers text it does not understand politely, with the menu', async () => {
    const carol = t.customer();
    t.says(carol, 'Do you sell umbrellas?');
    await t.drain();
    const [reply, ...rest] = t.sentTo(carol);
    expect(rest).toEqual([]);
    expect(reply?.via).toBe('send_msg');
    expect(reply && textOf(reply)).toMatch(/sorry/i);
    expect(reply && menuIdsOf(reply)).toEqual(MENU);
  });

  it('keeps customers apart: each gets the answers to their own questions', async () => {
    const alice = t.customer();
    const bob = t.customer();
    t.says(alice, 'order status please');
    t.says(bob, 'blah');
    t.says(alice, 'and your opening hours?');
    await t.drain();
    expect(t.sentTo(alice).map(textOf)).toEqual([ORDER_ANSWER, HOURS_ANSWER]);
    expect(t.sentTo(bob).map((sent) => sent.content.msgtype)).toEqual(['msgmenu']);
  });
});

describe('hand-over to a person', () => {
  it('queues the session (state 2) and sends the queue notice with the msg_code from trans', async () => {
    const dave = t.customer();
    t.says(dave, '人工');
    await t.drain();

    expect(t.stateOf(dave)).toBe(2);
    const [notice, ...rest] = t.sentTo(dave);
    expect(rest).toEqual([]);
    expect(notice?.via).toBe('send_msg_on_event');
    expect(notice && textOf(notice)).toBe(QUEUE_NOTICE);
  });

  it('hands over on the menu item too', async () => {
    const dave = t.customer();
    t.says(dave, 'Talk to a person', MenuId.TalkToPerson);
    await t.drain();
    expect(t.stateOf(dave)).toBe(2);
    expect(t.sentTo(dave).map(textOf)).toEqual([QUEUE_NOTICE]);
  });

  it('stays silent while queued and while a servicer has the session', async () => {
    mock.scenario.addServicer(t.open_kfid, 'zhangsan');
    const dave = t.customer();
    t.says(dave, 'talk to a person');
    await t.drain();
    t.says(dave, 'hello? anyone?');
    await t.drain();
    mock.scenario.servicerTakesFromPool({
      open_kfid: t.open_kfid,
      external_userid: dave,
      servicer_userid: 'zhangsan',
    });
    t.says(dave, 'what are your opening hours?');
    mock.scenario.servicerReplies({
      open_kfid: t.open_kfid,
      external_userid: dave,
      servicer_userid: 'zhangsan',
      message: { msgtype: 'text', text: { content: '10:00 to 22:00!' } },
    });
    await t.drain();

    expect(t.stateOf(dave)).toBe(3);
    expect(t.sentTo(dave).map(textOf)).toEqual([QUEUE_NOTICE]);
    const silences = t.activities.flatMap((a) => (a.kind === 'silent' ? [a.reason] : []));
    expect(silences).toEqual([
      expect.stringMatching(/queued/),
      expect.stringMatching(/zhangsan has the session/),
    ]);
    expect(t.logs.some((line) => /zhangsan took the session from the waiting pool/.test(line.message))).toBe(
      true,
    );
  });

  it('sends the closing message with the msg_code when the servicer ends the session', async () => {
    mock.scenario.addServicer(t.open_kfid, 'zhangsan');
    const dave = t.customer();
    t.says(dave, '人工');
    await t.drain();
    mock.scenario.servicerTakesFromPool({
      open_kfid: t.open_kfid,
      external_userid: dave,
      servicer_userid: 'zhangsan',
    });
    const msg_code = mock.scenario.servicerEnds({ open_kfid: t.open_kfid, external_userid: dave });
    await t.drain();

    const sent = t.sentTo(dave);
    expect(sent.map(textOf)).toEqual([QUEUE_NOTICE, CLOSING_MESSAGE]);
    expect(sent[1]?.code).toBe(msg_code);
    expect(t.stateOf(dave)).toBe(4);
  });
});

describe('goodbye', () => {
  it('ends the session and sends the closing message with the msg_code of the end', async () => {
    const erin = t.customer();
    t.says(erin, 'opening hours?');
    t.says(erin, 'ok, bye!');
    await t.drain();

    expect(t.stateOf(erin)).toBe(4);
    const sent = t.sentTo(erin);
    expect(sent.map(textOf)).toEqual([HOURS_ANSWER, CLOSING_MESSAGE]);
    expect(sent.map((s) => s.via)).toEqual(['send_msg', 'send_msg_on_event']);
  });

  it('says goodbye through send_msg when the platform refuses to end the session (95016)', async () => {
    const erin = t.customer();
    t.says(erin, '结束');
    mock.scenario.failNext('serviceState.trans', 95016);
    await t.drain();

    expect(t.stateOf(erin)).toBe(1);
    expect(t.sentTo(erin).map((s) => [s.via, textOf(s)])).toEqual([['send_msg', CLOSING_MESSAGE]]);
    expect(t.activities).toContainEqual(expect.objectContaining({ kind: 'refused', errcode: 95016 }));
  });
});

/** A customer's media message of the given type (the payload sits under the key of its type). */
function mediaMessage(type: 'image' | 'voice' | 'file', media_id: string): KfMockMessageContent {
  if (type === 'image') return { msgtype: type, image: { media_id } };
  if (type === 'voice') return { msgtype: type, voice: { media_id } };
  return { msgtype: type, file: { media_id } };
}

describe('media and locations', () => {
  it.each([
    ['image', 'picture', 'photo.png', 12_345, '12,345 bytes'],
    ['voice', 'voice message', 'note.amr', 4_321, '4,321 bytes'],
    ['file', 'file', 'invoice.pdf', 1_048_576, '1,048,576 bytes'],
  ] as const)(
    'downloads a received %s with media/get and acknowledges its size',
    async (type, kind, filename, size, shown) => {
      const frank = t.customer();
      const media_id = mock.scenario.createMedia({ type, bytes: new Uint8Array(size).fill(7), filename });
      mock.scenario.customerSends({
        open_kfid: t.open_kfid,
        external_userid: frank,
        message: mediaMessage(type, media_id),
      });
      await t.drain();

      expect(t.sentTo(frank).map(textOf)).toEqual([
        `Thanks, we received your ${kind} (${shown}). A colleague will look at it.`,
      ]);
      expect(mock.world.calls().filter((call) => call.endpoint === 'media.get')).toHaveLength(1);
    },
  );

  it('apologises when the file can no longer be downloaded (40007)', async () => {
    const frank = t.customer();
    const media_id = mock.scenario.createMedia({
      type: 'image',
      bytes: 'x'.repeat(100),
      filename: 'old.png',
    });
    mock.clock.advance(3 * DAY + MINUTE); // temporary media live 3 days
    mock.scenario.customerSends({
      open_kfid: t.open_kfid,
      external_userid: frank,
      message: { msgtype: 'image', image: { media_id } },
    });
    await t.drain();

    expect(t.sentTo(frank).map(textOf)).toEqual([
      'Sorry, we could not open your picture. Could you send it again?',
    ]);
    expect(t.activities).toContainEqual(expect.objectContaining({ kind: 'refused', errcode: 40007 }));
  });

  it('echoes a shared location', async () => {
    const gina = t.customer();
    mock.scenario.customerSends({
      open_kfid: t.open_kfid,
      external_userid: gina,
      message: {
        msgtype: 'location',
        location: {
          latitude: 23.12908,
          longitude: 113.26436,
          name: 'Canton Tower',
          address: 'Haizhu, Guangzhou',
        },
      },
    });
    await t.drain();
    expect(t.sentTo(gina).map(textOf)).toEqual([
      'Got your location: Canton Tower, Haizhu, Guangzhou (23.12908, 113.26436). Our nearest shop will be in touch.',
    ]);
  });

  it('answers a message type it cannot handle', async () => {
    const gina = t.customer();
    mock.scenario.customerSends({
      open_kfid: t.open_kfid,
      external_userid: gina,
      message: { msgtype: 'link', link: { title: 'Look', url: 'https://example.com' } },
    });
    await t.drain();
    expect(t.sentTo(gina).map(textOf)).toEqual([UNSUPPORTED_MESSAGE]);
  });
});

describe('the 5-message quota and the 48-hour window', () => {
  const shipped = { msgtype: 'text', text: { content: 'Your parcel has shipped.' } } as const;

  it('holds back the 6th message before the customer writes again, without calling send_msg', async () => {
    const hank = t.customer();
    t.says(hank, 'order?');
    await t.drain(); // 1 answer
    const conversation = { open_kfid: t.open_kfid, external_userid: hank };
    const results: boolean[] = [];
    for (let i = 0; i < 5; i++) results.push(await t.bot.notify(conversation, shipped));

    expect(results).toEqual([true, true, true, true, false]);
    expect(t.sentTo(hank)).toHaveLength(5);
    expect(sendMsgErrcodes()).toEqual([0, 0, 0, 0, 0]); // never a 95001
    expect(t.logs).toContainEqual({
      level: 'warn',
      message: expect.stringMatching(
        /held back from .*Your parcel has shipped.*5 messages were already sent/,
      ),
    });

    t.says(hank, 'thanks'); // the customer writes: the quota starts again
    await t.drain();
    expect(await t.bot.notify(conversation, shipped)).toBe(true);
    expect(t.sentTo(hank)).toHaveLength(7);
  });

  it('holds back after 48 hours of silence, and still sends at 47 h 59 min', async () => {
    const ivy = t.customer();
    t.says(ivy, 'order?');
    await t.drain();
    const conversation = { open_kfid: t.open_kfid, external_userid: ivy };

    mock.clock.advance(47 * HOUR + 59 * MINUTE);
    expect(await t.bot.notify(conversation, shipped)).toBe(true);
    mock.clock.advance(MINUTE);
    expect(await t.bot.notify(conversation, shipped)).toBe(false);

    expect(t.sentTo(ivy)).toHaveLength(2);
    expect(sendMsgErrcodes()).toEqual([0, 0]); // never a 95002
    expect(t.activities.at(-1)).toMatchObject({ kind: 'held', reason: 'window-closed' });
  });

  it('does not answer a message that is more than 48 hours old (catching up after downtime)', async () => {
    const jack = t.customer();
    await t.consumer.stop(); // the bot is down
    t.says(jack, 'where is my order?');
    await t.drain();
    mock.clock.advance(48 * HOUR + MINUTE);
    t.consumer.start(); // back up: pulls without a Token (the callback's lived 10 minutes)
    await t.drain();

    expect(t.sentTo(jack)).toEqual([]);
    expect(sendMsgErrcodes()).toEqual([]);
    expect(t.activities.map((a) => a.kind)).toEqual(['received', 'held']);
  });

  it('holds back a notification to a customer who never wrote', async () => {
    const kate = t.customer();
    expect(await t.bot.notify({ open_kfid: t.open_kfid, external_userid: kate }, shipped)).toBe(false);
    expect(t.activities).toEqual([expect.objectContaining({ kind: 'held', reason: 'no-customer-message' })]);
  });
});

describe('platform refusals and events', () => {
  it('answers a message handed over twice only once: the reply msgid is derived from it', async () => {
    const olga = t.customer();
    const msgid = t.says(olga, 'order?');
    await t.drain();
    // What a consumer does when the process died after the answer and before the msgid was recorded.
    const again = parseKfMsg(mock.world.messages(t.open_kfid).find((item) => item.msgid === msgid));
    await t.bot.handle(again);

    const sent = t.sentTo(olga);
    expect(sent.map(textOf)).toEqual([ORDER_ANSWER]);
    expect(sent[0]?.msgid).toBe(replyMsgid(msgid));
    expect(replyMsgid(msgid)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(t.activities.at(-1)).toMatchObject({ kind: 'refused', endpoint: 'sendMsg', errcode: 40058 });
  });

  it('logs a 95018 refusal instead of crashing, and answers the next message', async () => {
    const liam = t.customer();
    t.says(liam, 'order?');
    mock.scenario.failNext('sendMsg', 95018);
    await t.drain();
    t.says(liam, 'order??');
    await t.drain();

    expect(t.sentTo(liam).map(textOf)).toEqual([ORDER_ANSWER]);
    expect(t.logs).toContainEqual({
      level: 'warn',
      message: expect.stringMatching(/sendMsg for .* refused with 95018/),
    });
  });

  it('logs msg_send_fail, recalls and servicer events with their meaning', async () => {
    mock.scenario.addServicer(t.open_kfid, 'lisi');
    const mia = t.customer();
    const msgid = t.says(mia, 'order?');
    mock.scenario.customerRecalls({ open_kfid: t.open_kfid, external_userid: mia, msgid });
    mock.scenario.setServicerStatus('lisi', 'suspended');
    mock.scenario.servicerRejectsCustomer({
      open_kfid: t.open_kfid,
      external_userid: mia,
      servicer_userid: 'lisi',
      reject: true,
    });
    await t.drain(); // the answer goes out, and the platform will report it undelivered
    await t.drain();

    const meanings = t.activities.flatMap((a) =>
      a.kind === 'event' ? [`${a.event_type}: ${a.meaning}`] : [],
    );
    expect(meanings).toEqual([
      `user_recall_msg: the customer recalled message ${msgid}`,
      'servicer_status_change: servicer lisi is away (suspended)',
      "reject_customer_msg_switch_change: servicer lisi rejects the customer's messages",
      expect.stringMatching(
        /^msg_send_fail: message \S+ was not delivered: a servicer rejects this customer's messages$/,
      ),
    ]);
    expect(t.logs.filter((line) => line.level === 'warn').map((line) => line.message)).toContainEqual(
      expect.stringMatching(/^event: message .* was not delivered/),
    );
  });

  it("ignores a servicer's own messages, and stays silent once a servicer re-opens the session", async () => {
    mock.scenario.addServicer(t.open_kfid, 'wangwu');
    const noah = t.customer();
    t.says(noah, 'bye');
    await t.drain(); // the session ends (4)
    mock.scenario.servicerReplies({
      open_kfid: t.open_kfid,
      external_userid: noah,
      servicer_userid: 'wangwu',
      message: { msgtype: 'text', text: { content: 'Hi, Wang Wu here. Anything else?' } },
    });
    t.says(noah, 'yes, my order');
    await t.drain();

    expect(t.stateOf(noah)).toBe(3);
    expect(t.sentTo(noah).map(textOf)).toEqual([CLOSING_MESSAGE]);
    expect(t.activities.slice(-4).map((a) => a.kind)).toEqual(['ignored', 'event', 'received', 'silent']);
    expect(t.activities).toContainEqual(
      expect.objectContaining({
        kind: 'ignored',
        reason: expect.stringMatching(/wangwu wrote from the WeCom client/),
      }),
    );
    expect(t.logs.some((line) => /wangwu re-opened an ended or transferred session/.test(line.message))).toBe(
      true,
    );
  });
});
