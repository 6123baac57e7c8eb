import { KfCryptoError, KfCryptoErrorCode } from './errors.js';

const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;
const AES_KEY_BYTES = 32;

/**
 * Decodes an EncodingAESKey into the 32-byte AES-256 key: `base64decode(EncodingAESKey + "=")`
 * (doc 91144). Pass the result to {@link encrypt} and {@link decrypt}.
 *
 * The EncodingAESKey must be exactly 43 characters from `[a-zA-Z0-9]`, as the admin console
 * generates it. Its last character carries two bits that the 32 bytes do not use; they are
 * ignored, as in every official port, so any such key is accepted.
 *
 * @returns a new 32-byte buffer; its first 16 bytes are also the CBC IV.
 * @throws {@link KfCryptoError} −40004 (IllegalAesKey) for anything else.
 */
export function decodeEncodingAESKey(encodingAESKey: string): Uint8Array {
  if (typeof encodingAESKey !== 'string' || !ENCODING_AES_KEY.test(encodingAESKey)) {
    throw new KfCryptoError(
      KfCryptoErrorCode.IllegalAesKey,
      'encodingAESKey must be exactly 43 characters from [a-zA-Z0-9]',
    );
  }
  return Buffer.from(`${encodingAESKey}=`, 'base64');
}

/** Checks a decoded key given to the low-level functions; returns it typed. */
export function requireAesKey(aesKey: unknown): Uint8Array {
  if (!(aesKey instanceof Uint8Array) || aesKey.length !== AES_KEY_BYTES) {
    throw new KfCryptoError(
      KfCryptoErrorCode.IllegalAesKey,
      'the AES key must be the 32 bytes returned by decodeEncodingAESKey()',
    );
  }
  return aesKey;
}
