import { describe, expect, it } from 'vitest';
import { useKfMock } from '../__fixtures__/harness.js';
import { DAY } from '../clock.js';

const api = useKfMock();

function avatar(): string {
  return api.mock.scenario.createMedia({ type: 'image', bytes: 'jpeg bytes' });
}

describe('account/add', () => {
  it('creates an account that account/list returns with manage_privilege', async () => {
    const media_id = avatar();
    const added = await api.call('account.add', { name: '新建的客服账号', media_id });
    expect(added).toMatchObject({ errcode: 0, errmsg: 'ok', open_kfid: expect.stringMatching(/^wk/) });
    const list = await api.call('account.list', {});
    expect(list.account_list).toEqual([
      {
        open_kfid: added.open_kfid,
        name: '新建的客服账号',
        avatar: expect.stringContaining('https://'),
        manage_privilege: true,
      },
    ]);
  });

  it('accepts a 16-character name and answers 95006 for 17 characters or an empty name', async () => {
    const media_id = avatar();
    expect((await api.call('account.add', { name: '一'.repeat(16), media_id })).errcode).toBe(0);
    expect((await api.call('account.add', { name: '一'.repeat(17), media_id })).errcode).toBe(95006);
    expect((await api.call('account.add', { name: '', media_id })).errcode).toBe(95006);
  });

  it('answers 40007 for an unknown media_id, a non-image and an expired one', async () => {
    expect((await api.call('account.add', { name: 'a', media_id: 'nope' })).errcode).toBe(40007);
    const file = api.mock.scenario.createMedia({ type: 'file' });
    expect((await api.call('account.add', { name: 'a', media_id: file })).errcode).toBe(40007);
    const image = avatar();
    api.mock.clock.advance(3 * DAY);
    expect((await api.call('account.add', { name: 'a', media_id: image })).errcode).toBe(40007);
  });
});

describe('account limits', () => {
  it('creates up to maxAccounts and answers 95005 beyond', async () => {
    const limited = api;
    api.recreate({ maxAccounts: 2 });
    const media_id = limited.mock.scenario.createMedia({ type: 'image' });
    expect((await limited.call('account.add', { name: 'a', media_id })).errcode).toBe(0);
    expect((await limited.call('account.add', { name: 'b', media_id })).errcode).toBe(0);
    expect((await limited.call('account.add', { name: 'c', media_id })).errcode).toBe(95005);
  });
});

describe('unverified corp', () => {
  it('creates 10 accounts and answers 95027 for the 11th', async () => {
    const unverified = api;
    api.recreate({ corpVerified: false });
    const media_id = unverified.mock.scenario.createMedia({ type: 'image' });
    for (let i = 0; i < 10; i++) {
      expect((await unverified.call('account.add', { name: `a${i}`, media_id })).errcode).toBe(0);
    }
    expect((await unverified.call('account.add', { name: 'a10', media_id })).errcode).toBe(95027);
  });
});

describe('account/del and account/update', () => {
  it('deletes an account; later calls naming it answer 95004', async () => {
    const open_kfid = api.mock.scenario.createAccount();
    expect((await api.call('account.del', { open_kfid })).errcode).toBe(0);
    expect((await api.call('account.del', { open_kfid })).errcode).toBe(95004);
    expect((await api.call('account.update', { open_kfid, name: 'x' })).errcode).toBe(95004);
    expect((await api.call('addContactWay', { open_kfid })).errcode).toBe(95004);
    expect((await api.call('account.list', {})).account_list).toEqual([]);
  });

  it('answers 95000 for an open_kfid over 64 bytes and 95004 for an unknown one', async () => {
    expect((await api.call('account.del', { open_kfid: 'w'.repeat(65) })).errcode).toBe(95000);
    expect((await api.call('account.del', { open_kfid: 'wkunknown' })).errcode).toBe(95004);
  });

  it('renames and keeps the avatar when media_id is omitted', async () => {
    const open_kfid = api.mock.scenario.createAccount({ name: 'old' });
    const before = api.mock.world.accounts()[0]?.media_id;
    expect((await api.call('account.update', { open_kfid, name: 'new' })).errcode).toBe(0);
    expect(api.mock.world.accounts()[0]).toMatchObject({ name: 'new', media_id: before });
  });

  it('changes the avatar only to a valid image', async () => {
    const open_kfid = api.mock.scenario.createAccount({ name: 'same' });
    expect((await api.call('account.update', { open_kfid, media_id: 'bad' })).errcode).toBe(40007);
    const media_id = avatar();
    expect((await api.call('account.update', { open_kfid, media_id })).errcode).toBe(0);
    expect(api.mock.world.accounts()[0]).toMatchObject({ name: 'same', media_id });
  });
});

describe('account/list paging', () => {
  it('pages with offset and limit (1–100)', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => api.mock.scenario.createAccount({ name: `a${i}` }));
    const page = await api.call('account.list', { offset: 3, limit: 2 });
    expect((page.account_list as { open_kfid: string }[]).map((a) => a.open_kfid)).toEqual(ids.slice(3));
    expect((await api.call('account.list', { limit: 100 })).errcode).toBe(0);
    expect((await api.call('account.list', { limit: 101 })).errcode).toBe(40058);
    expect((await api.call('account.list', { limit: 0 })).errcode).toBe(40058);
  });
});

describe('add_contact_way', () => {
  it('returns a work.weixin.qq.com link with enc_scene, stable per scene', async () => {
    const open_kfid = api.mock.scenario.createAccount();
    const first = await api.call('addContactWay', { open_kfid, scene: 'promo_1' });
    const again = await api.call('addContactWay', { open_kfid, scene: 'promo_1' });
    const other = await api.call('addContactWay', { open_kfid, scene: 'promo-2' });
    expect(first.url).toMatch(/^https:\/\/work\.weixin\.qq\.com\/kf\/kfc[0-9a-f]{16}\?enc_scene=ENC\w+$/);
    expect(again.url).toBe(first.url);
    expect(other.url).not.toBe(first.url);
  });

  it('accepts a 32-byte scene and answers 40058 for 33 bytes or other characters', async () => {
    const open_kfid = api.mock.scenario.createAccount();
    expect((await api.call('addContactWay', { open_kfid, scene: 'a'.repeat(32) })).errcode).toBe(0);
    expect((await api.call('addContactWay', { open_kfid, scene: 'a'.repeat(33) })).errcode).toBe(40058);
    expect((await api.call('addContactWay', { open_kfid, scene: 'a b' })).errcode).toBe(40058);
  });
});
