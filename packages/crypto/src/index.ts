/**
 * `@kf/crypto`: the WeCom callback signature and AES scheme (WXBizMsgCrypt, doc 91144) for the
 * Customer Service (微信客服) API. Verifies and decrypts callbacks for the client; encrypts and signs
 * them for the mock.
 *
 * @packageDocumentation
 */
export { decodeEncodingAESKey } from './aes-key.js';
export {
  type CallbackQuery,
  type DecryptedCallback,
  type EncryptCallbackOptions,
  type EncryptedCallback,
  type EncryptOptions,
  KfCallbackCrypto,
  type KfCallbackCryptoOptions,
  type UrlVerificationQuery,
} from './callback-crypto.js';
export { type DecryptedMessage, decrypt, encrypt } from './cipher.js';
export {
  buildCallbackEnvelope,
  buildPassiveReply,
  type CallbackEnvelope,
  type PassiveReply,
  parseCallbackEnvelope,
} from './envelope.js';
export { KfCryptoError, KfCryptoErrorCode } from './errors.js';
export { computeSignature, verifySignature } from './signature.js';
export {
  buildCallbackXml,
  type CallbackXmlInput,
  type CallbackXmlInputValue,
  type CallbackXmlRecord,
  type CallbackXmlValue,
  DEFAULT_MAX_XML_BYTES,
  type ParseCallbackXmlOptions,
  parseCallbackXml,
} from './xml.js';
