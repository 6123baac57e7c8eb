import { KfCryptoError, KfCryptoErrorCode } from './errors.js';
import { readCallbackXml, requireMaxBytes } from './internal/xml-reader.js';
import { cdata, escapeCharacterData, isXmlText } from './internal/xml-text.js';
import { buildCallbackXml, DEFAULT_MAX_XML_BYTES, type ParseCallbackXmlOptions } from './xml.js';

/**
 * The encrypted body WeCom POSTs to the callback URL (doc 91144). Wire names as
 * the platform spells them.
 */
export interface CallbackEnvelope {
  /** The base64 ciphertext; the signature is computed over it exactly as received. */
  readonly Encrypt: string;
  /** The corpid (the suite id for third-party suite callbacks), when present. */
  readonly ToUserName?: string;
  /** The receiving application's id, when present (may be absent or empty). */
  readonly AgentID?: string;
}

/**
 * Parses the envelope `<xml><ToUserName/><AgentID/><Encrypt/></xml>`. `Encrypt` is required and
 * must occur once as text; `ToUserName` and `AgentID` are returned when they are plain text;
 * anything else in the envelope is ignored. The XML rules of {@link parseCallbackXml} apply.
 *
 * @throws {@link KfCryptoError} −40002 (ParseXmlError) when the body is not such a document.
 */
export function parseCallbackEnvelope(
  xml: string | Uint8Array,
  options: ParseCallbackXmlOptions = {},
): CallbackEnvelope {
  const fields = readCallbackXml(
    xml,
    requireMaxBytes(options.maxBytes ?? DEFAULT_MAX_XML_BYTES),
    'the callback body',
  );
  const { Encrypt, ToUserName, AgentID } = fields;
  if (typeof Encrypt !== 'string') {
    throw new KfCryptoError(
      KfCryptoErrorCode.ParseXmlError,
      'the callback body must contain exactly one <Encrypt> element with text',
    );
  }
  // Built in place rather than with conditional spreads (each spread a temporary object): same
  // keys, same order.
  const envelope: { Encrypt: string; ToUserName?: string; AgentID?: string } = { Encrypt };
  if (typeof ToUserName === 'string') envelope.ToUserName = ToUserName;
  if (typeof AgentID === 'string') envelope.AgentID = AgentID;
  return envelope;
}

/**
 * Writes the envelope WeCom POSTs, each value in CDATA, in the platform's order
 * (`ToUserName`, `AgentID`, `Encrypt`); absent optional elements are left out.
 *
 * @throws {@link KfCryptoError} −40011 (GenReturnXmlError) when a value is not a string XML can
 *   carry.
 */
export function buildCallbackEnvelope(envelope: CallbackEnvelope): string {
  if (typeof envelope !== 'object' || envelope === null || typeof envelope.Encrypt !== 'string') {
    throw new KfCryptoError(KfCryptoErrorCode.GenReturnXmlError, 'Encrypt must be a string');
  }
  for (const value of [envelope.ToUserName, envelope.AgentID]) {
    if (value !== undefined && typeof value !== 'string') {
      throw new KfCryptoError(KfCryptoErrorCode.GenReturnXmlError, 'ToUserName and AgentID must be strings');
    }
  }
  return buildCallbackXml({
    ToUserName: envelope.ToUserName,
    AgentID: envelope.AgentID,
    Encrypt: envelope.Encrypt,
  });
}

/** The four values of a passive (synchronous) encrypted reply. */
export interface PassiveReply {
  /** The base64 ciphertext of the reply message. */
  readonly Encrypt: string;
  /** {@link computeSignature} over the token, `TimeStamp`, `Nonce` and `Encrypt`. */
  readonly MsgSignature: string;
  /** Unix seconds, as a string. */
  readonly TimeStamp: string;
  /** Any random string. */
  readonly Nonce: string;
}

/**
 * Writes the passive reply XML, element name `TimeStamp` (not `Timestamp`) as in the official
 * template:
 * `<xml><Encrypt><![CDATA[…]]></Encrypt><MsgSignature><![CDATA[…]]></MsgSignature><TimeStamp>…</TimeStamp><Nonce><![CDATA[…]]></Nonce></xml>`.
 * `TimeStamp` is plain text (escaped), the others CDATA. The values are not checked against each
 * other; {@link KfCallbackCrypto.encryptReply} produces a consistent set.
 *
 * @throws {@link KfCryptoError} −40011 (GenReturnXmlError) when a value is not a string XML can
 *   carry.
 */
export function buildPassiveReply(reply: PassiveReply): string {
  if (typeof reply !== 'object' || reply === null) {
    throw new KfCryptoError(KfCryptoErrorCode.GenReturnXmlError, 'the reply must be an object');
  }
  const { Encrypt, MsgSignature, TimeStamp, Nonce } = reply;
  for (const value of [Encrypt, MsgSignature, TimeStamp, Nonce]) {
    if (typeof value !== 'string' || !isXmlText(value)) {
      throw new KfCryptoError(
        KfCryptoErrorCode.GenReturnXmlError,
        'Encrypt, MsgSignature, TimeStamp and Nonce must be strings XML can carry',
      );
    }
  }
  return (
    `<xml>\n<Encrypt>${cdata(Encrypt)}</Encrypt>\n<MsgSignature>${cdata(MsgSignature)}</MsgSignature>\n` +
    `<TimeStamp>${escapeCharacterData(TimeStamp)}</TimeStamp>\n<Nonce>${cdata(Nonce)}</Nonce>\n</xml>`
  );
}
