import { describe, expect, it } from 'vitest';
import { type Json, useKfMock } from '../__fixtures__/harness.js';

const api = useKfMock();

describe('apps and the accounts they manage', () => {
  it('gives each app its own token; an unknown secret is 40001', async () => {
    api.mock.scenario.createApp({ name: 'crm', secret: 'crm-secret' });
    const crm = await api.tokenOf('crm-secret');
    expect(crm).not.toBe(await api.token());
    const { corpId } = api.mock.credentials;
    const wrong = (await (
      await api.raw(`/cgi-bin/gettoken?corpid=${corpId}&corpsecret=nope`)
    ).json()) as Json;
    expect(wrong.errcode).toBe(40001);
  });

  it('tells each app its manage_privilege in account/list', async () => {
    const { scenario } = api.mock;
    scenario.createApp({ name: 'crm', secret: 'crm-secret' });
    const mine = scenario.createAccount({ name: '售后' });
    scenario.createAccount({ name: '售前' });
    scenario.setAccountManaged({ app: 'crm', open_kfid: mine, managed: true });
    const list = await api.call('account.list', {}, { token: await api.tokenOf('crm-secret') });
    expect(
      (list.account_list as { name: string; manage_privilege: boolean }[]).map((a) => [
        a.name,
        a.manage_privilege,
      ]),
    ).toEqual([
      ['售后', true],
      ['售前', false],
    ]);
    const byDefault = await api.call('account.list');
    expect((byDefault.account_list as { manage_privilege: boolean }[]).every((a) => a.manage_privilege)).toBe(
      true,
    );
  });

  it('answers 48007 to management calls on an account the app does not manage, until it is assigned', async () => {
    const { scenario } = api.mock;
    scenario.createApp({ name: 'crm', secret: 'crm-secret' });
    const open_kfid = scenario.createAccount();
    const token = await api.tokenOf('crm-secret');
    expect((await api.call('syncMsg', { open_kfid }, { token })).errcode).toBe(48007);
    expect((await api.call('account.update', { open_kfid, name: 'x' }, { token })).errcode).toBe(48007);
    // Basic information stays readable.
    expect((await api.call('addContactWay', { open_kfid }, { token })).errcode).toBe(0);
    scenario.setAccountManaged({ app: 'crm', open_kfid, managed: true });
    expect((await api.call('account.update', { open_kfid, name: 'x' }, { token })).errcode).toBe(0);
    scenario.setAccountManaged({ app: 'crm', open_kfid, managed: false });
    expect((await api.call('account.update', { open_kfid, name: 'y' }, { token })).errcode).toBe(48007);
  });

  it('lets an app manage the accounts it creates; account/add needs one managed account first (48002)', async () => {
    const { scenario } = api.mock;
    scenario.createApp({ name: 'crm', secret: 'crm-secret' });
    const token = await api.tokenOf('crm-secret');
    const media_id = scenario.createMedia({ type: 'image' });
    expect((await api.call('account.add', { name: '新', media_id }, { token })).errcode).toBe(48002);
    scenario.setAccountManaged({ app: 'crm', open_kfid: scenario.createAccount(), managed: true });
    const added = await api.call('account.add', { name: '新', media_id }, { token });
    expect(added.errcode).toBe(0);
    const open_kfid = String(added.open_kfid);
    expect((await api.call('account.update', { open_kfid, name: '改' }, { token })).errcode).toBe(0);
  });

  it('answers 48002 when the app is not allowed to call the kf API, 95017 when its API switch is off', async () => {
    const { scenario } = api.mock;
    scenario.createApp({ name: 'crm', secret: 'crm-secret', kfApi: false });
    const token = await api.tokenOf('crm-secret');
    expect((await api.call('account.list', {}, { token })).errcode).toBe(48002);
    scenario.setAppAccess('crm', { kfApi: true, apiSwitch: false });
    expect((await api.call('account.list', {}, { token })).errcode).toBe(95017);
    scenario.setAppAccess('crm', { apiSwitch: true });
    expect((await api.call('account.list', {}, { token })).errcode).toBe(0);
  });

  it('refuses scenario steps that cannot happen', () => {
    const { scenario } = api.mock;
    scenario.createApp({ name: 'crm', secret: 'crm-secret' });
    expect(() => scenario.createApp({ name: 'crm', secret: 'other' })).toThrow(/exists/);
    expect(() => scenario.createApp({ name: 'erp', secret: 'crm-secret' })).toThrow(/secret/);
    const open_kfid = scenario.createAccount();
    expect(() => scenario.setAccountManaged({ app: 'default', open_kfid, managed: false })).toThrow(
      /every account/,
    );
    expect(() => scenario.setAccountManaged({ app: 'nope', open_kfid, managed: true })).toThrow(/no app/);
  });
});
