import { KfCryptoErrorCode, KfError } from '@kf/types/errors';

export { KfCryptoErrorCode } from '@kf/types/errors';

const CODE_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(KfCryptoErrorCode).map(([name, code]) => [code, name]),
);

/**
 * The one error `@kf/crypto` throws, whatever went wrong: bad configuration, a forged or
 * damaged callback, malformed XML, or non-string input from a JavaScript caller.
 *
 * `errcode` is one of the official WXBizMsgCrypt codes ({@link KfCryptoErrorCode}, −40001 …
 * −40011). The message says what is wrong but never contains the token, the EncodingAESKey,
 * the key bytes or any decrypted plaintext, so the error is safe to log as a whole. A lower-level
 * failure (a Node `ERR_*` from `node:crypto`, an XML parser error) is kept as `cause` only when
 * it cannot carry such data.
 */
export class KfCryptoError extends KfError {
  /** The WXBizMsgCrypt error code (−40001 … −40011). */
  readonly errcode: KfCryptoErrorCode;

  /**
   * @param errcode - the WXBizMsgCrypt code.
   * @param message - what is wrong, in words that contain no secret and no plaintext.
   * @param options - `cause`, when there is a lower-level error worth keeping.
   */
  constructor(errcode: KfCryptoErrorCode, message: string, options?: ErrorOptions) {
    super(`${message} [${CODE_NAMES.get(errcode) ?? 'KfCryptoError'} ${errcode}]`, options);
    this.errcode = errcode;
  }
}
