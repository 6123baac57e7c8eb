/**
 * Error codes of the platform's callback crypto library (WXBizMsgCrypt), identical across the
 * official language ports. They never come back from the HTTP API; `@kf/crypto` throws them.
 */
export const KfCryptoErrorCode = {
  /** −40001 签名验证错误: msg_signature does not match. */
  ValidateSignatureError: -40001,
  /** −40002 xml解析失败: the envelope or plaintext is not the expected XML. */
  ParseXmlError: -40002,
  /** −40003 sha加密生成签名失败. */
  ComputeSignatureError: -40003,
  /** −40004 AESKey 非法: the EncodingAESKey is not 43 characters of base64. */
  IllegalAesKey: -40004,
  /** −40005 corpid 校验错误: the ReceiveId in the plaintext is not the expected one. */
  ValidateCorpidError: -40005,
  /** −40006 aes 加密失败. */
  EncryptAESError: -40006,
  /** −40007 aes 解密失败: wrong key, bad padding or ciphertext length. */
  DecryptAESError: -40007,
  /** −40008 解密后得到的buffer非法: the plaintext layout (length prefix) is inconsistent. */
  IllegalBuffer: -40008,
  /** −40009 base64加密失败. */
  EncodeBase64Error: -40009,
  /** −40010 base64解密失败: the ciphertext is not valid base64. */
  DecodeBase64Error: -40010,
  /** −40011 生成xml失败. */
  GenReturnXmlError: -40011,
} as const;

/** One of the callback crypto library's error codes (−40001 … −40011). */
export type KfCryptoErrorCode = (typeof KfCryptoErrorCode)[keyof typeof KfCryptoErrorCode];
