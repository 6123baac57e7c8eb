import { KfCallbackCrypto } from '@kf/crypto';

/** The callback configuration of the client's callback suites (test values, never real secrets). */
export const TOKEN = 'CallbackTok3n';
/** 43 characters from [a-zA-Z0-9], as the admin console makes an EncodingAESKey. */
export const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
export const CORP = 'ww12345678910';
/** The handlers' fixed clock (ms): timestamps are checked against it. */
export const NOW = 1_700_000_000_000;
/** The options every callback handler of these suites starts from (spread, then add its own). */
export const HANDLER_OPTIONS = {
  token: TOKEN,
  encodingAESKey: AES_KEY,
  corpId: CORP,
  now: () => NOW,
} as const;
export const URL_BASE = 'https://bot.example.com/kf/callback';

/** WeCom's side: encrypts and signs like the platform, with fixed "random" bytes so bodies repeat. */
export const platform = new KfCallbackCrypto({
  token: TOKEN,
  encodingAESKey: AES_KEY,
  receiveId: CORP,
  now: () => NOW,
  randomBytes: (n) => new Uint8Array(n).fill(7),
});
