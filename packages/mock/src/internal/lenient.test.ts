import { describe, expect, it } from 'vitest';
import { text, useKfMock } from '../__fixtures__/harness.js';

const api = useKfMock();

/** The warnings recorded on the latest call. */
function lastWarnings(): readonly string[] | undefined {
  return api.mock.world.calls().at(-1)?.warnings;
}

const conversation = () => api.conversation({ servicers: ['zhangsan'] });

describe('requests read as the platform reads them (the default)', () => {
  it('reads an empty cursor and token of sync_msg as absent', async () => {
    const ids = conversation();
    api.mock.scenario.customerSends({ ...ids, message: text('你好') });
    const body = await api.call('syncMsg', { open_kfid: ids.open_kfid, cursor: '', token: '', limit: 0 });
    expect(body.errcode).toBe(0);
    expect(body.msg_list).toHaveLength(1);
    expect(lastWarnings()).toEqual([
      'empty "cursor" read as absent',
      'empty "token" read as absent',
      '"limit": 0 read as the default',
    ]);
  });

  it('keeps the name and avatar of account/update when they are sent empty ("omit to keep")', async () => {
    const open_kfid = api.mock.scenario.createAccount({ name: '售后' });
    const body = await api.call('account.update', { open_kfid, name: '', media_id: '' });
    expect(body.errcode).toBe(0);
    expect(api.mock.world.accounts()[0]?.name).toBe('售后');
  });

  it('reads a null department_id_list of servicer/add as absent', async () => {
    const open_kfid = api.mock.scenario.createAccount();
    api.mock.scenario.createMember({ userid: 'lisi' });
    const body = await api.call('servicer.add', {
      open_kfid,
      userid_list: ['lisi'],
      department_id_list: null,
    });
    expect(body.errcode).toBe(0);
    expect(lastWarnings()).toEqual(['null "department_id_list" read as absent']);
  });

  it('ignores the fields go-workwx adds to send_msg_on_event and generates an id for msgid ""', async () => {
    const ids = conversation();
    const code = api.mock.scenario.enterSession(ids)?.welcome_code;
    const body = await api.call('sendMsgOnEvent', {
      touser: '',
      toparty: '',
      totag: '',
      agentid: 0,
      safe: 0,
      code,
      msgid: '',
      ...text('欢迎'),
    });
    expect(body.errcode).toBe(0);
    expect(body.msgid).toEqual(expect.any(String));
    expect(body.msgid).not.toBe('');
    expect(lastWarnings()).toEqual([
      'ignored unknown field "touser"',
      'ignored unknown field "toparty"',
      'ignored unknown field "totag"',
      'ignored unknown field "agentid"',
      'ignored unknown field "safe"',
      'empty "msgid" read as absent',
    ]);
  });

  it('lists every group for group_id "" instead of filtering by the empty id', async () => {
    await api.call('knowledge.addGroup', { name: 'g' });
    const body = await api.call('knowledge.listGroup', { cursor: '', limit: 0, group_id: '' });
    expect(body.errcode).toBe(0);
    expect(body.group_list).toHaveLength(2);
  });

  it('warns about a nested unknown field by its path', async () => {
    const ids = conversation();
    api.mock.scenario.customerSends({ ...ids, message: text('你好') });
    const body = await api.call('sendMsg', {
      touser: ids.external_userid,
      open_kfid: ids.open_kfid,
      msgtype: 'text',
      text: { content: 'hi', mentioned_list: null },
    });
    expect(body.errcode).toBe(0);
    expect(lastWarnings()).toEqual(['ignored unknown field "text.mentioned_list"']);
  });

  it('reads a body of null (a Go nil map) or [] (an empty PHP array) as no fields', async () => {
    const token = await api.token();
    for (const body of ['null', '[]']) {
      const response = await api.raw(`/cgi-bin/kf/account/list?access_token=${token}`, {
        method: 'POST',
        body,
      });
      expect(((await response.json()) as { errcode: number }).errcode).toBe(0);
      expect(lastWarnings()).toEqual([`body ${body} read as {}`]);
    }
  });

  it('records no warnings for a clean request', async () => {
    await api.call('account.list', { offset: 0, limit: 10 });
    expect(api.mock.world.calls().at(-1)).not.toHaveProperty('warnings');
  });
});

describe('what stays refused without strictRequests', () => {
  it('refuses an empty required touser (40063) and open_kfid (95000)', async () => {
    const ids = conversation();
    api.mock.scenario.customerSends({ ...ids, message: text('你好') });
    expect((await api.call('sendMsg', { touser: '', open_kfid: ids.open_kfid, ...text('a') })).errcode).toBe(
      40063,
    );
    expect((await api.call('syncMsg', { open_kfid: '' })).errcode).toBe(95000);
  });

  it('refuses a wrong type (40058) and a documented limit (45002 for an over-long text)', async () => {
    const ids = conversation();
    api.mock.scenario.customerSends({ ...ids, message: text('你好') });
    expect((await api.call('syncMsg', { open_kfid: ids.open_kfid, limit: '10' })).errcode).toBe(40058);
    const long = 'a'.repeat(2049);
    const body = await api.call('sendMsg', {
      touser: ids.external_userid,
      open_kfid: ids.open_kfid,
      ...text(long),
    });
    expect(body.errcode).toBe(45002);
  });

  it('refuses limit 0 where the docs give a range from 1 (account/list, 1–100)', async () => {
    expect((await api.call('account.list', { limit: 0 })).errcode).toBe(40058);
  });

  it('refuses servicer_userid "" when status 3 needs a servicer (40063)', async () => {
    const ids = conversation();
    api.mock.scenario.customerSends({ ...ids, message: text('你好') });
    const body = await api.call('serviceState.trans', { ...ids, service_state: 3, servicer_userid: '' });
    expect(body.errcode).toBe(40063);
  });
});

describe('strictRequests', () => {
  it('refuses every shape the default tolerates, with the schema codes', async () => {
    api.recreate({ strictRequests: true });
    const ids = conversation();
    api.mock.scenario.customerSends({ ...ids, message: text('你好') });
    const codes = [
      (await api.call('syncMsg', { open_kfid: ids.open_kfid, cursor: '' })).errcode,
      (await api.call('syncMsg', { open_kfid: ids.open_kfid, limit: 0 })).errcode,
      (
        await api.call('servicer.add', {
          open_kfid: ids.open_kfid,
          userid_list: ['x'],
          department_id_list: null,
        })
      ).errcode,
      (await api.call('account.list', { offset: 0, agentid: 1 })).errcode,
    ];
    const token = await api.token();
    const empty = await api.raw(`/cgi-bin/kf/account/list?access_token=${token}`, {
      method: 'POST',
      body: '[]',
    });
    codes.push(((await empty.json()) as { errcode: number }).errcode);
    expect(codes).toEqual([40058, 40058, 40058, 40058, 40058]);
    expect(api.mock.world.calls().every((call) => call.warnings === undefined)).toBe(true);
  });
});
