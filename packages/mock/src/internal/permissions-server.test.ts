import { describe, expect, it } from 'vitest';
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
