import { describe, expect, it } from 'vitest';
import { startAppServer } from '../__fixtures__/app-server.js';
import { start } from '../server.js';

type Json = Record<string, unknown> & { errcode: number };

describe('apps through the seed file and the control API', () => {
  it('creates apps and managing apps from a setup, and changes them over HTTP', async () => {
    const server = await start({
      setup: {
        corpVerified: false,
        wechatChannelsBinding: true,
        apps: [{ name: 'crm', secret: 'crm-secret' }],
        accounts: [{ name: '售后', managedBy: ['crm'] }, { name: '售前' }],
      },
    });
    try {
      const { corpId } = server.mock.credentials;
      const got = (await (
        await fetch(`${server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=crm-secret`)
      ).json()) as Json;
      const list = async () =>
        (await (
          await fetch(`${server.url}/cgi-bin/kf/account/list?access_token=${got.access_token}`)
        ).json()) as Json;
      const qualification = (await (
        await fetch(`${server.url}/cgi-bin/kf/get_corp_qualification?access_token=${got.access_token}`)
      ).json()) as Json;
      expect(qualification.wechat_channels_binding).toBe(true);
      expect((await list()).account_list).toEqual([
        expect.objectContaining({ name: '售后', manage_privilege: true }),
        expect.objectContaining({ name: '售前', manage_privilege: false }),
      ]);
      const [, second] = server.setup.accounts;
      const control = (path: string, body: unknown) =>
        fetch(`${server.url}/__kf_mock${path}`, { method: 'POST', body: JSON.stringify(body) });
      expect(
        (await control('/apps/accounts', { app: 'crm', open_kfid: second?.open_kfid, managed: true })).status,
      ).toBe(200);
      expect(
        ((await list()).account_list as { manage_privilege: boolean }[]).every((a) => a.manage_privilege),
      ).toBe(true);
      expect((await control('/apps/access', { name: 'crm', kfApi: false })).status).toBe(200);
      expect((await list()).errcode).toBe(48002);
      expect((await control('/apps', { name: 'erp', secret: 'erp-secret' })).status).toBe(200);
      expect((await control('/corp-verified', { verified: false })).status).toBe(200);
      expect((await control('/corp-verified', { verified: 'no' })).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});

describe('visible ranges and third-party apps through the seed file and the control API', () => {
  it('reads visible ranges from a setup and changes them over HTTP (60011 outside)', async () => {
    const server = await start({
      setup: {
        members: [{ userid: 'zhangsan' }, { userid: 'lisi', departments: [3] }],
        apps: [{ name: 'crm', secret: 'crm-secret', visibleRange: { userids: ['zhangsan'] } }],
        accounts: [{ name: '售后', managedBy: ['crm'] }],
      },
    });
    try {
      const { corpId } = server.mock.credentials;
      const got = (await (
        await fetch(`${server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=crm-secret`)
      ).json()) as Json;
      const open_kfid = server.setup.accounts[0]?.open_kfid;
      const add = async (userid: string) => {
        const url = `${server.url}/cgi-bin/kf/servicer/add?access_token=${got.access_token}`;
        const body = JSON.stringify({ open_kfid, userid_list: [userid] });
        const answer = (await (await fetch(url, { method: 'POST', body })).json()) as Json;
        return (answer.result_list as Json[])[0]?.errcode;
      };
      const control = (path: string, body: unknown) =>
        fetch(`${server.url}/__kf_mock${path}`, { method: 'POST', body: JSON.stringify(body) });
      expect(await add('lisi')).toBe(60011);
      expect(await add('zhangsan')).toBe(0);
      const widened = await control('/apps/visible-range', {
        name: 'crm',
        visibleRange: { department_ids: [3] },
      });
      expect(widened.status).toBe(200);
      expect(await add('lisi')).toBe(0);
      expect((await control('/apps/visible-range', { name: 'crm', visibleRange: null })).status).toBe(200);
      expect(
        (await control('/apps/visible-range', { name: 'crm', visibleRange: { userid: ['x'] } })).status,
      ).toBe(400);
      const created = await control('/apps', {
        name: 'erp',
        secret: 'erp-secret',
        visibleRange: { userids: [] },
      });
      expect(created.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('creates third-party apps, authorizes accounts (kf_account_auth_change) and converts ids over HTTP', async () => {
    const app = await startAppServer();
    const callback = {
      url: app.url,
      token: 'suiteToken',
      encodingAESKey: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq',
    };
    const server = await start({
      setup: {
        thirdPartyApps: [{ name: 'suite', secret: 'suite-secret', callback }],
        accounts: [{ name: '售后', authorizedTo: ['suite'] }, { name: '售前' }],
      },
    });
    try {
      const [first, second] = server.setup.accounts;
      const control = (path: string, body: unknown) =>
        fetch(`${server.url}/__kf_mock${path}`, { method: 'POST', body: JSON.stringify(body) });
      expect(
        (await control('/third-party-apps/accounts', { app: 'suite', add: [second?.open_kfid] })).status,
      ).toBe(200);
      expect((await control('/third-party-apps/accounts', { app: 'nope', add: [] })).status).toBe(400);
      await control('/callbacks/flush', {});
      const { deliveries } = (await (
        await fetch(`${server.url}/__kf_mock/callbacks/app-deliveries`)
      ).json()) as {
        deliveries: { app: string; outcome: string; notification: { AuthAddOpenKfId: string[] } }[];
      };
      expect(deliveries.map((d) => [d.app, d.outcome, d.notification.AuthAddOpenKfId])).toEqual([
        ['suite', 'delivered', [first?.open_kfid]],
        ['suite', 'delivered', [second?.open_kfid]],
      ]);
      expect(app.received).toHaveLength(2);

      const { corpId } = server.mock.credentials;
      const got = (await (
        await fetch(`${server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=suite-secret`)
      ).json()) as Json;
      const converted = (await (
        await fetch(`${server.url}/cgi-bin/idconvert/open_kfid?access_token=${got.access_token}`, {
          method: 'POST',
          body: JSON.stringify({ open_kfid_list: [first?.open_kfid, 'wkUnknown'] }),
        })
      ).json()) as Json;
      expect(converted).toMatchObject({
        errcode: 0,
        items: [{ open_kfid: first?.open_kfid, new_open_kfid: first?.open_kfid }],
        invalid_open_kfid_list: ['wkUnknown'],
      });
      expect(
        (
          await control('/third-party-apps', {
            name: 'other',
            secret: 'other-secret',
            callback: { url: 'x' },
          })
        ).status,
      ).toBe(400);
    } finally {
      await server.close();
      await app.close();
    }
  });
});
