import type { KfMockServer } from '@kf/mock/server';
import { start } from '@kf/mock/server';
import { SendMsgContent } from '@kf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotActivity } from '../src/activity.js';
import { mockBotConfig } from '../src/config.js';
import { CLOSING_MESSAGE, FAQ, MenuId, QUEUE_NOTICE } from '../src/faq.js';
import { HandledMessages } from '../src/handled.js';
import type { BotServer } from '../src/server.js';
import { startBotServer } from '../src/server.js';

// The real thing end to end: the standalone mock on a loopback port POSTs signed, encrypted
// callbacks to the bot's own HTTP server; the bot's consumer pulls sync_msg over HTTP and answers
// through send_msg. Nothing is intercepted. Time is the mock's clock, shared with the bot.
const TOKEN = 'kfExampleE2e';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const HOURS_ANSWER = FAQ.find((entry) => entry.id === MenuId.OpeningHours)?.answer;

let kfMock: KfMockServer;
let bot: BotServer;
let open_kfid: string;
let alice: string;
let bob: string;
const handled = new HandledMessages();
const activities: BotActivity[] = [];

/** Waits until the bot has handled everything the account's log holds (over real HTTP). */
const settle = () =>
  handled.waitFor(
    kfMock.mock.world
      .messages(open_kfid)
      .flatMap((item) => (typeof item.msgid === 'string' ? [item.msgid] : [])),
    5000,
  );
const textsTo = (external_userid: string) =>
  kfMock.mock.world.sent({ external_userid }).map((sent) => {
    const content = SendMsgContent.parse(sent.content);
    return content.msgtype === 'text' ? content.text.content : content.msgtype;
  });

beforeAll(async () => {
  kfMock = await start({
    seed: 'kf-example-e2e',
    setup: {
      accounts: [{ name: 'Acme support', servicers: ['zhangsan'] }],
      customers: [{ nickname: 'Alice' }, { nickname: 'Bob' }],
    },
  });
  const [account] = kfMock.setup.accounts;
  const [first, second] = kfMock.setup.customers;
  if (account === undefined || first === undefined || second === undefined) throw new Error('setup failed');
  open_kfid = account.open_kfid;
  alice = first.external_userid;
  bob = second.external_userid;

  const { mock } = kfMock;
  bot = await startBotServer({
    config: mockBotConfig(kfMock, { token: TOKEN, encodingAESKey: AES_KEY }),
    now: mock.clock.now,
    onActivity: (activity) => activities.push(activity),
    onHandled: (msg) => {
      if (msg.msgid !== undefined) handled.add(msg.msgid);
    },
  });
  mock.callbacks.configure({ url: bot.callbackUrl, token: TOKEN, encodingAESKey: AES_KEY });
});

afterAll(async () => {
  await bot?.close();
  await kfMock?.close();
});

describe('the bot behind its callback URL, against the standalone mock', () => {
  it('passes the URL verification (GET with an encrypted echostr)', async () => {
    const verification = await kfMock.mock.callbacks.verifyUrl();
    expect(verification.url.startsWith(bot.callbackUrl)).toBe(true);
    expect(verification.echo.length).toBeGreaterThan(0);
  });

  it('answers /healthz, and refuses a forged callback (403) without pulling', async () => {
    expect(await (await fetch(bot.callbackUrl.replace('/callback', '/healthz'))).text()).toBe('ok');
    const callsBefore = kfMock.mock.world.calls().length;
    const forged = await fetch(`${bot.callbackUrl}?msg_signature=0000&timestamp=1&nonce=1`, {
      method: 'POST',
      body: '<xml><ToUserName><![CDATA[x]]></ToUserName><Encrypt><![CDATA[AAAA]]></Encrypt></xml>',
    });
    expect(forged.status).toBe(403);
    await bot.idle();
    expect(kfMock.mock.world.calls().length).toBe(callsBefore);
  });

  it('welcomes, answers and hands over, driven only by signed callbacks and sync_msg', async () => {
    const { scenario } = kfMock.mock;
    scenario.enterSession({ open_kfid, external_userid: alice });
    await settle();
    expect(kfMock.mock.world.sent({ external_userid: alice }).map((sent) => sent.via)).toEqual([
      'send_msg_on_event',
    ]);

    scenario.customerSends({
      open_kfid,
      external_userid: alice,
      message: { msgtype: 'text', text: { content: 'Opening hours', menu_id: MenuId.OpeningHours } },
    });
    const media_id = scenario.createMedia({ type: 'image', bytes: new Uint8Array(2048), filename: 'a.png' });
    scenario.customerSends({
      open_kfid,
      external_userid: alice,
      message: { msgtype: 'image', image: { media_id } },
    });
    scenario.customerSends({
      open_kfid,
      external_userid: bob,
      message: { msgtype: 'text', text: { content: '人工' } },
    });
    await settle();
    expect(textsTo(alice)).toEqual([
      'msgmenu',
      HOURS_ANSWER,
      'Thanks, we received your picture (2,048 bytes). A colleague will look at it.',
    ]);
    expect(textsTo(bob)).toEqual([QUEUE_NOTICE]);
    expect(kfMock.mock.world.session(open_kfid, bob).service_state).toBe(2);

    scenario.servicerTakesFromPool({ open_kfid, external_userid: bob, servicer_userid: 'zhangsan' });
    scenario.customerSends({
      open_kfid,
      external_userid: bob,
      message: { msgtype: 'text', text: { content: 'hi?' } },
    });
    scenario.customerSends({
      open_kfid,
      external_userid: alice,
      message: { msgtype: 'text', text: { content: 'bye' } },
    });
    await settle();
    expect(textsTo(bob)).toEqual([QUEUE_NOTICE]);
    expect(textsTo(alice).at(-1)).toBe(CLOSING_MESSAGE);
    expect(kfMock.mock.world.session(open_kfid, alice).service_state).toBe(4);
    expect(activities).toContainEqual(expect.objectContaining({ kind: 'silent', external_userid: bob }));

    const deliveries = kfMock.mock.callbacks.deliveries();
    expect(deliveries.length).toBeGreaterThanOrEqual(kfMock.mock.world.messages(open_kfid).length);
    expect(deliveries.every((delivery) => delivery.via === 'http' && delivery.outcome === 'delivered')).toBe(
      true,
    );
  });
});
