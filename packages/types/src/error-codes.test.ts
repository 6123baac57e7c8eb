import { describe, expect, it } from 'vitest';
import { KfCryptoErrorCode } from './crypto-error-codes.js';
import {
  CONFIG_ERROR_CODES,
  describeErrorCode,
  KF_CREDENTIAL_CODES,
  KF_ERROR_CODES,
  KfErrorCategory,
  KfErrorCode,
  TOKEN_REFRESH_CODES,
  TRANSIENT_ERROR_CODES,
} from './error-codes.js';

/** Every code of kf-api.md §6 (and §1.4), written out from the doc, not from the table. */
const DOC_GENERAL = [
  -1, 0, 40001, 40003, 40004, 40005, 40006, 40007, 40008, 40009, 40011, 40013, 40014, 40031, 40033, 40035,
  40058, 40063, 40091, 40096, 40123, 40201, 41001, 41002, 41004, 41006, 41009, 42001, 43009, 44001, 44004,
  45001, 45002, 45009, 45033, 48001, 48002, 48007, 60003, 60011, 60020, 92000, 301016, 301017,
];
/** §6.1 "additional" (830002; 40201 is already above) and §1.4's third-party token codes. */
const DOC_ADDITIONAL = [830002, 40082, 42009];
/** §6.2 with a 90313 meaning, plus 95021 from the upgrade_service page. */
const DOC_KF = [
  95000, 95001, 95002, 95003, 95004, 95005, 95006, 95007, 95008, 95009, 95011, 95012, 95013, 95014, 95015,
  95016, 95017, 95018, 95019, 95021, 95022, 95023, 95026, 95027, 95030, 95031, 95032,
];
/** §6.3: the callback crypto library. */
const DOC_CRYPTO = [-40001, -40002, -40003, -40004, -40005, -40006, -40007, -40008, -40009, -40010, -40011];
/** §6.2 codes with no documented meaning: left out of the table on purpose. */
const DOC_UNDOCUMENTED = [95010, 95020, 95024, 95025, 95028, 95029];

const numeric = (a: number, b: number) => a - b;
const info = (code: number) => {
  const found = describeErrorCode(code);
  if (!found) throw new Error(`no entry for ${code}`);
  return found;
};

describe('KF_ERROR_CODES', () => {
  it('has exactly the documented codes of §6, crypto included', () => {
    const expected = [...DOC_GENERAL, ...DOC_ADDITIONAL, ...DOC_KF, ...DOC_CRYPTO].sort(numeric);
    expect(KF_ERROR_CODES.map((e) => e.code).sort(numeric)).toEqual(expected);
  });

  it('leaves out the 95xxx codes the official page gives no meaning for', () => {
    for (const code of DOC_UNDOCUMENTED) expect(describeErrorCode(code)).toBeUndefined();
  });

  it('is in ascending code order', () => {
    const codes = KF_ERROR_CODES.map((e) => e.code);
    expect(codes).toEqual([...codes].sort(numeric));
  });

  it('has unique codes and unique PascalCase names', () => {
    expect(new Set(KF_ERROR_CODES.map((e) => e.code)).size).toBe(KF_ERROR_CODES.length);
    expect(new Set(KF_ERROR_CODES.map((e) => e.name)).size).toBe(KF_ERROR_CODES.length);
    for (const e of KF_ERROR_CODES) expect(e.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
  });

  it('gives every entry a non-empty Chinese meaning, English meaning and hint', () => {
    for (const e of KF_ERROR_CODES) {
      expect(e.zh.trim(), `${e.code} zh`).not.toBe('');
      expect(e.en.trim(), `${e.code} en`).not.toBe('');
      expect(e.hint.trim(), `${e.code} hint`).not.toBe('');
      expect(e.zh, `${e.code} zh is the Chinese meaning`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('uses only the declared categories', () => {
    const categories = new Set<string>(Object.values(KfErrorCategory));
    for (const e of KF_ERROR_CODES) expect(categories.has(e.category), `${e.code}`).toBe(true);
  });

  it('names the source of the two Chinese meanings that are paraphrases, and only those', () => {
    const withSource = KF_ERROR_CODES.filter((e) => e.zhSource !== undefined).map((e) => e.code);
    expect(withSource).toEqual([95021, 830002]);
    expect(info(95021).zhSource).toMatch(/doc 94674/);
    expect(info(830002).zhSource).toMatch(/doc 96486/);
    for (const code of [95021, 830002]) expect(info(code).zhSource).toMatch(/paraphrase/);
    expect(info(95001).zhSource).toBeUndefined();
    expect('zhSource' in info(95001)).toBe(false);
  });

  it('keeps the official Chinese wording for the codes clients branch on', () => {
    expect(info(-1).zh).toBe('系统繁忙');
    expect(info(40014).zh).toBe('不合法的access_token');
    expect(info(42001).zh).toBe('access_token已过期');
    expect(info(95001).zh).toBe('发送客服消息次数限制');
    expect(info(95018).zh).toBe('发送客服消息时当前会话状态不允许发送');
    expect(info(48007).zh).toBe('API接口无权限调用，由于对应的客服账号未授权');
  });

  it('is frozen, so no caller can rewrite the shared table', () => {
    expect(Object.isFrozen(KF_ERROR_CODES)).toBe(true);
    expect(Object.isFrozen(info(95001))).toBe(true);
    expect(Object.isFrozen(KfErrorCode)).toBe(true);
  });
});

describe('KfErrorCode', () => {
  it('maps every entry name to its code', () => {
    expect(KfErrorCode.SendQuotaExceeded).toBe(95001);
    expect(KfErrorCode.InvalidAccessToken).toBe(40014);
    expect(KfErrorCode.AccessTokenExpired).toBe(42001);
    expect(KfErrorCode.SessionStateDisallowsSending).toBe(95018);
    expect(KfErrorCode.SystemBusy).toBe(-1);
    expect(Object.keys(KfErrorCode)).toHaveLength(KF_ERROR_CODES.length);
    for (const e of KF_ERROR_CODES) expect(KfErrorCode[e.name]).toBe(e.code);
  });

  it('names the crypto codes exactly as KfCryptoErrorCode does', () => {
    const crypto = KF_ERROR_CODES.filter((e) => e.category === 'crypto');
    expect(Object.fromEntries(crypto.map((e) => [e.name, e.code]))).toEqual({ ...KfCryptoErrorCode });
  });
});

describe('describeErrorCode', () => {
  it('returns the entry of a known code', () => {
    const e = describeErrorCode(95001);
    expect(e?.name).toBe('SendQuotaExceeded');
    expect(e?.category).toBe('kf_rule');
    expect(describeErrorCode(-40007)?.name).toBe('DecryptAESError');
  });

  it('returns undefined for a code it does not know', () => {
    expect(describeErrorCode(12345)).toBeUndefined();
    expect(describeErrorCode(95099)).toBeUndefined();
    expect(describeErrorCode(Number.NaN)).toBeUndefined();
  });
});

describe('retryability and categories', () => {
  it('treats −1 as busy and retryable', () => {
    expect(info(-1)).toMatchObject({ category: 'busy', retryable: true });
  });

  it('treats 45009 and 45033 as rate limits, retryable after waiting', () => {
    expect(info(45009)).toMatchObject({ category: 'rate_limit', retryable: true });
    expect(info(45033)).toMatchObject({ category: 'rate_limit', retryable: true });
  });

  it('treats 40014 and 42001 as auth errors, retryable after a token refresh', () => {
    expect(info(40014)).toMatchObject({ category: 'auth', retryable: true });
    expect(info(42001)).toMatchObject({ category: 'auth', retryable: true });
  });

  it('treats 40001 as a configuration error that is never retried', () => {
    expect(info(40001)).toMatchObject({ category: 'config', retryable: false });
  });

  it('treats 95001 and 95018 as kf rules that a retry cannot fix', () => {
    expect(info(95001)).toMatchObject({ category: 'kf_rule', retryable: false });
    expect(info(95018)).toMatchObject({ category: 'kf_rule', retryable: false });
  });

  it('marks only −1, 40014, 42001, 45009 and 45033 as retryable', () => {
    const retryable = KF_ERROR_CODES.filter((e) => e.retryable).map((e) => e.code);
    expect(retryable).toEqual([-1, 40014, 42001, 45009, 45033]);
  });

  it('puts every crypto library code, and only those, in the crypto category', () => {
    const crypto = KF_ERROR_CODES.filter((e) => e.category === 'crypto').map((e) => e.code);
    expect(crypto.sort(numeric)).toEqual([...DOC_CRYPTO].sort(numeric));
  });
});

describe('code sets for the client', () => {
  it('refreshes the token for 40014 and 42001 only', () => {
    expect([...TOKEN_REFRESH_CODES].sort(numeric)).toEqual([40014, 42001]);
    expect(TOKEN_REFRESH_CODES.has(41001)).toBe(false);
    expect(TOKEN_REFRESH_CODES.has(40082)).toBe(false);
  });

  it('retries with backoff for −1, 45009 and 45033 only', () => {
    expect([...TRANSIENT_ERROR_CODES].sort(numeric)).toEqual([-1, 45009, 45033]);
  });

  it('fails fast on the credential and environment errors', () => {
    expect([...CONFIG_ERROR_CODES].sort(numeric)).toEqual([
      40001, 40013, 40091, 41002, 41004, 60020, 95011, 95012,
    ]);
    for (const code of CONFIG_ERROR_CODES) expect(info(code).retryable).toBe(false);
  });
});

describe('hints', () => {
  it('95018 names the sendable states, the blocking ones, service_state/get, send_msg_on_event and 48 h', () => {
    const { hint } = info(95018);
    expect(hint).toMatch(/state 0 \(未处理\) or 1 \(由智能助手接待\)/);
    expect(hint).toMatch(/2 \(待接入池排队中\), 3 \(由人工接待\) and 4 \(已结束\/未开始\)/);
    expect(hint).toContain('service_state/get');
    expect(hint).toContain('send_msg_on_event');
    expect(hint).toContain('msg_code');
    expect(hint).toContain('48 h');
  });

  it('95001 gives the 5-message quota, its reset and says to hold back', () => {
    const { hint } = info(95001);
    expect(hint).toContain('5 messages');
    expect(hint).toMatch(/resets when the customer sends again/);
    expect(hint).toMatch(/hold back/i);
  });

  it('95002 gives the 48 h window and says to wait for the customer', () => {
    const { hint } = info(95002);
    expect(hint).toContain('48 h');
    expect(hint).toMatch(/wait for the customer to write again/i);
  });

  it('95016 lists the allowed transitions and the state table', () => {
    const { hint } = info(95016);
    for (const t of ['0 → 1/2/3', '1 → 2/3', '2 → 3', '3 → 3', 'or 4', 'nothing out of 4']) {
      expect(hint).toContain(t);
    }
    for (const s of ['0 未处理', '1 由智能助手接待', '2 待接入池排队中', '3 由人工接待', '4 已结束/未开始']) {
      expect(hint).toContain(s);
    }
  });

  it('40014 and 42001 say to drop the token, call gettoken and replay once', () => {
    for (const code of [40014, 42001]) {
      const { hint } = info(code);
      expect(hint).toMatch(/drop the cached access_token/i);
      expect(hint).toContain('gettoken');
      expect(hint).toMatch(/replay the call once/);
    }
  });

  it('configuration hints name the credential, where to find it, and forbid retrying', () => {
    for (const code of [40001, 40091, 41004]) {
      const { hint } = info(code);
      expect(hint, `${code}`).toContain('应用管理');
      expect(hint, `${code}`).toContain('可调用接口的应用');
      expect(hint, `${code}`).toMatch(/never retry/i);
    }
    for (const code of [40001, 40013, 40091, 41002]) expect(info(code).hint, `${code}`).toContain('我的企业');
    for (const code of [40013, 41002]) expect(info(code).hint, `${code}`).toMatch(/never retry/i);
  });

  it('41001 says the token belongs in the query string, not the body', () => {
    const { hint } = info(41001);
    expect(hint).toContain('?access_token=');
    expect(hint).toMatch(/not in the JSON body/);
  });

  it('45009 and 45033 say to back off; 45009 gives the window rule and the sync_msg token', () => {
    expect(info(45009).hint).toMatch(/back off/i);
    expect(info(45009).hint).toContain('minute-level → 60 s, hour-level → 60 min');
    expect(info(45009).hint).toMatch(/sync_msg pass the callback `token`/);
    expect(info(45033).hint).toMatch(/backoff/i);
  });

  it('parameter error hints name their causes', () => {
    expect(info(40058).hint).toMatch(/valid JSON/);
    expect(info(40058).hint).toMatch(/exceeds its byte\/length limit/);
    expect(info(40058).hint).toMatch(/required fields/);
    expect(info(40058).hint).toMatch(/called with GET/);
    expect(info(40063).hint).toMatch(/HTTP method/);
    expect(info(40035).hint).toMatch(/wrong type/);
  });

  it('95007 names the codes, their validity and single use', () => {
    const { hint } = info(95007);
    for (const word of [
      'welcome_code',
      'msg_code',
      'single-use',
      '20 s',
      '48 h',
      'expired',
      'already used',
    ]) {
      expect(hint).toContain(word);
    }
  });

  it('60020 points at the trusted IP list', () => {
    expect(info(60020).hint).toContain('企业可信IP');
  });
});

describe('KF_CREDENTIAL_CODES', () => {
  it('names the credential of every configuration code, and of nothing else', () => {
    expect([...KF_CREDENTIAL_CODES.keys()].sort(numeric)).toEqual([...CONFIG_ERROR_CODES].sort(numeric));
    expect(Object.fromEntries(KF_CREDENTIAL_CODES)).toEqual({
      40001: 'secret',
      40091: 'secret',
      41004: 'secret',
      40013: 'corpId',
      41002: 'corpId',
      60020: 'callerIp',
      95011: 'kfMode',
      95012: 'kfMode',
    });
  });
});
