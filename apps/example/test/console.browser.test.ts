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
const FORTY_EIGHT_HOURS_AND_A_MINUTE = 48 * 3_600_000 + 60_000;

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

  it('lets a customer enter, read the welcome menu, tap an item, send a picture and a location, ask for a person', async () => {
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
    await page.getByRole('textbox', { name: 'place name' }).fill('The Bund');
    await page.getByRole('spinbutton', { name: 'latitude' }).fill('31.23969');
    await page.getByRole('spinbutton', { name: 'longitude' }).fill('121.49989');
    await page.getByRole('button', { name: 'Share location' }).click();
    await chat()
      .getByText('Got your location: The Bund (31.23969, 121.49989)', { exact: false })
      .waitFor(WAIT);

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
  });

  it("shows the bot's send refused with 95002 when the clock moves 48 hours during it", async () => {
    // The servicer ends the session: the bot sends its closing message with the end's msg_code.
    await page.getByRole('button', { name: 'End', exact: true }).click();
    await chat().getByText(CLOSING_MESSAGE).waitFor(WAIT);
    // The platform's view: the next send_msg takes 48 h of mock time, so it lands after the window.
    await page.getByRole('combobox', { name: 'fault kind' }).selectOption('delay');
    await page.getByRole('combobox', { name: 'endpoint' }).selectOption('sendMsg');
    await page.getByRole('spinbutton', { name: 'delay ms' }).fill(String(FORTY_EIGHT_HOURS_AND_A_MINUTE));
    await page.getByRole('button', { name: 'Inject' }).click();
    await page.getByRole('textbox', { name: 'message' }).fill('What are your opening hours?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const refused = page
      .getByTestId('calls')
      .locator('tr[data-endpoint="sendMsg"] td.err', { hasText: '95002' });
    await refused.waitFor(WAIT);
    await expect(page.getByTestId('clock').textContent()).resolves.not.toBe('');

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
      0, // the location's echo
      40014, // the token expired over 24 h ago during those 48 h: the client gets a new one and replays
      95002,
    ]);
    const sent = mock.world.sent({ external_userid: alice?.external_userid ?? '' });
    expect(sent.map((message) => message.via)).toEqual([
      'send_msg_on_event', // welcome menu
      'send_msg', // opening hours
      'send_msg', // the picture's acknowledgement
      'send_msg', // the location's echo
      'send_msg_on_event', // queue notice
      'send_msg_on_event', // closing message
    ]);
    const servicerMessages = mock.world
      .messages(account?.open_kfid ?? '')
      .filter((message) => message.origin === 5)
      .map((message) => (message.text as { content: string }).content);
    expect(servicerMessages).toEqual(['Hi Alice, Zhang San here.']);
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
