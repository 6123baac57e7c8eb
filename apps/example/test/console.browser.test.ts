import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserRequired,
  CHROMIUM_PATH,
  chromiumInstalled,
  launchChromium,
  tellSkipped,
} from '../../../packages/mock/src/__fixtures__/chromium.js';
import { ensureConsoleBuilt } from '../../../packages/mock/src/__fixtures__/console-build.js';
import type { ConsoleDemo } from '../src/demo/console.js';
import { CONSOLE_SERVICERS, startConsoleDemo } from '../src/demo/console.js';
import { CLOSING_MESSAGE, FAQ, MenuId, QUEUE_NOTICE, TALK_TO_PERSON_LABEL } from '../src/faq.js';

// The kf-mock console in headless Chromium, driving the example bot: the standalone mock and the
// bot on loopback ports with callbacks wired (`pnpm demo --console`). Every step is a click or a
// keystroke in the page; the assertions read the page, then the mock's own record.
const HOURS = FAQ.find((entry) => entry.id === MenuId.OpeningHours);
const SCREENSHOT = fileURLToPath(new URL('../../../packages/mock/docs/console.png', import.meta.url));
const WAIT = { timeout: 10_000 };
const [SERVICER] = CONSOLE_SERVICERS;
const FORTY_EIGHT_HOURS = 48 * 3_600_000;
/** The mock time the page shows (`2026-01-01 10:00:00Z`), in ms. */
const shownTime = (text: string | null): number => Date.parse((text ?? '').replace(' ', 'T'));

// Each step waits for the page at most WAIT; a test is a handful of steps on a shared, busy machine.
describe.skipIf(!chromiumInstalled)('the kf-mock console with the example bot', { timeout: 30_000 }, () => {
  let demo: ConsoleDemo;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!chromiumInstalled)
      throw new Error(`KF_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH}`);
    ensureConsoleBuilt();
    demo = await startConsoleDemo();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(demo.consoleUrl);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  const chat = () => page.getByTestId('chat');
  const state = () => page.getByTestId('session-state');

  it('lets a customer enter, read the welcome menu, tap an item, send media and a location, recall, ask for a person', async () => {
    await page.locator('#customer option', { hasText: 'Alice' }).waitFor({ state: 'attached', ...WAIT });
    await page.getByRole('textbox', { name: 'scene', exact: true }).fill('shop');
    await page.getByRole('textbox', { name: 'scene_param' }).fill('order-1');
    await page.getByRole('button', { name: 'Enter session' }).click();
    await chat().getByText('entered the session (scene shop, order-1), welcome code issued').waitFor(WAIT);
    const welcome = chat().locator('.msg.bot', { hasText: 'Hello and welcome to Acme support' });
    await welcome.waitFor(WAIT);
    await expect(welcome.getAttribute('data-via')).resolves.toBe('send_msg_on_event');

    await welcome.getByRole('button', { name: HOURS?.label ?? '' }).click();
    await chat()
      .getByText(HOURS?.answer ?? '')
      .waitFor(WAIT);

    // A picture, uploaded into the mock's media, which the bot downloads and measures.
    await page.locator('#image').setInputFiles({
      name: 'parcel.png',
      mimeType: 'image/png',
      buffer: Buffer.alloc(2048, 0x42),
    });
    await chat().getByText('Thanks, we received your picture (2,048 bytes).', { exact: false }).waitFor(WAIT);
    // A voice message, a video and a file, each stored in the mock's media and acknowledged by the bot.
    for (const [input, kind, name, mimeType, size] of [
      ['#voice', 'voice message', 'note.amr', 'audio/amr', 1024],
      ['#video', 'video', 'unboxing.mp4', 'video/mp4', 4096],
      ['#file', 'file', 'invoice.pdf', 'application/pdf', 3072],
    ] as const) {
      await page.locator(input).setInputFiles({ name, mimeType, buffer: Buffer.alloc(size, 0x43) });
      await chat()
        .getByText(`Thanks, we received your ${kind} (${size.toLocaleString('en-US')} bytes).`, {
          exact: false,
        })
        .waitFor(WAIT);
    }
    await expect(chat().locator('.msg.customer', { hasText: '[voice]' }).count()).resolves.toBe(1);
    await expect(chat().locator('.msg.customer', { hasText: '[video]' }).count()).resolves.toBe(1);
    await expect(chat().locator('.msg.customer', { hasText: '[file]' }).count()).resolves.toBe(1);
    await page.getByRole('textbox', { name: 'place name' }).fill('The Bund');
    await page.getByRole('spinbutton', { name: 'latitude' }).fill('31.23969');
    await page.getByRole('spinbutton', { name: 'longitude' }).fill('121.49989');
    await page.getByRole('button', { name: 'Share location' }).click();
    await chat()
      .getByText('Got your location: The Bund (31.23969, 121.49989)', { exact: false })
      .waitFor(WAIT);
    // The customer recalls the location: the bubble is struck through and the log has the event.
    const shared = chat().locator('.msg.customer', { hasText: 'The Bund' });
    await shared.getByRole('button', { name: 'recall' }).click();
    await chat().locator('.msg.customer.recalled', { hasText: 'The Bund' }).waitFor(WAIT);
    await chat().getByText('the customer recalled a message').waitFor(WAIT);

    await chat().locator('.msg.bot').first().getByRole('button', { name: TALK_TO_PERSON_LABEL }).click();
    await chat().getByText(QUEUE_NOTICE).waitFor(WAIT);
    await expect(state().textContent()).resolves.toBe('2 · waiting pool');
  });

  it('lets a servicer take the session from the pool and reply; the customer sees it', async () => {
    const pool = page.getByTestId('pool');
    await pool.getByText('Alice').waitFor(WAIT);
    await pool.getByRole('button', { name: 'Take' }).click();
    await page.getByText(`3 · servicer — ${SERVICER}`).waitFor(WAIT);
    await page.getByRole('textbox', { name: 'servicer reply' }).fill('Hi Alice, Zhang San here.');
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    await chat().locator('.msg.servicer', { hasText: 'Hi Alice, Zhang San here.' }).waitFor(WAIT);
    await chat().getByText(`${SERVICER} took the session from the waiting pool`).waitFor(WAIT);
    await page.locator('#transitions li', { hasText: `Alice: 2 → 3 (${SERVICER})` }).waitFor(WAIT);

    // A reply sent by mistake, recalled from the WeCom client (servicer_recall_msg).
    await page.getByRole('textbox', { name: 'servicer reply' }).fill('Wrong window, sorry');
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    const mistake = chat().locator('.msg.servicer', { hasText: 'Wrong window, sorry' });
    await mistake.getByRole('button', { name: 'recall' }).click();
    await chat().locator('.msg.servicer.recalled', { hasText: 'Wrong window, sorry' }).waitFor(WAIT);
    await chat().getByText(`${SERVICER} recalled a message`).waitFor(WAIT);
  });

  it("shows the bot's send refused with 95002 when the +48 h button moves the clock during it", async () => {
    // The servicer ends the session: the bot sends its closing message with the end's msg_code.
    await page.getByRole('button', { name: 'End', exact: true }).click();
    await chat().getByText(CLOSING_MESSAGE).waitFor(WAIT);
    // The platform's view: the bot's next send_msg is held in flight (a slow network, a busy worker)…
    await page.getByRole('combobox', { name: 'fault kind' }).selectOption('hold');
    await page.getByRole('combobox', { name: 'endpoint' }).selectOption('sendMsg');
    await page.getByRole('button', { name: 'Inject' }).click();
    await page.getByText('fault: ok').waitFor(WAIT);
    await page.getByRole('textbox', { name: 'message' }).fill('What are your opening hours?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const held = page.getByTestId('held').locator('li[data-endpoint="sendMsg"]');
    await held.waitFor(WAIT);
    // …while the clock moves past the 48 h window (the bot's guard let it go while it was open)…
    const before = shownTime(await page.getByTestId('clock').textContent());
    await page.getByRole('button', { name: '+48 h' }).click();
    await page.getByText('advance the clock: ok').waitFor(WAIT);
    await page
      .getByTestId('clock')
      .filter({ hasNotText: new Date(before).toISOString().slice(0, 10) })
      .waitFor(WAIT);
    const after = shownTime(await page.getByTestId('clock').textContent());
    expect(after - before).toBeGreaterThanOrEqual(FORTY_EIGHT_HOURS);
    // …then it arrives, and the platform refuses it.
    await held.getByRole('button', { name: 'Release' }).click();
    const refused = page
      .getByTestId('calls')
      .locator('tr[data-endpoint="sendMsg"] td.err', { hasText: '95002' });
    await refused.waitFor(WAIT);
    await held.waitFor({ state: 'detached', ...WAIT });

    // The mock's own record agrees with the page.
    const { mock } = demo.mock;
    const [account] = demo.mock.setup.accounts;
    const [alice] = demo.mock.setup.customers;
    expect(
      mock.world
        .calls()
        .filter((call) => call.endpoint === 'sendMsg')
        .map((call) => call.errcode),
    ).toEqual([
      0, // the FAQ answer
      0, // the picture's acknowledgement
      0, // the voice message's
      0, // the video's
      0, // the file's
      0, // the location's echo
      40014, // the token expired over 24 h ago while the send was held: the client gets a new one and replays
      95002,
    ]);
    expect(mock.world.held()).toEqual([]);
    const sent = mock.world.sent({ external_userid: alice?.external_userid ?? '' });
    expect(sent.map((message) => message.via)).toEqual([
      'send_msg_on_event', // welcome menu
      'send_msg', // opening hours
      'send_msg', // the picture's acknowledgement
      'send_msg', // the voice message's
      'send_msg', // the video's
      'send_msg', // the file's
      'send_msg', // the location's echo
      'send_msg_on_event', // queue notice
      'send_msg_on_event', // closing message
    ]);
    const log = mock.world.messages(account?.open_kfid ?? '');
    const servicerMessages = log
      .filter((message) => message.origin === 5)
      .map((message) => (message.text as { content: string }).content);
    expect(servicerMessages).toEqual(['Hi Alice, Zhang San here.', 'Wrong window, sorry']);
    // The recalls: each names the message it took back.
    const byMsgid = new Map(log.map((message) => [message.msgid, message]));
    const recalls = log
      .map((message) => (message.event ?? {}) as { event_type?: string; recall_msgid?: string })
      .filter((event) => event.event_type?.endsWith('recall_msg'))
      .map((event) => [event.event_type, byMsgid.get(event.recall_msgid)?.msgtype]);
    expect(recalls).toEqual([
      ['user_recall_msg', 'location'],
      ['servicer_recall_msg', 'text'],
    ]);
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: SCREENSHOT });
  });
});

if (!chromiumInstalled && browserRequired) {
  // CI (KF_REQUIRE_BROWSER=1) never skips the browser suites: a missing Chromium is a failed test.
  it('runs in Chromium', () => {
    throw new Error(`KF_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH}`);
  });
} else tellSkipped();
