/**
 * Callback abuse suite (issue 6): thousands of random and mutated requests against
 * `createCallbackHandler`, from a fixed seed, bounded in count. Every request must get exactly the
 * documented answer — 200 `success` (POST) or the echo (GET) for a valid one, otherwise 400 / 403
 * / 405 / 413 with exactly one `KfCallbackError` of the matching `reason` and `status` passed to
 * `onError` — and nothing may throw or leave an unhandled rejection. Each valid notification is
 * delivered to `onEvent` exactly once, replays included. No assertion is on time.
 */
import { createCipheriv } from 'node:crypto';
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import {
  buildCallbackXml,
  computeSignature,
  decodeEncodingAESKey,
  KfCallbackCrypto,
  KfCryptoError,
  KfCryptoErrorCode,
  type UrlVerificationQuery,
} from '@kf/crypto';
import type { KfCallbackEvent } from '@kf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallbackHandler } from './callback.js';
import { toNodeListener } from './callback-node.js';
import { KfCallbackError, type KfCallbackFailure } from './errors.js';

const TOKEN = 'CallbackTok3n';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const OTHER_AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const CORP = 'ww12345678910';
const NOW = 1_700_000_000_000;
const NOW_S = NOW / 1000;
const URL_BASE = 'https://bot.example.com/kf/callback';
const MAX_BODY = 65_536;
const SEED = 0x6b66_0006;

/** The documented status of each refusal reason (README: 400 malformed, 403 forged/stale, 405, 413). */
const STATUS_OF: Record<Exclude<KfCallbackFailure, 'handler'>, readonly number[]> = {
  method: [405],
  query: [400],
  signature: [403],
  timestamp: [403],
  receive_id: [403],
  body: [400, 413],
  decrypt: [400],
  event: [400],
  overload: [503],
};

/** The crypto error codes behind each refusal that comes from `@kf/crypto`. */
const CRYPTO_CODES: Partial<Record<KfCallbackFailure, readonly number[]>> = {
  signature: [KfCryptoErrorCode.ValidateSignatureError],
  receive_id: [KfCryptoErrorCode.ValidateCorpidError],
  decrypt: [
    KfCryptoErrorCode.DecryptAESError,
    KfCryptoErrorCode.DecodeBase64Error,
    KfCryptoErrorCode.IllegalBuffer,
    KfCryptoErrorCode.IllegalAesKey,
  ],
};

/** Problems with the error itself: its cause, and no secret in what may be logged. */
function checkError(error: KfCallbackError): string | undefined {
  const shown = `${error.message} ${JSON.stringify(error.toJSON())}`;
  if (shown.includes(TOKEN) || shown.includes(AES_KEY)) return 'a secret in the error';
  const codes = CRYPTO_CODES[error.reason];
  if (codes === undefined) return undefined;
  if (!(error.cause instanceof KfCryptoError)) return `${error.reason} without a KfCryptoError cause`;
  if (!codes.includes(error.cause.errcode)) return `${error.reason} caused by errcode ${error.cause.errcode}`;
  return undefined;
}

/** mulberry32: a small deterministic PRNG, so every run sends the same requests. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(0, 255));
  const text = (n: number, alphabet: string): string =>
    Array.from({ length: n }, () => alphabet[int(0, alphabet.length - 1)]).join('');
  return { next, int, pick, bytes, text };
}

const rng = prng(SEED);
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const HEX = '0123456789abcdef';

/** WeCom's side: encrypts and signs like the platform, deterministically. */
const platform = new KfCallbackCrypto({
  token: TOKEN,
  encodingAESKey: AES_KEY,
  receiveId: CORP,
  now: () => NOW,
  randomBytes: (n) => rng.bytes(n),
});
const KEY = decodeEncodingAESKey(AES_KEY);

/** What a request must get. */
type Expected =
  | { readonly kind: 'accept'; readonly marker?: string; readonly echo?: string }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'refuse'; readonly reason: KfCallbackFailure; readonly status: number }
  /** The outcome depends on random bytes: any documented answer, consistent with its error. */
  | { readonly kind: 'any' };

interface Case {
  readonly cls: string;
  readonly request: Request;
  readonly expected: Expected;
}

const refuse = (reason: KfCallbackFailure, status: number): Expected => ({ kind: 'refuse', reason, status });

function url(query: Readonly<Record<string, string>> | UrlVerificationQuery): URL {
  const u = new URL(URL_BASE);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, String(v));
  return u;
}

function postRequest(
  query: Readonly<Record<string, string>>,
  body: RequestInit['body'],
  headers: Record<string, string> = { 'content-type': 'text/xml' },
): Request {
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers };
  if (body !== undefined) init.body = body;
  if (body instanceof ReadableStream) init.duplex = 'half';
  return new Request(url(query), init);
}

let serial = 0;
/** A unique marker, carried in the notification so each delivery can be traced to its request. */
const nextMarker = (prefix = 'M'): string => `${prefix}-${(serial++).toString(36)}-${rng.text(6, HEX)}`;

/** A kf notification's plaintext; the marker travels in `Token` (or a field of an unknown event). */
function notification(marker: string, variant = rng.int(0, 2)): string {
  switch (variant) {
    case 0:
      return buildCallbackXml({
        ToUserName: CORP,
        CreateTime: String(NOW_S - rng.int(0, 100)),
        MsgType: 'event',
        Event: 'kf_msg_or_event',
        Token: marker,
        OpenKfId: `wk${rng.text(20, B64.slice(0, 62))}`,
      });
    case 1:
      return buildCallbackXml({
        ToUserName: CORP,
        FromUserName: 'sys',
        CreateTime: String(NOW_S),
        MsgType: 'event',
        Event: 'kf_account_auth_change',
        AuthAddOpenKfId: [marker, 'wkA'],
        AuthDelOpenKfId: [],
      });
    default:
      return buildCallbackXml({
        ToUserName: CORP,
        CreateTime: String(NOW_S),
        MsgType: 'event',
        Event: rng.pick(['subscribe', 'change_contact', 'kf_future_event']),
        Marker: marker,
      });
  }
}

/** The marker an event carries (see `notification`). */
function markerOf(event: KfCallbackEvent): string | undefined {
  if (event.Event === 'kf_msg_or_event') return event.Token;
  if (event.Event === 'kf_account_auth_change') return event.AuthAddOpenKfId[0];
  const marker = event.raw.Marker;
  return typeof marker === 'string' ? marker : undefined;
}

const goodTimestamp = (): string => String(NOW_S + rng.int(-299, 299));
const nonce = (): string => rng.text(rng.int(1, 16), `${HEX}xyz`);

const sign = (encrypted: string, timestamp: string, n: string): Record<string, string> => ({
  msg_signature: computeSignature(TOKEN, timestamp, n, encrypted),
  timestamp,
  nonce: n,
});

const envelope = (encrypted: string): string =>
  `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;

/** A properly encrypted and signed notification. */
function signedNotification(plaintext: string, options: { timestamp?: string; receiveId?: string } = {}) {
  const timestamp = options.timestamp ?? goodTimestamp();
  const { body, query } = platform.encryptCallback(plaintext, {
    timestamp,
    nonce: nonce(),
    ...(options.receiveId === undefined ? {} : { receiveId: options.receiveId }),
  });
  const encrypted = /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(body)?.[1];
  if (encrypted === undefined) throw new Error('no Encrypt in the envelope');
  return { body, query: { ...query }, encrypted };
}

/** The WXBizMsgCrypt plaintext block: random(16) ‖ length(4, BE) ‖ message ‖ ReceiveId. */
function rawPlaintext(message: string, receiveId = CORP): Buffer {
  const msg = Buffer.from(message);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length);
  return Buffer.concat([Buffer.from(rng.bytes(16)), length, msg, Buffer.from(receiveId)]);
}

/** AES-256-CBC without automatic padding, with the EncodingAESKey's IV: any padding we like. */
function rawEncrypt(padded: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', KEY, KEY.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** `plain` followed by `padLength` pad bytes, each `fill(i)` (by default the pad length, as PKCS#7 says). */
function pad(plain: Buffer, padLength: number, fill: (i: number) => number = () => padLength): Buffer {
  return Buffer.concat([plain, Buffer.from(Array.from({ length: padLength }, (_, i) => fill(i)))]);
}

// ---------------------------------------------------------------------------------------------
// The classes. Each returns one case; the counts below say how many of each are sent.

const classes: Record<string, () => Case> = {
  'valid POST': () => {
    const marker = nextMarker();
    const { body, query } = signedNotification(notification(marker));
    return { cls: 'valid POST', request: postRequest(query, body), expected: { kind: 'accept', marker } };
  },
  'valid POST, entities and char refs in the plaintext': () => {
    const marker = nextMarker('E');
    const escaped = marker.replace(/-/g, '&#45;').replace(/^E/, '&#x45;');
    const xml = `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><CreateTime>${NOW_S}</CreateTime><MsgType>event</MsgType><Event>kf_msg_or_event</Event><Token>${escaped}</Token><OpenKfId>wk&amp;&lt;&gt;&quot;&apos;</OpenKfId></xml>`;
    const { body, query } = signedNotification(xml);
    return {
      cls: 'valid POST, entities',
      request: postRequest(query, body),
      expected: { kind: 'accept', marker },
    };
  },
  'valid POST, XML declaration, comment and PI in the envelope': () => {
    const marker = nextMarker();
    const { query, encrypted } = signedNotification(notification(marker));
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment --><xml><?pi data?><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
    return {
      cls: 'valid POST, XML prolog',
      request: postRequest(query, body),
      expected: { kind: 'accept', marker },
    };
  },
  'valid POST, re-padded with another valid pad length': () => {
    const marker = nextMarker('P');
    const plain = rawPlaintext(notification(marker));
    // Any pad length 1..32 whose bytes all hold it is valid, provided the total is a multiple of 16.
    const base = 16 - (plain.length % 16);
    const padLength = base + (base + 16 <= 32 && rng.next() < 0.5 ? 16 : 0);
    const encrypted = rawEncrypt(pad(plain, padLength));
    const query = sign(encrypted, goodTimestamp(), nonce());
    return {
      cls: 'valid POST, re-padded',
      request: postRequest(query, envelope(encrypted)),
      expected: { kind: 'accept', marker },
    };
  },
  'valid GET (URL verification)': () => {
    const echo = String(rng.int(1, 2 ** 31)) + rng.text(rng.int(0, 12), '0123456789');
    const query = platform.encryptEchostr(echo, { timestamp: goodTimestamp(), nonce: nonce() });
    return { cls: 'valid GET', request: new Request(url(query)), expected: { kind: 'accept', echo } };
  },
  'replayed valid POST (duplicate)': () => {
    const previous = replayable.at(rng.int(0, replayable.length - 1));
    if (previous === undefined) return classes['valid POST']?.() ?? fail();
    return {
      cls: 'replayed valid POST',
      request: postRequest(previous.query, previous.body),
      expected: { kind: 'duplicate' },
    };
  },
  'bad signature': () => {
    const { body, query } = signedNotification(notification(nextMarker('X')));
    const sig = query.msg_signature ?? '';
    const mutate = rng.int(0, 5);
    const at = rng.int(0, sig.length - 1);
    const forged = [
      rng.text(40, HEX),
      `${sig.slice(0, at)}${HEX[(HEX.indexOf(sig[at] ?? '0') + rng.int(1, 15)) % 16]}${sig.slice(at + 1)}`,
      sig.slice(0, rng.int(0, 39)),
      `${sig}${rng.text(rng.int(1, 4), HEX)}`,
      sig.toUpperCase() === sig ? '' : sig.toUpperCase(),
      '',
    ][mutate];
    const method = rng.next() < 0.2 ? 'GET' : 'POST';
    if (method === 'GET') {
      const verify = platform.encryptEchostr('42', { timestamp: goodTimestamp(), nonce: nonce() });
      return {
        cls: 'bad signature (GET)',
        request: new Request(url({ ...verify, msg_signature: forged ?? '' })),
        expected: refuse('signature', 403),
      };
    }
    return {
      cls: 'bad signature',
      request: postRequest({ ...query, msg_signature: forged ?? '' }, body),
      expected: refuse('signature', 403),
    };
  },
  'signed part changed without re-signing': () => {
    const { body, query, encrypted } = signedNotification(notification(nextMarker('X')));
    const which = rng.int(0, 2);
    if (which === 0) {
      const at = rng.int(0, encrypted.length - 3);
      const swapped = B64[(B64.indexOf(encrypted[at] ?? 'A') + rng.int(1, 63)) % 64] ?? 'A';
      const changed = `${encrypted.slice(0, at)}${swapped}${encrypted.slice(at + 1)}`;
      return {
        cls: 'unsigned change',
        request: postRequest(query, envelope(changed)),
        expected: refuse('signature', 403),
      };
    }
    if (which === 1) {
      return {
        cls: 'unsigned change',
        request: postRequest({ ...query, nonce: `${query.nonce}x` }, body),
        expected: refuse('signature', 403),
      };
    }
    return {
      cls: 'unsigned change',
      request: postRequest({ ...query, timestamp: String(Number(query.timestamp) + rng.int(1, 5)) }, body),
      expected: refuse('signature', 403),
    };
  },
  'stale or future timestamp (correctly signed)': () => {
    const offset = rng.pick([301, 600, 3600, 86_400, 10 ** 7]) + rng.int(0, 1000);
    const timestamp = String(NOW_S + (rng.next() < 0.5 ? -offset : offset));
    if (rng.next() < 0.25) {
      const query = platform.encryptEchostr('7', { timestamp, nonce: nonce() });
      return {
        cls: 'stale timestamp (GET)',
        request: new Request(url(query)),
        expected: refuse('timestamp', 403),
      };
    }
    const { body, query } = signedNotification(notification(nextMarker('X')), { timestamp });
    return { cls: 'stale timestamp', request: postRequest(query, body), expected: refuse('timestamp', 403) };
  },
  'timestamp not unix seconds (correctly signed)': () => {
    const timestamp = rng.pick([
      '',
      'abc',
      '-5',
      '1e9',
      '17000000000000',
      ' 1700000000',
      '1700000000.5',
      '0x65',
    ]);
    const { body, query } = signedNotification(notification(nextMarker('X')), { timestamp });
    return {
      cls: 'timestamp not seconds',
      request: postRequest(query, body),
      expected: refuse('timestamp', 403),
    };
  },
  'truncated ciphertext (re-signed)': () => {
    const { encrypted } = signedNotification(notification(nextMarker('X')));
    // Whole base64 quanta: valid base64 of a length that is not a multiple of 16 bytes (or empty).
    const cut = rng.next() < 0.7 ? 4 * rng.int(1, Math.floor(encrypted.length / 4)) : rng.int(1, 3);
    const truncated = encrypted.slice(0, encrypted.length - cut);
    const query = sign(truncated, goodTimestamp(), nonce());
    return {
      cls: 'truncated ciphertext',
      request: postRequest(query, envelope(truncated)),
      expected: refuse('decrypt', 400),
    };
  },
  'ciphertext cut to whole blocks (re-signed)': () => {
    const { encrypted } = signedNotification(notification(nextMarker('F')));
    const bytes = Buffer.from(encrypted, 'base64');
    // Dropping the last block(s) leaves a valid length whose last byte is not a valid pad (or a
    // length prefix that overruns): refused, whatever the random prefix was.
    const kept = bytes.subarray(0, bytes.length - 16 * rng.int(1, Math.max(1, bytes.length / 16 - 2)));
    const truncated = kept.toString('base64');
    const query = sign(truncated, goodTimestamp(), nonce());
    return {
      cls: 'cut to whole blocks',
      request: postRequest(query, envelope(truncated)),
      expected: { kind: 'any' },
    };
  },
  'invalid padding (re-signed)': () => {
    const plain = rawPlaintext(notification(nextMarker('X')));
    const base = 16 - (plain.length % 16);
    const kind = rng.int(0, 3);
    const bad = [
      () => pad(plain, base, () => 0), // pad byte 0
      () => pad(plain, base, (i) => (i === base - 1 ? 33 + rng.int(0, 200) : base)), // pad byte > 32
      () => pad(plain, base, (i) => (i === 0 && base > 1 ? (base % 32) + 1 : i === 0 ? 0 : base)), // inconsistent
      () => pad(plain, base + 32, () => Math.min(base + 32, 255)), // longer than 32
    ][kind];
    const padded = (bad ?? fail)();
    const encrypted = rawEncrypt(padded);
    const query = sign(encrypted, goodTimestamp(), nonce());
    return {
      cls: 'invalid padding',
      request: postRequest(query, envelope(encrypted)),
      expected: refuse('decrypt', 400),
    };
  },
  'non-canonical base64 (re-signed)': () => {
    const { encrypted } = signedNotification(notification(nextMarker('X')));
    const variant = rng.int(0, 3);
    const bad = [
      encrypted.replace(/\+/g, '-').replace(/\//g, '_').replace(/^./, '-'), // URL-safe alphabet
      `${encrypted.slice(0, 10)} ${encrypted.slice(10)}`, // a space
      `${encrypted.slice(0, 8)}\u00e9${encrypted.slice(9)}`, // not base64 at all
      `${encrypted}====`, // too much padding
    ][variant];
    const value = bad ?? '';
    const query = sign(value, goodTimestamp(), nonce());
    return {
      cls: 'non-canonical base64',
      request: postRequest(query, envelope(value)),
      expected: refuse('decrypt', 400),
    };
  },
  'bit flips in the ciphertext (re-signed)': () => {
    const { encrypted } = signedNotification(notification(nextMarker('F')));
    const bytes = Buffer.from(encrypted, 'base64');
    const at = rng.int(0, bytes.length - 1);
    bytes[at] = (bytes[at] ?? 0) ^ (1 << rng.int(0, 7));
    const flipped = bytes.toString('base64');
    const query = sign(flipped, goodTimestamp(), nonce());
    return {
      cls: 'bit flips (re-signed)',
      request: postRequest(query, envelope(flipped)),
      expected: { kind: 'any' },
    };
  },
  'wrong ReceiveId': () => {
    const receiveId = rng.pick([
      '',
      'ww00000000000',
      `${CORP}x`,
      CORP.toUpperCase(),
      `wx${rng.text(16, HEX)}`,
      '企业',
    ]);
    if (rng.next() < 0.2) {
      const other = new KfCallbackCrypto({
        token: TOKEN,
        encodingAESKey: AES_KEY,
        receiveId,
        now: () => NOW,
      });
      const query = other.encryptEchostr('99', { timestamp: goodTimestamp(), nonce: nonce() });
      return {
        cls: 'wrong ReceiveId (GET)',
        request: new Request(url(query)),
        expected: refuse('receive_id', 403),
      };
    }
    const { body, query } = signedNotification(notification(nextMarker('X')), { receiveId });
    return { cls: 'wrong ReceiveId', request: postRequest(query, body), expected: refuse('receive_id', 403) };
  },
  'wrong key (re-signed)': () => {
    const other = new KfCallbackCrypto({
      token: TOKEN,
      encodingAESKey: OTHER_AES_KEY,
      receiveId: CORP,
      now: () => NOW,
    });
    const { body, query } = other.encryptCallback(notification(nextMarker('F')), {
      timestamp: goodTimestamp(),
      nonce: nonce(),
    });
    // The token is the same, so the signature holds; the plaintext is garbage or badly padded.
    return { cls: 'wrong key', request: postRequest({ ...query }, body), expected: { kind: 'any' } };
  },
  'huge body': () => {
    const { query } = signedNotification(notification(nextMarker('X')));
    const size = MAX_BODY + rng.pick([1, 2, 1000, 100_000, 1_000_000]);
    const filler = 'A'.repeat(size - 40);
    const body = `<xml><Encrypt><![CDATA[${filler}]]></Encrypt></xml>`;
    const mode = rng.int(0, 2);
    if (mode === 0) {
      return {
        cls: 'huge body (content-length)',
        request: postRequest(query, body, {
          'content-type': 'text/xml',
          'content-length': String(body.length),
        }),
        expected: refuse('body', 413),
      };
    }
    if (mode === 1) {
      return {
        cls: 'huge body (no length)',
        request: postRequest(query, body),
        expected: refuse('body', 413),
      };
    }
    const chunk = new TextEncoder().encode(body.slice(0, 8192));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // An endless upload: the handler must stop reading once it is over the bound.
        sent += chunk.byteLength;
        if (sent > 64 * MAX_BODY) controller.close();
        else controller.enqueue(chunk);
      },
    });
    return {
      cls: 'huge body (endless stream)',
      request: postRequest(query, stream),
      expected: refuse('body', 413),
    };
  },
  'XML tricks in the envelope': () => {
    const { query, encrypted } = signedNotification(notification(nextMarker('X')));
    const tricks = [
      `<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><xml><Encrypt>&c;</Encrypt></xml>`,
      `<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Encrypt>&xxe;</Encrypt></xml>`,
      `<!DOCTYPE xml SYSTEM "http://127.0.0.1:1/evil.dtd"><xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
      `<xml><!ENTITY x "y"><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
      `<xml><Encrypt>${encrypted}&undefined;</Encrypt></xml>`,
      `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt><Encrypt>x</Encrypt></xml>`,
      `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt>`,
      `<xml>${'<a>'.repeat(40)}x${'</a>'.repeat(40)}<Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
      `<xml><Encrypt>text<b>mixed</b></Encrypt></xml>`,
      `<root><Encrypt><![CDATA[${encrypted}]]></Encrypt></root>`,
      `{"Encrypt":"${encrypted}"}`,
      '',
      '<xml/>',
      `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml><xml/>`,
      `\u0000<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    ];
    const body = rng.pick(tricks);
    return { cls: 'XML tricks (envelope)', request: postRequest(query, body), expected: refuse('body', 400) };
  },
  'XML tricks in the decrypted plaintext (signed)': () => {
    const tricks = [
      `<!DOCTYPE xml [<!ENTITY a "x">]><xml><Event>&a;</Event></xml>`,
      `<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Token>&xxe;</Token></xml>`,
      '<xml><Token>&nope;</Token></xml>',
      '<xml><Token>unclosed</xml>',
      'not xml at all',
      '',
      `<xml>${'<a>'.repeat(40)}x${'</a>'.repeat(40)}</xml>`,
      '<xml><MsgType>event</MsgType>mixed<Event>x</Event></xml>',
    ];
    const { body, query } = signedNotification(rng.pick(tricks));
    return {
      cls: 'XML tricks (plaintext)',
      request: postRequest(query, body),
      expected: refuse('body', 400),
    };
  },
  'malformed known event (signed)': () => {
    const xml = rng.pick([
      buildCallbackXml({
        ToUserName: CORP,
        CreateTime: String(NOW_S),
        MsgType: 'event',
        Event: 'kf_msg_or_event',
        OpenKfId: 'wk',
      }),
      buildCallbackXml({
        ToUserName: CORP,
        CreateTime: 'yesterday',
        MsgType: 'event',
        Event: 'kf_msg_or_event',
        Token: 't',
        OpenKfId: 'wk',
      }),
      buildCallbackXml({
        ToUserName: CORP,
        CreateTime: String(NOW_S),
        MsgType: 'text',
        Event: 'kf_account_auth_change',
      }),
    ]);
    const { body, query } = signedNotification(xml);
    return {
      cls: 'malformed known event',
      request: postRequest(query, body),
      expected: refuse('event', 400),
    };
  },
  'wrong method': () => {
    const method = rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'get']);
    const { body, query } = signedNotification(notification(nextMarker('X')));
    const hasBody = method !== 'HEAD' && method !== 'get' && rng.next() < 0.5;
    const request = new Request(url(query), { method, ...(hasBody ? { body } : {}) });
    // `get` is normalised to GET by fetch: then it is a verification without echostr (400).
    return {
      cls: 'wrong method',
      request,
      expected: request.method === 'GET' ? refuse('query', 400) : refuse('method', 405),
    };
  },
  'missing parameters': () => {
    if (rng.next() < 0.4) {
      const query: Record<string, string> = {
        ...platform.encryptEchostr('5', { timestamp: goodTimestamp(), nonce: nonce() }),
      };
      const names = Object.keys(query);
      const drop = names.filter(() => rng.next() < 0.5);
      const victim = drop.length > 0 ? drop : [rng.pick(names)];
      for (const name of victim) delete query[name];
      return {
        cls: 'missing parameters (GET)',
        request: new Request(url(query)),
        expected: refuse('query', 400),
      };
    }
    const { body, query } = signedNotification(notification(nextMarker('X')));
    const mutable: Record<string, string> = { ...query };
    delete mutable[rng.pick(['msg_signature', 'timestamp', 'nonce'])];
    if (rng.next() < 0.3) delete mutable[rng.pick(['msg_signature', 'timestamp', 'nonce'])];
    return { cls: 'missing parameters', request: postRequest(mutable, body), expected: refuse('query', 400) };
  },
  'random garbage': () => {
    const query: Record<string, string> = {};
    for (const name of ['msg_signature', 'timestamp', 'nonce', 'echostr', 'x']) {
      if (rng.next() < 0.85) query[name] = rng.text(rng.int(0, 60), `${B64}=%& <>`);
    }
    const method = rng.pick(['GET', 'POST', 'POST', 'POST', 'PUT']);
    const kind = rng.int(0, 3);
    const body =
      kind === 0
        ? rng.bytes(rng.int(0, 4096))
        : kind === 1
          ? `<xml><Encrypt><![CDATA[${rng.text(rng.int(0, 400), B64)}]]></Encrypt></xml>`
          : kind === 2
            ? rng.text(rng.int(0, 2048), '<>/![]CDAT xml&;#"\'=?-')
            : undefined;
    const request = new Request(url(query), {
      method,
      ...(method === 'GET' || body === undefined ? {} : { body }),
    });
    return { cls: 'random garbage', request, expected: { kind: 'any' } };
  },
};

function fail(): never {
  throw new Error('no case');
}

/** Valid POSTs that may be replayed later. */
const replayable: { query: Record<string, string>; body: string }[] = [];

/** How many requests of each class (≈ 6 000 in all). */
const COUNTS: Record<string, number> = {
  'valid POST': 600,
  'valid POST, entities and char refs in the plaintext': 100,
  'valid POST, XML declaration, comment and PI in the envelope': 100,
  'valid POST, re-padded with another valid pad length': 200,
  'valid GET (URL verification)': 200,
  'replayed valid POST (duplicate)': 300,
  'bad signature': 500,
  'signed part changed without re-signing': 300,
  'stale or future timestamp (correctly signed)': 300,
  'timestamp not unix seconds (correctly signed)': 100,
  'truncated ciphertext (re-signed)': 300,
  'ciphertext cut to whole blocks (re-signed)': 200,
  'invalid padding (re-signed)': 300,
  'non-canonical base64 (re-signed)': 200,
  'bit flips in the ciphertext (re-signed)': 300,
  'wrong ReceiveId': 300,
  'wrong key (re-signed)': 100,
  'huge body': 60,
  'XML tricks in the envelope': 300,
  'XML tricks in the decrypted plaintext (signed)': 200,
  'malformed known event (signed)': 100,
  'wrong method': 200,
  'missing parameters': 300,
  'random garbage': 800,
};

/** A schedule that interleaves the classes (fixed by the seed). */
function schedule(): string[] {
  const names = Object.entries(COUNTS).flatMap(([name, n]) => Array.from({ length: n }, () => name));
  for (let i = names.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [names[i], names[j]] = [names[j] ?? '', names[i] ?? ''];
  }
  return names;
}

interface ClassCount {
  sent: number;
  statuses: Record<string, number>;
}

describe('callback abuse: createCallbackHandler under random and mutated requests', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it(`answers every request as documented (seed ${SEED.toString(16)})`, async () => {
    const refusals: KfCallbackError[] = [];
    const handlerFailures: KfCallbackError[] = [];
    const deliveries = new Map<string, number>();
    const strays: unknown[] = [];
    const handler = createCallbackHandler({
      token: TOKEN,
      encodingAESKey: AES_KEY,
      corpId: CORP,
      now: () => NOW,
      onEvent: (event) => {
        const marker = markerOf(event);
        if (marker === undefined) return;
        deliveries.set(marker, (deliveries.get(marker) ?? 0) + 1);
        // Some application handlers fail, synchronously or not: reported, never unhandled.
        if (marker.endsWith('0')) throw new Error('application failure');
        if (marker.endsWith('1')) return Promise.reject(new Error('async application failure'));
        return undefined;
      },
      onError: (error) => {
        if (!(error instanceof KfCallbackError)) strays.push(error);
        else if (error.reason === 'handler') handlerFailures.push(error);
        else refusals.push(error);
      },
    });

    const counts = new Map<string, ClassCount>();
    const mismatches: string[] = [];
    const crashes: unknown[] = [];
    const expectedMarkers = new Set<string>();
    let accepted = 0;
    let acceptedUnpredictable = 0;
    const byReason = new Map<string, number>();

    for (const [index, name] of schedule().entries()) {
      const make = classes[name];
      if (make === undefined) throw new Error(`no class ${name}`);
      const c = make();
      // Keep a copy of valid POSTs to replay them later (a Request body can be read once).
      const replayCopy =
        c.expected.kind === 'accept' && c.expected.marker !== undefined && c.request.method === 'POST'
          ? {
              query: Object.fromEntries(new URL(c.request.url).searchParams),
              body: await c.request.clone().text(),
            }
          : undefined;
      const before = refusals.length;
      let response: Response;
      try {
        response = await handler(c.request);
      } catch (error) {
        crashes.push(error);
        continue;
      }
      const text = await response.text();
      const count = counts.get(c.cls) ?? { sent: 0, statuses: {} };
      count.sent++;
      count.statuses[response.status] = (count.statuses[response.status] ?? 0) + 1;
      counts.set(c.cls, count);

      const newErrors = refusals.slice(before);
      const where = `#${index} ${c.cls}`;
      for (const error of newErrors) {
        const problem = checkError(error);
        if (problem !== undefined) mismatches.push(`${where}: ${problem}`);
        const key = `${error.reason}/${error.status}${error.cause instanceof KfCryptoError ? ` (${error.cause.errcode})` : ''}`;
        byReason.set(key, (byReason.get(key) ?? 0) + 1);
      }
      const refusedAs = (reason: KfCallbackFailure, status: number) => {
        if (response.status !== status)
          mismatches.push(`${where}: status ${response.status}, expected ${status}`);
        if (newErrors.length !== 1)
          mismatches.push(`${where}: ${newErrors.length} errors to onError, expected 1`);
        const error = newErrors[0];
        if (error !== undefined && (error.reason !== reason || error.status !== status)) {
          mismatches.push(
            `${where}: onError got ${error.reason}/${error.status}, expected ${reason}/${status}`,
          );
        }
      };
      const acceptedAs = (body: string) => {
        if (response.status !== 200) {
          const error = newErrors[0];
          mismatches.push(
            `${where}: status ${response.status} (${error?.reason}: ${error?.message}), expected 200`,
          );
        } else if (text !== body) mismatches.push(`${where}: body ${JSON.stringify(text)}`);
        if (newErrors.length !== 0)
          mismatches.push(`${where}: ${newErrors.length} errors for an accepted request`);
      };

      switch (c.expected.kind) {
        case 'accept':
          acceptedAs(c.expected.echo ?? 'success');
          if (c.expected.marker !== undefined) expectedMarkers.add(c.expected.marker);
          if (replayCopy !== undefined) replayable.push(replayCopy);
          accepted++;
          break;
        case 'duplicate':
          acceptedAs('success');
          break;
        case 'refuse':
          refusedAs(c.expected.reason, c.expected.status);
          break;
        case 'any': {
          if (response.status === 200) {
            if (newErrors.length !== 0) mismatches.push(`${where}: 200 with an error`);
            acceptedUnpredictable++;
            break;
          }
          const error = newErrors[0];
          if (newErrors.length !== 1 || error === undefined) {
            mismatches.push(`${where}: status ${response.status} with ${newErrors.length} errors`);
            break;
          }
          const allowed = error.reason === 'handler' ? [] : STATUS_OF[error.reason];
          if (error.status !== response.status || !allowed.includes(response.status)) {
            mismatches.push(
              `${where}: ${error.reason} answered ${response.status} (error says ${error.status})`,
            );
          }
          break;
        }
      }
    }

    // onEvent runs after the answer (setTimeout 0): let every delivery and its failure land.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));

    const lost = [...expectedMarkers].filter((m) => deliveries.get(m) !== 1);
    const twice = [...deliveries].filter(([, n]) => n !== 1).map(([m, n]) => `${m}×${n}`);
    const refusedButDelivered = [...deliveries.keys()].filter((m) => m.startsWith('X-'));
    const failing = [...deliveries.keys()].filter((m) => m.endsWith('0') || m.endsWith('1')).length;

    const rows = [...counts].sort(([a], [b]) => a.localeCompare(b));
    const width = Math.max(...rows.map(([name]) => name.length));
    console.log(
      [
        `callback abuse (seed 0x${SEED.toString(16)}): ${rows.reduce((n, [, c]) => n + c.sent, 0)} requests`,
        ...rows.map(
          ([name, c]) =>
            `  ${name.padEnd(width)}  ${String(c.sent).padStart(4)}  ${Object.entries(c.statuses)
              .map(([s, n]) => `${s}×${n}`)
              .join(' ')}`,
        ),
        `  refusals reported to onError: ${refusals.length}; deliveries: ${deliveries.size} ` +
          `(${expectedMarkers.size} expected, ${acceptedUnpredictable} accepted from random bytes); ` +
          `onEvent failures reported: ${handlerFailures.length}`,
        `  onError by reason/status (crypto errcode): ${[...byReason]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, n]) => `${k}×${n}`)
          .join(', ')}`,
      ].join('\n'),
    );

    expect(crashes).toEqual([]);
    expect(strays).toEqual([]);
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(mismatches).toHaveLength(0);
    expect(lost).toEqual([]);
    expect(twice).toEqual([]);
    expect(refusedButDelivered).toEqual([]);
    expect(accepted).toBeGreaterThan(1000);
    // Every failing onEvent (thrown or rejected) is reported once, with reason 'handler' and status 0.
    expect(handlerFailures).toHaveLength(failing);
    expect(handlerFailures.every((e) => e.status === 0)).toBe(true);
    expect(unhandled).toEqual([]);
  });

  it('survives a concurrent burst of mixed requests with the same outcome counts', async () => {
    let refused = 0;
    let failures = 0;
    const delivered = new Set<string>();
    const handler = createCallbackHandler({
      token: TOKEN,
      encodingAESKey: AES_KEY,
      corpId: CORP,
      now: () => NOW,
      onEvent: async (event) => {
        const marker = markerOf(event);
        if (marker !== undefined) delivered.add(marker);
        await Promise.resolve();
        throw new Error('always fails');
      },
      onError: (error) => {
        if (error.reason === 'handler') failures++;
        else refused++;
        throw new Error('onError itself throws'); // must be contained too
      },
    });
    const names = [
      'valid POST',
      'bad signature',
      'huge body',
      'XML tricks in the envelope',
      'random garbage',
      'wrong method',
    ];
    const cases = Array.from({ length: 600 }, (_, i) => {
      const make = classes[names[i % names.length] ?? 'valid POST'];
      if (make === undefined) throw new Error('no class');
      return make();
    });
    const responses = await Promise.all(cases.map((c) => handler(c.request)));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const ok = responses.filter((r) => r.status === 200).length;
    const valid = cases.filter((c) => c.expected.kind === 'accept').length;
    expect(responses.every((r) => [200, 400, 403, 405, 413].includes(r.status))).toBe(true);
    expect(refused).toBe(responses.length - ok);
    expect(delivered.size).toBe(ok);
    expect(failures).toBe(ok);
    expect(ok).toBeGreaterThanOrEqual(valid);
    expect(unhandled).toEqual([]);
  });
  it('holds over node:http through toNodeListener, raw sockets and aborted uploads included', async () => {
    const refusals: KfCallbackError[] = [];
    let delivered = 0;
    const handler = createCallbackHandler({
      token: TOKEN,
      encodingAESKey: AES_KEY,
      corpId: CORP,
      now: () => NOW,
      onEvent: () => {
        delivered++;
      },
      onError: (error) => {
        if (error.reason !== 'handler') refusals.push(error);
      },
    });
    const listener = toNodeListener(handler); // the handler's 64 KiB, applied while reading
    const server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const mismatches: string[] = [];
    const statuses: Record<string, number> = {};
    try {
      const names = [
        'valid POST',
        'valid GET (URL verification)',
        'bad signature',
        'stale or future timestamp (correctly signed)',
        'truncated ciphertext (re-signed)',
        'invalid padding (re-signed)',
        'wrong ReceiveId',
        'XML tricks in the envelope',
        'missing parameters',
        'wrong method',
        'random garbage',
      ];
      let validPosts = 0;
      for (let i = 0; i < 330; i++) {
        const name = names[i % names.length] ?? 'valid POST';
        const c = (classes[name] ?? fail)();
        if (c.request.method === 'HEAD') continue; // no body to read back: covered in-process
        const before = refusals.length;
        const body = c.request.body === null ? undefined : new Uint8Array(await c.request.arrayBuffer());
        const response = await fetch(`${base}/kf/callback${new URL(c.request.url).search}`, {
          method: c.request.method,
          ...(body === undefined ? {} : { body }),
        });
        const text = await response.text();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const got = refusals.slice(before);
        const e = c.expected;
        if (e.kind === 'accept') {
          if (c.request.method === 'POST') validPosts++;
          if (response.status !== 200 || text !== (e.echo ?? 'success') || got.length !== 0) {
            mismatches.push(`${name}: ${response.status} ${text.slice(0, 40)}`);
          }
        } else if (e.kind === 'refuse') {
          if (response.status !== e.status || got.length !== 1 || got[0]?.reason !== e.reason) {
            mismatches.push(
              `${name}: ${response.status}, ${got.map((g) => g.reason).join()} (expected ${e.reason})`,
            );
          }
        } else if (response.status !== 200 && (got.length !== 1 || got[0]?.status !== response.status)) {
          mismatches.push(`${name}: ${response.status} with ${got.length} errors`);
        }
      }

      // Over the route's 64 KiB bound: 413 from the listener before the handler runs, reported to onError.
      const { query } = signedNotification(notification(nextMarker('X')));
      const beforeHuge = refusals.length;
      const huge = await fetch(`${base}/kf/callback?${new URLSearchParams(query)}`, {
        method: 'POST',
        body: new Uint8Array(2 * 1024 * 1024).fill(60),
      }).then(
        (r) => r.status,
        () => 'connection closed',
      );
      statuses[`huge ${huge}`] = 1;
      if (huge !== 413 && huge !== 'connection closed') mismatches.push(`2 MiB body: ${huge}`);
      // Refused by the listener, and reported like every other refusal.
      const tooLarge = refusals.slice(beforeHuge);
      if (tooLarge.length !== 1 || tooLarge[0]?.reason !== 'body') {
        mismatches.push(`2 MiB body: ${tooLarge.length} 413 reports to onError`);
      }

      // Raw sockets: aborted uploads, lying lengths, broken chunked encoding, junk request lines.
      const raw = (payload: string, destroyAfterMs?: number) =>
        new Promise<string>((resolve) => {
          const socket = connect(port, '127.0.0.1');
          let answer = '';
          socket.on('data', (d) => {
            answer += d.toString('latin1');
          });
          socket.on('error', () => resolve(answer));
          socket.on('close', () => resolve(answer));
          socket.write(payload);
          if (destroyAfterMs !== undefined) setTimeout(() => socket.destroy(), destroyAfterMs);
          else setTimeout(() => socket.end(), 50);
        });
      const path = `/kf/callback?${new URLSearchParams(query)}`;
      const rawCases = [
        [`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n<xml><Encrypt>`, 20],
        [`POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\njunk\r\n`, undefined],
        [`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n<xml>trailing junk`, undefined],
        [`PUT ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`, undefined],
        ['GARBAGE\r\n\r\n', undefined],
        [`POST /kf/callback?%%%=%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`, undefined],
        [`GET ${'/a'.repeat(5000)} HTTP/1.1\r\nHost: x\r\n\r\n`, undefined],
      ] as const;
      for (let round = 0; round < 4; round++) {
        for (const [payload, destroyAfter] of rawCases) {
          const answer = await raw(payload, destroyAfter);
          const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 'none';
          statuses[`raw ${status}`] = (statuses[`raw ${status}`] ?? 0) + 1;
          if (status !== 'none' && !['400', '403', '405', '413', '431'].includes(status)) {
            mismatches.push(`raw ${JSON.stringify(payload.slice(0, 30))}: ${status}`);
          }
        }
      }

      // Still serving after all that.
      const after = (classes['valid POST'] ?? fail)();
      const ok = await fetch(`${base}/kf/callback${new URL(after.request.url).search}`, {
        method: 'POST',
        body: await after.request.text(),
      });
      expect(ok.status).toBe(200);
      validPosts++;
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      console.log(`callback abuse over node:http: ${JSON.stringify(statuses)}; delivered ${delivered}`);
      expect(mismatches).toEqual([]);
      expect(delivered).toBe(validPosts);
      expect(unhandled).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('callback abuse: replays and slow bodies', () => {
  // The count bound itself (10 000 before, which a replay could outlast) is tested on SeenKeys in
  // internal.test.ts: 10 000 real notifications cost ~20 s of CPU here. This one checks the
  // handler end to end on the same rule.
  it('never delivers a replay inside the tolerance, after 100 newer notifications either', async () => {
    let now = NOW;
    const delivered = new Map<string, number>();
    const handler = createCallbackHandler({
      token: TOKEN,
      encodingAESKey: AES_KEY,
      corpId: CORP,
      now: () => now,
      onEvent: (event) => {
        const marker = markerOf(event) ?? '?';
        delivered.set(marker, (delivered.get(marker) ?? 0) + 1);
      },
    });
    const first = signedNotification(notification('R-first', 0), { timestamp: String(NOW_S) });
    const send = (n: { query: Record<string, string>; body: string }) =>
      handler(postRequest(n.query, n.body)).then((r) => r.status);
    expect(await send(first)).toBe(200);
    for (let i = 0; i < 100; i++) {
      expect(await send(signedNotification(notification(`R-${i}`, 0), { timestamp: String(NOW_S) }))).toBe(
        200,
      );
    }
    now = NOW + 4_000; // 4 s later: well inside the 300 s tolerance
    expect(await send(first)).toBe(200);
    await handler.idle();
    expect(delivered.size).toBe(101);
    expect(delivered.get('R-first')).toBe(1);
  });

  it("reports a body over the listener's own bound (413) to onError", async () => {
    const refusals: KfCallbackError[] = [];
    const handler = createCallbackHandler({
      token: TOKEN,
      encodingAESKey: AES_KEY,
      corpId: CORP,
      now: () => NOW,
      onEvent: () => {},
      onError: (error) => refusals.push(error),
    });
    const server = createServer((req, res) => void toNodeListener(handler)(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { query } = signedNotification(notification(nextMarker('B')));
    try {
      const status = await fetch(`http://127.0.0.1:${port}/kf/callback?${new URLSearchParams(query)}`, {
        method: 'POST',
        body: new Uint8Array(2 * 1024 * 1024).fill(60),
      }).then(
        (r) => r.status,
        () => 'connection closed',
      );
      expect([413, 'connection closed']).toContain(status);
      expect(refusals.map((r) => `${r.reason} ${r.status}`)).toEqual(['body 413']);
      // One limit for the route: the listener stops at the handler's 65 536, not at a bound of its own.
      expect(refusals[0]?.message).toMatch(/larger than 65536 bytes/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('answers 408 to bodies trickled slower than bodyTimeout, reports each, and frees the connection', async () => {
    const refusals: KfCallbackError[] = [];
    const handler = createCallbackHandler({
      token: TOKEN,
      encodingAESKey: AES_KEY,
      corpId: CORP,
      now: () => NOW,
      onEvent: () => {},
      onError: (error) => refusals.push(error),
    });
    const server = createServer((req, res) => void toNodeListener(handler, { bodyTimeout: 200 })(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { query } = signedNotification(notification(nextMarker('T')));
    const path = `/kf/callback?${new URLSearchParams(query)}`;
    // 20 clients announce 1 000 bytes, send 10, and then nothing more.
    const trickle = () =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        let answer = '';
        socket.on('data', (d) => {
          answer += d.toString('latin1');
        });
        socket.on('error', () => resolve(answer));
        socket.on('close', () => resolve(answer));
        socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n<xml><Enc`);
      });
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, trickle));
      expect(answers.map((a) => /^HTTP\/1\.1 (\d{3})/.exec(a)?.[1])).toEqual(Array(20).fill('408'));
      expect(refusals.map((r) => `${r.reason} ${r.status}`)).toEqual(Array(20).fill('body 408'));
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
