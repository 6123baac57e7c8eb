import { describe, expectTypeOf, test } from 'vitest';
import {
  type CallbackXmlRecord,
  type CallbackXmlValue,
  type DecryptedCallback,
  decrypt,
  KfCallbackCrypto,
  type KfCallbackCryptoOptions,
  type KfCryptoError,
  KfCryptoErrorCode,
} from './index.js';

describe('public types', () => {
  test('receiveId must be decided: a string, or null to skip the check', () => {
    expectTypeOf<KfCallbackCryptoOptions['receiveId']>().toEqualTypeOf<string | null>();
    // @ts-expect-error receiveId is required
    new KfCallbackCrypto({ token: 't', encodingAESKey: 'k' });
    expectTypeOf(decrypt).parameter(2).toEqualTypeOf<string | null>();
  });

  test('parsed fields may be absent, text, nested, or repeated', () => {
    expectTypeOf<DecryptedCallback['fields']>().toEqualTypeOf<CallbackXmlRecord>();
    expectTypeOf<CallbackXmlRecord[string]>().toEqualTypeOf<CallbackXmlValue>();
    expectTypeOf<CallbackXmlValue>().toEqualTypeOf<
      string | CallbackXmlRecord | (string | CallbackXmlRecord)[]
    >();
  });

  test('errcode is the code union, and the code table is re-exported as a value', () => {
    expectTypeOf<KfCryptoError['errcode']>().toEqualTypeOf<KfCryptoErrorCode>();
    expectTypeOf(KfCryptoErrorCode.ValidateSignatureError).toEqualTypeOf<-40001>();
  });

  test('URLSearchParams is accepted as a query', () => {
    expectTypeOf<URLSearchParams>().toExtend<Parameters<KfCallbackCrypto['verifyUrl']>[0]>();
    expectTypeOf<URLSearchParams>().toExtend<Parameters<KfCallbackCrypto['decryptCallback']>[0]>();
    expectTypeOf<KfCallbackCrypto['decryptCallback']>().parameter(1).toEqualTypeOf<string | Uint8Array>();
  });
});
