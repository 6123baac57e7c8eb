/**
 * The request generators of the callback abuse suite (`callback-abuse.test.ts`): one class of valid,
 * forged or malformed callback request per entry of `classes`, each with the answer it must get, all
 * drawn from one generator seeded with `SEED`, so every run sends the same requests in the same order.
 * The generator, the marker serial and `replayable` are state of this module: one suite uses it.
 */
import { createCipheriv } from 'node:crypto';
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
import { prng } from '../../../types/src/__fixtures__/random.js';
import type { KfCallbackError, KfCallbackFailure } from '../errors.js';
import { AES_KEY, CORP, NOW, TOKEN, URL_BASE } from './callback.js';

const OTHER_AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const NOW_S = NOW / 1000;
const MAX_BODY = 65_536;
export const SEED = 0x6b66_0006;

/** The documented status of each refusal reason (README: 400 malformed, 403 forged/stale, 405, 413). */
export const STATUS_OF: Record<Exclude<KfCallbackFailure, 'handler'>, readonly number[]> = {
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
export function checkError(error: KfCallbackError): string | undefined {
  const shown = `${error.message} ${JSON.stringify(error.toJSON())}`;
  if (shown.includes(TOKEN) || shown.includes(AES_KEY)) return 'a secret in the error';
  const codes = CRYPTO_CODES[error.reason];
  if (codes === undefined) return undefined;
  if (!(error.cause instanceof KfCryptoError)) return `${error.reason} without a KfCryptoError cause`;
  if (!codes.includes(error.cause.errcode)) return `${error.reason} caused by errcode ${error.cause.errcode}`;
  return undefined;
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
export type Expected =
  | { readonly kind: 'accept'; readonly marker?: string; readonly echo?: string }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'refuse'; readonly reason: KfCallbackFailure; readonly status: number }
  /** The outcome depends on random bytes: any documented answer, consistent with its error. */
  | { readonly kind: 'any' };

export interface Case {
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

export function postRequest(
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
export const nextMarker = (prefix = 'M'): string =>
  `${prefix}-${(serial++).toString(36)}-${rng.text(6, HEX)}`;

/** A kf notification's plaintext; the marker travels in `Token` (or a field of an unknown event). */
export function notification(marker: string, variant = rng.int(0, 2)): string {
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
export function markerOf(event: KfCallbackEvent): string | undefined {
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
export function signedNotification(
  plaintext: string,
  options: { timestamp?: string; receiveId?: string } = {},
) {
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

export const classes: Record<string, () => Case> = {
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

export function fail(): never {
  throw new Error('no case');
}

/** Valid POSTs that may be replayed later. */
export const replayable: { query: Record<string, string>; body: string }[] = [];

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
export function schedule(): string[] {
  const names = Object.entries(COUNTS).flatMap(([name, n]) => Array.from({ length: n }, () => name));
  for (let i = names.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [names[i], names[j]] = [names[j] ?? '', names[i] ?? ''];
  }
  return names;
}
