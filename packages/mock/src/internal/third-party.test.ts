import { KfCallbackCrypto } from '@kf/crypto';
import { KfAccountAuthChangeCallback, KfErrorCode } from '@kf/types';
import * as wecom from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import { useAppServer } from '../__fixtures__/app-server.js';
import { type Json, useKfMock } from '../__fixtures__/harness.js';

const TOKEN = 'suiteToken42';
const KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq';
const CORP_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

const api = useKfMock();
const app = useAppServer();

function suite(): void {
  api.mock.scenario.createThirdPartyApp({
    name: 'suite',
    secret: 'suite-secret',
    callback: { url: app.url, token: TOKEN, encodingAESKey: KEY },
  });
}

describe('third-party apps: kf_account_auth_change', () => {
  it("POSTs the change to the app's own URL, encrypted with its own keys (F-65)", async () => {
    suite();
    const first = api.mock.scenario.createAccount({ name: '售后' });
    const second = api.mock.scenario.createAccount({ name: '售前' });
    api.mock.scenario.authorizeAccounts({ app: 'suite', add: [first, second] });
    await api.mock.callbacks.flush();

    expect(app.received).toHaveLength(1);
    const [post] = app.received;
    if (post === undefined) throw new Error('no POST');
    const { msg_signature, timestamp, nonce } = Object.fromEntries(post.url.searchParams);
    const encrypt = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(post.body)?.[1] ?? '';
    expect(wecom.getSignature(TOKEN, timestamp ?? '', nonce ?? '', encrypt)).toBe(msg_signature);
    // The app's key opens it, the corp's callback key does not.
    expect(wecom.decrypt(KEY, encrypt).id).toBe(api.mock.credentials.corpId);
    let openedWithCorpKey = '';
    try {
      openedWithCorpKey = wecom.decrypt(CORP_KEY, encrypt).message;
    } catch {
      // A wrong key usually breaks the padding: nothing opened.
    }
    expect(openedWithCorpKey).not.toContain('kf_account_auth_change');
    const ours = new KfCallbackCrypto({
      token: TOKEN,
      encodingAESKey: KEY,
      receiveId: api.mock.credentials.corpId,
    });
    const { fields } = ours.decryptCallback(post.url.searchParams, post.body);
    expect(KfAccountAuthChangeCallback.parse(fields)).toEqual({
      ToUserName: api.mock.credentials.corpId,
      FromUserName: 'sys',
      CreateTime: Math.floor(api.mock.clock.now() / 1000),
      MsgType: 'event',
      Event: 'kf_account_auth_change',
      AuthAddOpenKfId: [first, second],
      AuthDelOpenKfId: [],
    });
    expect(api.mock.callbacks.appDeliveries()).toEqual([
      expect.objectContaining({
        id: 1,
        app: 'suite',
        outcome: 'delivered',
        attempts: [{ status: 200 }],
        notification: expect.objectContaining({ AuthAddOpenKfId: [first, second], AuthDelOpenKfId: [] }),
      }),
    ]);
    // The corp's own callback records are untouched.
    expect(api.mock.callbacks.deliveries()).toEqual([]);
  });

  it('announces a removal, leaves unchanged accounts out, and sends nothing when nothing changed', async () => {
    suite();
    const first = api.mock.scenario.createAccount();
    const second = api.mock.scenario.createAccount();
    api.mock.scenario.authorizeAccounts({ app: 'suite', add: [first] });
    api.mock.scenario.authorizeAccounts({ app: 'suite', add: [first] });
    api.mock.scenario.authorizeAccounts({ app: 'suite', add: [second], del: [first] });
    await api.mock.callbacks.flush();
    expect(
      api.mock.callbacks
        .appDeliveries()
        .map((d) => [d.notification.AuthAddOpenKfId, d.notification.AuthDelOpenKfId]),
    ).toEqual([
      [[first], []],
      [[second], [first]],
    ]);
    expect(app.received).toHaveLength(2);
  });

  it('retries a failed POST as for the corp callbacks', async () => {
    app.respond((_, index) => ({ status: index === 0 ? 500 : 200 }));
    suite();
    api.mock.scenario.authorizeAccounts({ app: 'suite', add: [api.mock.scenario.createAccount()] });
    await api.mock.callbacks.flush();
    expect(api.mock.callbacks.appDeliveries()[0]).toMatchObject({
      outcome: 'delivered',
      attempts: [{ status: 500, error: 'HTTP 500' }, { status: 200 }],
    });
  });

  it('refuses bad steps: a self-built app, an unknown account, a bad callback', () => {
    const { scenario } = api.mock;
    scenario.createApp({ name: 'crm', secret: 'crm-secret' });
    const open_kfid = scenario.createAccount();
    expect(() => scenario.authorizeAccounts({ app: 'crm', add: [open_kfid] })).toThrow(
      /not a third-party app/,
    );
    suite();
    expect(() => scenario.authorizeAccounts({ app: 'suite', add: ['wkNope'] })).toThrow(/95004/);
    expect(() => scenario.setAccountManaged({ app: 'suite', open_kfid, managed: true })).toThrow(
      /authorizeAccounts/,
    );
    expect(() =>
      scenario.createThirdPartyApp({
        name: 'other',
        secret: 'other-secret',
        callback: { url: app.url, token: TOKEN, encodingAESKey: 'short' },
      }),
    ).toThrow(/43 characters/);
  });
});

describe('third-party apps: the API', () => {
  it('gets a token with its own secret and manages only the accounts authorized to it (48007)', async () => {
    suite();
    const open_kfid = api.mock.scenario.createAccount();
    const token = await api.tokenOf('suite-secret');
    expect((await api.call('account.update', { open_kfid, name: '改名' }, { token })).errcode).toBe(
      KfErrorCode.KfAccountNotAuthorized,
    );
    api.mock.scenario.authorizeAccounts({ app: 'suite', add: [open_kfid] });
    expect((await api.call('account.update', { open_kfid, name: '改名' }, { token })).errcode).toBe(0);
    api.mock.scenario.authorizeAccounts({ app: 'suite', del: [open_kfid] });
    expect((await api.call('account.update', { open_kfid, name: '再改' }, { token })).errcode).toBe(
      KfErrorCode.KfAccountNotAuthorized,
    );
  });

  it('answers 48002 from the knowledge base (third-party and 代开发 apps: 暂不支持)', async () => {
    suite();
    const token = await api.tokenOf('suite-secret');
    expect((await api.call('knowledge.listGroup', {}, { token })).errcode).toBe(KfErrorCode.ApiForbidden);
    expect((await api.call('knowledge.listGroup', {})).errcode).toBe(0);
  });

  it('converts authorized accounts in idconvert/open_kfid; the rest are invalid', async () => {
    suite();
    const { scenario } = api.mock;
    const authorized = scenario.createAccount();
    const other = scenario.createAccount();
    const gone = scenario.createAccount();
    scenario.authorizeAccounts({ app: 'suite', add: [authorized, gone] });
    await api.call('account.del', { open_kfid: gone });
    const token = await api.tokenOf('suite-secret');
    const converted = await api.call(
      'idconvert.openKfid',
      { open_kfid_list: [authorized, other, gone, 'wkUnknown', authorized] },
      { token },
    );
    expect(converted).toMatchObject({
      errcode: 0,
      items: [{ open_kfid: authorized, new_open_kfid: authorized }],
      invalid_open_kfid_list: [other, gone, 'wkUnknown'],
    });
  });

  it('answers 48002 to idconvert/open_kfid with a self-built app token, and refuses an empty list', async () => {
    suite();
    const open_kfid = api.mock.scenario.createAccount();
    expect((await api.call('idconvert.openKfid', { open_kfid_list: [open_kfid] })).errcode).toBe(
      KfErrorCode.ApiForbidden,
    );
    const token = await api.tokenOf('suite-secret');
    expect((await api.call('idconvert.openKfid', { open_kfid_list: [] }, { token })).errcode).toBe(40058);
  });

  it("applies the app's visible range as for self-built apps", async () => {
    api.mock.scenario.createThirdPartyApp({
      name: 'suite',
      secret: 'suite-secret',
      visibleRange: { userids: [] },
    });
    api.mock.scenario.createMember({ userid: 'lisi' });
    const open_kfid = api.mock.scenario.createAccount();
    api.mock.scenario.authorizeAccounts({ app: 'suite', add: [open_kfid] });
    const token = await api.tokenOf('suite-secret');
    const added = await api.call('servicer.add', { open_kfid, userid_list: ['lisi'] }, { token });
    expect((added.result_list as Json[])[0]?.errcode).toBe(KfErrorCode.TargetOutOfPermission);
  });
});
