import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/*
 * The browser suites drive Debian's Chromium headless with playwright-core (no browser download).
 * CI installs it (`.ci/run`) and sets KF_REQUIRE_BROWSER=1, so there a missing Chromium fails; a
 * local run without it skips the browser suites and says how to get it, once.
 */

/** Where the suites look for Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Whether the browser suites run here. */
export const chromiumInstalled = existsSync(CHROMIUM_PATH);

/** Whether a missing Chromium is a failure (CI) rather than a skip. */
export const browserRequired = process.env.KF_REQUIRE_BROWSER === '1';

let told = false;
/** Says once, visibly, why the browser suites are skipped. */
export function tellSkipped(): void {
  if (told || chromiumInstalled) return;
  told = true;
  process.stderr.write(
    `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (install it: apt-get update && apt-get install -y chromium)\n`,
  );
}

/**
 * Launches headless Chromium with a fresh profile (playwright-core makes a temporary one) and the
 * flags that keep it off the network: no sync, no component updates, no background requests, no
 * QUIC. The pages it loads are on 127.0.0.1 only.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-domain-reliability',
      '--metrics-recording-only',
      '--no-pings',
    ],
    timeout: 15_000,
  });
}
