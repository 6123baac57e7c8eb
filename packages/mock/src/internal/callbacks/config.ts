import type { buildCallbackXml, KfCallbackCrypto } from '@kf/crypto';
import type { KfMockCallbackConfig } from '../../callbacks.js';
import { KfMockCallbackError } from '../../callbacks.js';
import { integerOption } from '../integer-option.js';
import type { Random } from '../random.js';
import type { World } from '../world.js';

/** The callback crypto, loaded on demand. */
export interface CallbackCrypto {
  readonly crypto: KfCallbackCrypto;
  readonly buildCallbackXml: typeof buildCallbackXml;
}

const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;

/** A checked configuration with every default applied and its crypto loading. */
export interface ActiveConfig {
  readonly config: KfMockCallbackConfig;
  readonly url: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly verifyTimeoutMs: number;
  /**
   * `@kf/crypto` uses `node:crypto`; it is imported only once callbacks are configured, so the
   * main entry (and `setupWorker` in a browser) never loads it.
   */
  readonly crypto: Promise<CallbackCrypto>;
}

function whole(name: string, value: number | undefined, fallback: number, min: number): number {
  return integerOption(
    `callback ${name}`,
    value ?? fallback,
    min,
    (message) => new KfMockCallbackError(message),
  );
}

/** Random bytes from the callbacks' own seeded generator, so encrypted bodies are reproducible. */
export function bytesFrom(random: Random): (size: number) => Uint8Array {
  return (size) => Uint8Array.from({ length: size }, () => Math.floor(random.next() * 256));
}

/**
 * The checks of the admin console (a URL, a token, a 43-character key), the ones of
 * KfCallbackCrypto's constructor made early so that a bad configuration fails where it is set.
 * Returns the parsed URL; throws {@link KfMockCallbackError}.
 */
export function checkCallbackConfig(config: KfMockCallbackConfig): URL {
  if (typeof config !== 'object' || config === null) {
    throw new KfMockCallbackError('the callback configuration must be an object');
  }
  const url = typeof config.url === 'string' && URL.canParse(config.url) ? new URL(config.url) : undefined;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new KfMockCallbackError(`the callback url must be an http(s) URL, got ${String(config.url)}`);
  }
  if (typeof config.token !== 'string' || config.token === '') {
    throw new KfMockCallbackError('the callback token must be a non-empty string');
  }
  if (typeof config.encodingAESKey !== 'string' || !ENCODING_AES_KEY.test(config.encodingAESKey)) {
    throw new KfMockCallbackError(
      'the callback encodingAESKey must be exactly 43 characters from [a-zA-Z0-9]',
    );
  }
  whole('timeoutMs', config.timeoutMs, 5000, 1);
  whole('retries', config.retries, 3, 0);
  whole('retryDelayMs', config.retryDelayMs, 0, 0);
  whole('verifyTimeoutMs', config.verifyTimeoutMs, 1000, 1);
  return url;
}

/**
 * Checks a configuration the way the admin console would (a URL, a token, a 43-character key) and
 * prepares the crypto: ReceiveId is the corp id, timestamps come from the mock's clock.
 */
export function activate(world: World, config: KfMockCallbackConfig, random: () => Random): ActiveConfig {
  const url = checkCallbackConfig(config);
  const crypto = import('@kf/crypto').then((module) => ({
    crypto: new module.KfCallbackCrypto({
      token: config.token,
      encodingAESKey: config.encodingAESKey,
      receiveId: world.options.corpId,
      randomBytes: (size) => bytesFrom(random())(size),
      now: () => world.clock.now(),
    }),
    buildCallbackXml: module.buildCallbackXml,
  }));
  // Failures are reported where the crypto is used (a failed delivery, a rejected verifyUrl).
  crypto.catch(() => {});
  return {
    config: { ...config },
    url: url.href,
    timeoutMs: whole('timeoutMs', config.timeoutMs, 5000, 1),
    retries: whole('retries', config.retries, 3, 0),
    retryDelayMs: whole('retryDelayMs', config.retryDelayMs, 0, 0),
    verifyTimeoutMs: whole('verifyTimeoutMs', config.verifyTimeoutMs, 1000, 1),
    crypto,
  };
}

/** `url` with the query values appended (URL-encoded), keeping a query the app's URL already has. */
export function withQuery(url: string, query: Readonly<Record<string, string>>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
  return target.href;
}

/** The message of an error, or the value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
