import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { decodeEncodingAESKey } from './aes-key.js';
import { decrypt, encrypt } from './cipher.js';
import {
  buildCallbackEnvelope,
  buildPassiveReply,
  type CallbackEnvelope,
  parseCallbackEnvelope,
} from './envelope.js';
import { KfCryptoError, KfCryptoErrorCode } from './errors.js';
import { readCallbackXml, requireMaxBytes } from './internal/xml-reader.js';
import { computeSignature, verifySignature } from './signature.js';
import { type CallbackXmlRecord, DEFAULT_MAX_XML_BYTES } from './xml.js';

const RANDOM_BYTES = 16;
const NONCE_BYTES = 8;

/** Configuration of {@link KfCallbackCrypto}: the three values set with the callback URL, and test hooks. */
export interface KfCallbackCryptoOptions {
  /** The callback Token (used only for signatures). Must be a non-empty string. */
  readonly token: string;
  /** The callback EncodingAESKey: 43 characters from `[a-zA-Z0-9]`. */
  readonly encodingAESKey: string;
  /**
   * The ReceiveId every decrypted message must carry (doc 91144 附注): the corpid for a
   * self-built app, `''` for schemes where it is empty, or `null` to skip the check explicitly
   * (third-party suites, where it varies; check {@link DecryptedCallback.receiveId} yourself).
   * Required, so that skipping the check is always a decision. Also the ReceiveId written when
   * encrypting, unless overridden per call.
   */
  readonly receiveId: string | null;
  /** Larger callback bodies are refused with −40002 before parsing. Default 64 KiB. */
  readonly maxBodyBytes?: number;
  /**
   * Source of the 16 random bytes that start each plaintext and of default nonces; defaults to
   * `crypto.randomBytes`. Inject a seeded one for deterministic output (tests, the mock).
   */
  readonly randomBytes?: (size: number) => Uint8Array;
  /** Clock for default timestamps, in milliseconds like `Date.now` (the default). */
  readonly now?: () => number;
}

/** The query of a data callback (POST), URL-decoded. Other keys are ignored. */
export interface CallbackQuery {
  readonly msg_signature: string;
  readonly timestamp: string;
  readonly nonce: string;
}

/** The query of the URL verification request (GET), URL-decoded. Other keys are ignored. */
export interface UrlVerificationQuery extends CallbackQuery {
  readonly echostr: string;
}

/** A verified and decrypted data callback. */
export interface DecryptedCallback {
  /** The decrypted plaintext XML, verbatim. */
  readonly xml: string;
  /**
   * The plaintext's elements ({@link parseCallbackXml}), all values strings: validate them
   * (`@kf/types`) before use.
   */
  readonly fields: CallbackXmlRecord;
  /** The ReceiveId found in the plaintext (equal to the configured one unless that is `null`). */
  readonly receiveId: string;
  /** The parsed envelope, including `ToUserName` and `AgentID` when present. */
  readonly envelope: CallbackEnvelope;
}

/** Per-call values for the encrypting methods; each defaults as described. */
export interface EncryptOptions {
  /** Unix seconds as a string; default from the `now` clock. */
  readonly timestamp?: string;
  /** Default: 16 hex digits from the random source. */
  readonly nonce?: string;
  /** Default: the configured `receiveId` (required here when that is `null`). */
  readonly receiveId?: string;
}

/** Options of {@link KfCallbackCrypto.encryptCallback}. */
export interface EncryptCallbackOptions extends EncryptOptions {
  /** The envelope's `ToUserName`; default: the ReceiveId used. */
  readonly ToUserName?: string;
  /** The envelope's `AgentID`; left out by default. */
  readonly AgentID?: string;
}

/** A data callback ready to POST: the XML body and the query values that sign it. */
export interface EncryptedCallback {
  /** The envelope XML ({@link buildCallbackEnvelope}). */
  readonly body: string;
  /** `msg_signature`, `timestamp` and `nonce` for the URL's query string. */
  readonly query: CallbackQuery;
}

function readQuery(query: unknown, name: string): string {
  let value: unknown;
  if (query instanceof URLSearchParams) value = query.get(name);
  else if (typeof query === 'object' && query !== null) value = (query as Record<string, unknown>)[name];
  if (typeof value !== 'string') {
    throw new KfCryptoError(
      KfCryptoErrorCode.ValidateSignatureError,
      `the query has no ${name} string, so the signature cannot be checked`,
    );
  }
  return value;
}

function invalidOption(code: KfCryptoErrorCode, message: string): KfCryptoError {
  // The library's codes have no "bad configuration" entry; the message says it is one.
  return new KfCryptoError(code, `invalid KfCallbackCrypto configuration: ${message}`);
}

/**
 * Verifies, decrypts, encrypts and signs WeCom callbacks for one callback configuration (Token,
 * EncodingAESKey, ReceiveId). The configuration is checked once, at construction, and the key is
 * decoded once; the secrets live in private fields, out of `JSON.stringify` and `util.inspect`.
 *
 * The production side uses {@link verifyUrl} and {@link decryptCallback}; the mock uses the
 * `encrypt*` methods to produce what WeCom would send.
 *
 * @example
 * ```ts
 * const callbacks = new KfCallbackCrypto({ token, encodingAESKey, receiveId: corpId });
 * // GET: echo the returned text verbatim.
 * const echo = callbacks.verifyUrl(url.searchParams);
 * // POST:
 * const { fields } = callbacks.decryptCallback(url.searchParams, body);
 * if (fields.Event === 'kf_msg_or_event') { … sync_msg with fields.Token … }
 * ```
 */
export class KfCallbackCrypto {
  readonly #token: string;
  readonly #key: Uint8Array;
  readonly #receiveId: string | null;
  readonly #maxBodyBytes: number;
  readonly #randomBytes: (size: number) => Uint8Array;
  readonly #now: () => number;

  /**
   * @throws {@link KfCryptoError} at once for a bad configuration: −40003 for an empty or
   *   non-string token or a `now` that is not a function, −40004 for a bad EncodingAESKey,
   *   −40005 for a `receiveId` that is neither a string nor `null`, −40002 for a bad
   *   `maxBodyBytes`, −40006 for a `randomBytes` that is not a function.
   */
  constructor(options: KfCallbackCryptoOptions) {
    if (typeof options !== 'object' || options === null) {
      throw invalidOption(KfCryptoErrorCode.IllegalAesKey, 'options must be an object');
    }
    const { token, encodingAESKey, receiveId, maxBodyBytes, randomBytes, now } = options;
    if (typeof token !== 'string' || token === '') {
      throw invalidOption(KfCryptoErrorCode.ComputeSignatureError, 'token must be a non-empty string');
    }
    this.#key = decodeEncodingAESKey(encodingAESKey);
    if (receiveId !== null && typeof receiveId !== 'string') {
      throw invalidOption(
        KfCryptoErrorCode.ValidateCorpidError,
        "receiveId is required: the corpid or suite id, '' where it is empty, or null to skip the check",
      );
    }
    if (randomBytes !== undefined && typeof randomBytes !== 'function') {
      throw invalidOption(KfCryptoErrorCode.EncryptAESError, 'randomBytes must be a function');
    }
    if (now !== undefined && typeof now !== 'function') {
      throw invalidOption(KfCryptoErrorCode.ComputeSignatureError, 'now must be a function');
    }
    this.#token = token;
    this.#receiveId = receiveId;
    this.#maxBodyBytes = requireMaxBytes(maxBodyBytes ?? DEFAULT_MAX_XML_BYTES);
    this.#randomBytes = randomBytes ?? nodeRandomBytes;
    this.#now = now ?? Date.now;
  }

  /**
   * Answers the URL verification request (GET, 验证URL): checks `msg_signature` over `echostr`,
   * decrypts `echostr` and returns its plaintext, which the app must send back as the response
   * body verbatim (no quotes, no newline) within one second.
   *
   * @param query - the URL-decoded query: `url.searchParams` or an object.
   * @throws {@link KfCryptoError} −40001 for a missing parameter or a wrong signature; the codes
   *   of {@link decrypt} for the echostr itself.
   */
  verifyUrl(query: UrlVerificationQuery | URLSearchParams): string {
    const signature = readQuery(query, 'msg_signature');
    const timestamp = readQuery(query, 'timestamp');
    const nonce = readQuery(query, 'nonce');
    const echostr = readQuery(query, 'echostr');
    this.#checkSignature(signature, timestamp, nonce, echostr);
    return decrypt(this.#key, echostr, this.#receiveId).message;
  }

  /**
   * Verifies and decrypts a data callback (POST): parses the envelope, checks `msg_signature` over
   * its `Encrypt`, decrypts it, checks the ReceiveId, and parses the plaintext XML. Answer WeCom
   * with HTTP 200 (an empty body or `success`) within five seconds.
   *
   * @param query - the URL-decoded query: `url.searchParams` or an object.
   * @param body - the raw request body, as text or bytes.
   * @throws {@link KfCryptoError} −40001 for a missing query parameter or a wrong signature (the
   *   ciphertext is not touched then), −40002 for a bad envelope or plaintext XML or a body over
   *   `maxBodyBytes`, and the codes of {@link decrypt}.
   */
  decryptCallback(query: CallbackQuery | URLSearchParams, body: string | Uint8Array): DecryptedCallback {
    const signature = readQuery(query, 'msg_signature');
    const timestamp = readQuery(query, 'timestamp');
    const nonce = readQuery(query, 'nonce');
    const envelope = parseCallbackEnvelope(body, { maxBytes: this.#maxBodyBytes });
    this.#checkSignature(signature, timestamp, nonce, envelope.Encrypt);
    const { message, receiveId } = decrypt(this.#key, envelope.Encrypt, this.#receiveId);
    const fields = readCallbackXml(message, this.#maxBodyBytes, 'the decrypted message');
    return { xml: message, fields, receiveId, envelope };
  }

  /**
   * Encrypts and signs a plaintext callback (see {@link buildCallbackXml}) into what WeCom POSTs:
   * the envelope body and the signed query values.
   *
   * @throws {@link KfCryptoError} −40006 for a non-string message or a missing ReceiveId, −40003
   *   for a non-string timestamp or nonce, −40011 for envelope values XML cannot carry.
   */
  encryptCallback(message: string, options: EncryptCallbackOptions = {}): EncryptedCallback {
    const { encrypted, query, receiveId } = this.#encryptAndSign(message, options);
    const body = buildCallbackEnvelope({
      ToUserName: options.ToUserName ?? receiveId,
      ...(options.AgentID === undefined ? {} : { AgentID: options.AgentID }),
      Encrypt: encrypted,
    });
    return { body, query };
  }

  /**
   * Encrypts and signs `message` as the `echostr` of a URL verification request: the four query
   * values WeCom sends with the GET. {@link verifyUrl} returns `message`.
   *
   * @throws {@link KfCryptoError} as {@link encryptCallback}.
   */
  encryptEchostr(message: string, options: EncryptOptions = {}): UrlVerificationQuery {
    const { encrypted, query } = this.#encryptAndSign(message, options);
    return { ...query, echostr: encrypted };
  }

  /**
   * Encrypts and signs a passive reply message into the reply XML
   * ({@link buildPassiveReply}), for callbacks that take a synchronous reply.
   *
   * @throws {@link KfCryptoError} as {@link encryptCallback}.
   */
  encryptReply(message: string, options: EncryptOptions = {}): string {
    const { encrypted, query } = this.#encryptAndSign(message, options);
    return buildPassiveReply({
      Encrypt: encrypted,
      MsgSignature: query.msg_signature,
      TimeStamp: query.timestamp,
      Nonce: query.nonce,
    });
  }

  #checkSignature(signature: string, timestamp: string, nonce: string, encrypted: string): void {
    if (!verifySignature(signature, this.#token, timestamp, nonce, encrypted)) {
      throw new KfCryptoError(KfCryptoErrorCode.ValidateSignatureError, 'msg_signature does not match');
    }
  }

  #receiveIdFor(options: EncryptOptions): string {
    const receiveId = options.receiveId ?? this.#receiveId;
    if (typeof receiveId !== 'string') {
      throw new KfCryptoError(
        KfCryptoErrorCode.EncryptAESError,
        'receiveId is required to encrypt, as this instance was configured with receiveId: null',
      );
    }
    return receiveId;
  }

  #encryptAndSign(
    message: string,
    options: EncryptOptions,
  ): { encrypted: string; query: CallbackQuery; receiveId: string } {
    if (typeof options !== 'object' || options === null) {
      throw new KfCryptoError(KfCryptoErrorCode.EncryptAESError, 'options must be an object');
    }
    const receiveId = this.#receiveIdFor(options);
    const timestamp = options.timestamp ?? this.#defaultTimestamp();
    const nonce = options.nonce ?? Buffer.from(this.#random(NONCE_BYTES)).toString('hex');
    const encrypted = encrypt(this.#key, message, receiveId, this.#random(RANDOM_BYTES));
    const signature = computeSignature(this.#token, timestamp, nonce, encrypted);
    return { encrypted, query: { msg_signature: signature, timestamp, nonce }, receiveId };
  }

  #defaultTimestamp(): string {
    const now = this.#now();
    if (typeof now !== 'number' || !Number.isFinite(now)) {
      throw new KfCryptoError(KfCryptoErrorCode.ComputeSignatureError, 'now() must return a finite number');
    }
    return String(Math.floor(now / 1000));
  }

  #random(size: number): Uint8Array {
    let bytes: unknown;
    try {
      bytes = this.#randomBytes(size);
    } catch (cause) {
      throw new KfCryptoError(KfCryptoErrorCode.EncryptAESError, 'the random source failed', { cause });
    }
    if (!(bytes instanceof Uint8Array) || bytes.length !== size) {
      throw new KfCryptoError(
        KfCryptoErrorCode.EncryptAESError,
        `the random source must return ${size} bytes as a Uint8Array`,
      );
    }
    return bytes;
  }
}
