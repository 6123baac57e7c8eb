import { describe, expectTypeOf, it } from 'vitest';
import {
  describeErrorCode,
  type KfErrorCategory,
  KfErrorCode,
  type KfErrorCodeInfo,
  type KfErrorCodeName,
} from './error-codes.js';

describe('KfErrorCode types', () => {
  it('gives each name its literal code', () => {
    expectTypeOf(KfErrorCode.SendQuotaExceeded).toEqualTypeOf<95001>();
    expectTypeOf(KfErrorCode.SystemBusy).toEqualTypeOf<-1>();
    expectTypeOf(KfErrorCode.DecryptAESError).toEqualTypeOf<-40007>();
  });

  it('makes the code type a union of literals, not number', () => {
    expectTypeOf<95001>().toExtend<KfErrorCode>();
    expectTypeOf<-40001>().toExtend<KfErrorCode>();
    expectTypeOf<number>().not.toExtend<KfErrorCode>();
    expectTypeOf<95010>().not.toExtend<KfErrorCode>();
  });

  it('makes the names a union of literals', () => {
    expectTypeOf<'SendQuotaExceeded'>().toExtend<KfErrorCodeName>();
    expectTypeOf<string>().not.toExtend<KfErrorCodeName>();
  });

  it('has a readonly const object', () => {
    // @ts-expect-error the const object is readonly
    KfErrorCode.SendQuotaExceeded = 1;
  });

  it('describes a plain number and may return undefined', () => {
    expectTypeOf(describeErrorCode).parameter(0).toEqualTypeOf<number>();
    expectTypeOf(describeErrorCode).returns.toEqualTypeOf<KfErrorCodeInfo | undefined>();
    expectTypeOf<KfErrorCodeInfo['code']>().toEqualTypeOf<KfErrorCode>();
    expectTypeOf<KfErrorCodeInfo['category']>().toEqualTypeOf<KfErrorCategory>();
    expectTypeOf<KfErrorCodeInfo['zh']>().toEqualTypeOf<string>();
    expectTypeOf<KfErrorCodeInfo['zhSource']>().toEqualTypeOf<string | undefined>();
  });

  it('closes the category set', () => {
    expectTypeOf<'kf_rule'>().toExtend<KfErrorCategory>();
    expectTypeOf<'other'>().not.toExtend<KfErrorCategory>();
  });
});
