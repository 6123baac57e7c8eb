import { isUtf8 } from 'node:buffer';
import { createCipheriv, createDecipheriv, type Decipher, randomBytes } from 'node:crypto';
import { requireAesKey } from './aes-key.js';
import { KfCryptoError, KfCryptoErrorCode } from './errors.js';
import { decodeCanonicalBase64 } from './internal/base64.js';
import { padLength, unpaddedLength } from './internal/pkcs7.js';
import { decodeValidUtf8 } from './internal/utf8.js';

const CIPHER = 'aes-256-cbc';
const IV_BYTES = 16;
const AES_BLOCK_BYTES = 16;
const AES_KEY_BYTES = 32;
/** random(16) || msg_len(4) */
const HEADER_BYTES = 20;
const RANDOM_BYTES = 16;
const MAX_MSG_BYTES = 0xffffffff;

/**
 * A decipher kept per key object. Creating one (an OpenSSL context and key schedule) was a quarter
 * of a small callback's verify + decrypt; CBC decryption can stream on instead. A kept decipher
 * chains the first block of the next ciphertext to the last block of the previous one rather than
 * to the IV, and since P0 = D(C0) ⊕ chain, XOR-ing P0 with `chain ⊕ IV` gives exactly what a fresh
 * decipher gives. (P0 is the 16 random bytes anyway; the fix-up keeps every outcome identical.)
 */
interface KeptDecipher {
  /** A copy of the key it was made with: a caller may change the bytes of its key object. */
  readonly key: Buffer;
  readonly decipher: Decipher;
  /** The CBC chaining value the next update starts from: the IV, then the last ciphertext block. */
  readonly chain: Buffer;
}

/** Weak: a kept decipher (and the key copy in it) lives no longer than the caller's key object. */
const keptDeciphers = new WeakMap<Uint8Array, KeptDecipher>();

/** Whether two 32-byte keys are equal; inline, cheaper than a native `equals` call per decrypt. */
function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  let difference = 0;
  for (let i = 0; i < AES_KEY_BYTES; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

function keptDecipherFor(key: Uint8Array): KeptDecipher {
  const kept = keptDeciphers.get(key);
  if (kept !== undefined && sameKey(kept.key, key)) return kept;
  const copy = Buffer.from(key);
  const iv = copy.subarray(0, IV_BYTES);
  const decipher = createDecipheriv(CIPHER, copy, iv);
  decipher.setAutoPadding(false);
  const fresh = { key: copy, decipher, chain: Buffer.from(iv) };
  keptDeciphers.set(key, fresh);
  return fresh;
}

/** AES-256-CBC decryption of whole blocks with the key's IV, padding left in place. */
function decryptBlocks(key: Uint8Array, cipherBytes: Buffer): Buffer {
  const kept = keptDecipherFor(key);
  let plain: Buffer;
  try {
    // Whole blocks, padding off: update() returns them all; final() would add nothing.
    plain = kept.decipher.update(cipherBytes);
  } catch (cause) {
    keptDeciphers.delete(key);
    throw cause;
  }
  if (plain.length !== cipherBytes.length) {
    keptDeciphers.delete(key);
    throw new KfCryptoError(KfCryptoErrorCode.DecryptAESError, 'the decipher did not return every block');
  }
  const { chain } = kept;
  for (let i = 0; i < IV_BYTES; i++) plain[i] = (plain[i] ?? 0) ^ (chain[i] ?? 0) ^ (kept.key[i] ?? 0);
  // 16 bytes: a loop, not Buffer#copy (whose argument handling cost more than the copy).
  const last = cipherBytes.length - AES_BLOCK_BYTES;
  for (let i = 0; i < AES_BLOCK_BYTES; i++) chain[i] = cipherBytes[last + i] ?? 0;
  return plain;
}

/** What {@link decrypt} returns. */
export interface DecryptedMessage {
  /** The plaintext `msg`: the callback XML, or the echostr text to echo back. */
  readonly message: string;
  /** The ReceiveId found after `msg` (corpid, suite id, or empty, see doc 91144 附注). */
  readonly receiveId: string;
}

/**
 * Encrypts `message` the WXBizMsgCrypt way (doc 91144): AES-256-CBC over
 * `random(16) || msg_len (uint32 BE) || msg || receiveId`, padded PKCS#7-style to a multiple of
 * 32 bytes, IV = the first 16 key bytes; returns the ciphertext as standard base64.
 *
 * @param aesKey - the 32 bytes from {@link decodeEncodingAESKey}.
 * @param message - the plaintext, encoded as UTF-8 (a lone surrogate becomes U+FFFD).
 * @param receiveId - written after the message; the receiver compares it with its own.
 * @param random - the 16 leading random bytes; defaults to `crypto.randomBytes(16)`. Inject it to
 *   make the output deterministic (tests, the mock).
 * @throws {@link KfCryptoError} −40004 (IllegalAesKey) for a bad key, −40006 (EncryptAESError) for
 *   non-string input, a `random` that is not 16 bytes, or a cipher failure.
 */
export function encrypt(aesKey: Uint8Array, message: string, receiveId: string, random?: Uint8Array): string {
  const key = requireAesKey(aesKey);
  if (typeof message !== 'string' || typeof receiveId !== 'string') {
    throw new KfCryptoError(KfCryptoErrorCode.EncryptAESError, 'message and receiveId must be strings');
  }
  const prefix = random ?? randomBytes(RANDOM_BYTES);
  if (!(prefix instanceof Uint8Array) || prefix.length !== RANDOM_BYTES) {
    throw new KfCryptoError(KfCryptoErrorCode.EncryptAESError, 'random must be exactly 16 bytes');
  }
  const messageBytes = Buffer.byteLength(message, 'utf8');
  if (messageBytes > MAX_MSG_BYTES) {
    throw new KfCryptoError(KfCryptoErrorCode.EncryptAESError, 'message is longer than 2^32 - 1 bytes');
  }
  const contentBytes = HEADER_BYTES + messageBytes + Buffer.byteLength(receiveId, 'utf8');
  const pad = padLength(contentBytes);
  // One buffer written in place: no intermediate buffers or concatenations on this hot path.
  const plain = Buffer.allocUnsafe(contentBytes + pad);
  plain.set(prefix, 0);
  plain.writeUInt32BE(messageBytes, RANDOM_BYTES);
  plain.write(message, HEADER_BYTES, 'utf8');
  plain.write(receiveId, HEADER_BYTES + messageBytes, 'utf8');
  plain.fill(pad, contentBytes);
  try {
    const cipher = createCipheriv(CIPHER, key, key.subarray(0, IV_BYTES));
    cipher.setAutoPadding(false);
    // With padding off and whole blocks in, update() returns every block and final() would only
    // add an empty buffer: it is skipped on this hot path.
    return cipher.update(plain).toString('base64');
  } catch (cause) {
    throw new KfCryptoError(KfCryptoErrorCode.EncryptAESError, 'AES-256-CBC encryption failed', { cause });
  }
}

/**
 * Decrypts a value made by {@link encrypt} (or by WeCom, or by the official libraries), checking
 * every step strictly:
 *
 * - `encrypted` must be canonical standard base64, else −40010 (DecodeBase64Error);
 * - it must decode to a positive multiple of 16 bytes, and the padding must be 1..32 bytes that
 *   all hold the pad length, else −40007 (DecryptAESError). The official `@wecom/crypto` ignores
 *   a pad byte outside 1..32 and keeps the bytes; no conforming encryptor writes one, so a value
 *   any of them produces still decrypts here;
 * - the length prefix must fit the plaintext and `msg` and the ReceiveId must be valid UTF-8,
 *   else −40008 (IllegalBuffer);
 * - the ReceiveId must equal `receiveId` unless `receiveId` is `null`, else −40005
 *   (ValidateCorpidError).
 *
 * Verify the signature first ({@link verifySignature}): it is what authenticates the ciphertext,
 * and it keeps forged ciphertexts (and so any padding oracle) away from this function.
 *
 * @param aesKey - the 32 bytes from {@link decodeEncodingAESKey}.
 * @param encrypted - the `Encrypt` element or `echostr`, as received (URL-decoded).
 * @param receiveId - the expected ReceiveId (`''` for schemes where it is empty), or `null` to
 *   skip the comparison explicitly, e.g. for a third-party suite where it varies; the ReceiveId
 *   found is returned either way.
 */
export function decrypt(aesKey: Uint8Array, encrypted: string, receiveId: string | null): DecryptedMessage {
  const key = requireAesKey(aesKey);
  if (receiveId !== null && typeof receiveId !== 'string') {
    throw new KfCryptoError(
      KfCryptoErrorCode.ValidateCorpidError,
      'receiveId must be a string, or null to skip the check',
    );
  }
  if (typeof encrypted !== 'string') {
    throw new KfCryptoError(KfCryptoErrorCode.DecodeBase64Error, 'the encrypted value must be a string');
  }
  const cipherBytes = decodeCanonicalBase64(encrypted);
  if (cipherBytes === undefined) {
    throw new KfCryptoError(KfCryptoErrorCode.DecodeBase64Error, 'the encrypted value is not valid base64');
  }
  if (cipherBytes.length === 0 || cipherBytes.length % AES_BLOCK_BYTES !== 0) {
    throw new KfCryptoError(
      KfCryptoErrorCode.DecryptAESError,
      'the ciphertext length is not a positive multiple of 16 bytes',
    );
  }
  let plain: Buffer;
  try {
    plain = decryptBlocks(key, cipherBytes);
  } catch (cause) {
    throw new KfCryptoError(KfCryptoErrorCode.DecryptAESError, 'AES-256-CBC decryption failed', { cause });
  }
  const contentBytes = unpaddedLength(plain);
  if (contentBytes < 0) {
    throw new KfCryptoError(KfCryptoErrorCode.DecryptAESError, 'the padding is invalid (wrong key or data)');
  }
  if (contentBytes < HEADER_BYTES) {
    throw new KfCryptoError(KfCryptoErrorCode.IllegalBuffer, 'the plaintext is shorter than its header');
  }
  const messageEnd = HEADER_BYTES + plain.readUInt32BE(RANDOM_BYTES);
  if (messageEnd > contentBytes) {
    throw new KfCryptoError(KfCryptoErrorCode.IllegalBuffer, 'the length prefix exceeds the plaintext');
  }
  // One validation pass over msg || ReceiveId; both parts are valid exactly when the whole is and
  // the split does not fall inside a character (the ReceiveId does not start with a continuation byte).
  const firstIdByte = plain[messageEnd] ?? 0;
  if (!isUtf8(plain.subarray(HEADER_BYTES, contentBytes)) || (firstIdByte & 0xc0) === 0x80) {
    throw new KfCryptoError(KfCryptoErrorCode.IllegalBuffer, 'the plaintext is not valid UTF-8');
  }
  const found = plain.toString('utf8', messageEnd, contentBytes);
  if (receiveId !== null && found !== receiveId) {
    throw new KfCryptoError(
      KfCryptoErrorCode.ValidateCorpidError,
      'the ReceiveId in the plaintext is not the expected receiveId',
    );
  }
  // Checked above, so decoded without V8's per-character path (most of a long message's cost).
  return { message: decodeValidUtf8(plain, HEADER_BYTES, messageEnd), receiveId: found };
}
