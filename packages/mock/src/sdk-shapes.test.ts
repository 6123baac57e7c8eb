/**
 * Conformance suite: request shapes of real SDKs.
 *
 * Each case is a request as a widely used SDK serialises it (read from the SDK's request structs,
 * JSON tags and defaults; the shape is written here by hand, no SDK code is copied), sent over real
 * HTTP to the standalone server, and the answer the platform gives. Go structs without `omitempty`
 * send `""`, `0` and `null` for what the caller left unset; Go structs nested by value are sent even
 * when empty; Gson's `JsonObject.addProperty(k, null)` writes `null`; PHP's empty array is `[]`.
 *
 * Where an SDK sends what the platform refuses (a required field empty, a wrong type, a limit), the
 * case asserts the refusal: the mock must not accept more than the platform either.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from './clock.js';
import type { KfMockServer } from './server.js';
import { start } from './server.js';

type Json = Record<string, unknown> & { errcode: number; errmsg: string };

let server: KfMockServer;
beforeAll(async () => {
  server = await start();
});
afterAll(async () => {
  await server.close();
});

/** The world every case starts from. */
interface World {
  readonly open_kfid: string;
  readonly external_userid: string;
  readonly avatar: string;
  readonly token: string;
}
let world: World;
let accessToken: string;

beforeEach(async () => {
  const { mock } = server;
  mock.reset();
  const { scenario } = mock;
  const open_kfid = scenario.createAccount({ name: '售后' });
  scenario.addServicer(open_kfid, 'zhangsan');
  scenario.createDepartment(2);
  scenario.createMember({ userid: 'lisi', departments: [2] });
  const external_userid = scenario.createCustomer({ nickname: '张三' });
  scenario.customerSends({
    ...{ open_kfid, external_userid },
    message: { msgtype: 'text', text: { content: '你好' } },
  });
  scenario.configureUpgradeService({ userid_list: ['zhangsan'], chat_id_list: ['wrChat001'] });
  const avatar = scenario.createMedia({ type: 'image', filename: 'a.png' });
  world = { open_kfid, external_userid, avatar, token: mock.world.latestCallbackToken(open_kfid) ?? '' };
  const { corpId, secret } = mock.credentials;
  const answer = await fetchJson(`/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${secret}`);
  accessToken = String(answer.access_token);
});

async function fetchJson(path: string, init?: RequestInit): Promise<Json> {
  const response = await fetch(`${server.url}${path}`, init);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

/** POSTs `body` (an object is JSON-encoded; a string is sent as is) to a kf path. */
function post(path: string, body: unknown, query = ''): Promise<Json> {
  return fetchJson(`/cgi-bin/${path}?access_token=${accessToken}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function get(path: string, query = ''): Promise<Json> {
  return fetchJson(`/cgi-bin/${path}?access_token=${accessToken}${query}`);
}

/** A welcome code: a new customer opens the chat. */
function welcomeCode(): string {
  const { scenario } = server.mock;
  const external_userid = scenario.createCustomer();
  const code = scenario.enterSession({ open_kfid: world.open_kfid, external_userid })?.welcome_code;
  if (code === undefined) throw new Error('no welcome code');
  return code;
}

/** The statistic window of yesterday, as SDKs send it (seconds). */
function yesterday(): { start_time: number; end_time: number } {
  const day = Math.floor((server.mock.clock.now() - DAY) / 1000);
  return { start_time: day, end_time: day };
}

async function defaultGroupId(): Promise<string> {
  const body = await post('kf/knowledge/list_group', {});
  return String((body.group_list as { group_id: string }[])[0]?.group_id);
}

const text = (content: string) => ({ msgtype: 'text', text: { content } });

// ---------------------------------------------------------------------------------------------
// go-workwx (xen0n/go-workwx, models.go / kf.go): plain structs without `omitempty`; GET with a
// query for account/list; nil slices marshal to null. Its send_msg path can never fill `touser`.
// ---------------------------------------------------------------------------------------------
describe('go-workwx', () => {
  it('account/add: reqKfAccountCreate {name, media_id}', async () => {
    expect((await post('kf/account/add', { name: '客服', media_id: world.avatar })).errcode).toBe(0);
  });

  it('account/update: reqKfAccountUpdate sends name "" and media_id "" to keep them', async () => {
    const body = await post('kf/account/update', { open_kfid: world.open_kfid, name: '', media_id: '' });
    expect(body.errcode).toBe(0);
    expect(server.mock.world.accounts()[0]?.name).toBe('售后');
  });

  it('account/list: ListKfAccount is a GET with ?offset=&limit= (urlValuer), and the query is honoured', async () => {
    server.mock.scenario.createAccount({ name: '售前' });
    const body = await get('kf/account/list', '&offset=1&limit=1');
    expect(body.errcode).toBe(0);
    expect((body.account_list as { name: string }[]).map((account) => account.name)).toEqual(['售前']);
  });

  it('account/del: reqKfAccountDelete {open_kfid}', async () => {
    expect((await post('kf/account/del', { open_kfid: world.open_kfid })).errcode).toBe(0);
  });

  it('add_contact_way: reqAddKfContact sends scene "" when the caller has none', async () => {
    const body = await post('kf/add_contact_way', { open_kfid: world.open_kfid, scene: '' });
    expect(body).toMatchObject({
      errcode: 0,
      url: expect.stringContaining('https://work.weixin.qq.com/kf/'),
    });
  });

  it('servicer/add: reqKfServicerCreate with department_id_list null (a nil []int64)', async () => {
    const body = await post('kf/servicer/add', {
      open_kfid: world.open_kfid,
      userid_list: ['lisi'],
      department_id_list: null,
    });
    expect(body.errcode).toBe(0);
    expect(body.result_list).toEqual([expect.objectContaining({ userid: 'lisi', errcode: 0 })]);
  });

  it('servicer/del: reqKfServicerDelete with userid_list null and department ids', async () => {
    await post('kf/servicer/add', { open_kfid: world.open_kfid, department_id_list: [2] });
    const body = await post('kf/servicer/del', {
      open_kfid: world.open_kfid,
      userid_list: null,
      department_id_list: [2],
    });
    expect(body.errcode).toBe(0);
  });

  it('servicer/list: reqKfServicerList as ?open_kfid=', async () => {
    const body = await get('kf/servicer/list', `&open_kfid=${world.open_kfid}`);
    expect(body).toMatchObject({
      errcode: 0,
      servicer_list: [expect.objectContaining({ userid: 'zhangsan' })],
    });
  });

  it('service_state/get: reqKfServiceStateGet', async () => {
    const body = await post('kf/service_state/get', {
      open_kfid: world.open_kfid,
      external_userid: world.external_userid,
    });
    expect(body).toMatchObject({ errcode: 0, service_state: 0 });
  });

  it('service_state/trans: reqKfServiceStateTrans to 2 with servicer_userid ""', async () => {
    const ids = { open_kfid: world.open_kfid, external_userid: world.external_userid };
    const body = await post('kf/service_state/trans', { ...ids, service_state: 2, servicer_userid: '' });
    expect(body.errcode).toBe(0);
  });

  it('service_state/trans: to 4 with servicer_userid ""', async () => {
    const ids = { open_kfid: world.open_kfid, external_userid: world.external_userid };
    const body = await post('kf/service_state/trans', { ...ids, service_state: 4, servicer_userid: '' });
    expect(body.errcode).toBe(0);
  });

  it('sync_msg: reqKfSyncMsg sends cursor "" and token "" on the first pull', async () => {
    const body = await post('kf/sync_msg', {
      open_kfid: world.open_kfid,
      cursor: '',
      token: '',
      limit: 1000,
      voice_format: 0,
    });
    expect(body.errcode).toBe(0);
    expect(body.msg_list).toEqual([expect.objectContaining({ msgtype: 'text' })]);
  });

  it('send_msg: touser "" (go-workwx cannot fill it) is refused as a missing required field (40063)', async () => {
    const body = await post('kf/send_msg', { touser: '', open_kfid: world.open_kfid, ...text('hi') });
    expect(body.errcode).toBe(40063);
  });

  it('send_msg_on_event: the message body with agentid, safe, toparty, totag and touser ""', async () => {
    const body = await post('kf/send_msg_on_event', {
      touser: '',
      toparty: '',
      totag: '',
      agentid: 1000002,
      safe: 0,
      code: welcomeCode(),
      ...text('欢迎'),
    });
    expect(body.errcode).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// silenceper/wechat v2 (work/kf/*.go): structs without `omitempty` (cursor, token, limit, msgid,
// group_id, intent_id, servicer_userid), `limit` 0 for "default", nested structs by value.
// ---------------------------------------------------------------------------------------------
describe('silenceper/wechat', () => {
  it('AccountAdd: AccountAddOptions {name, media_id}', async () => {
    expect((await post('kf/account/add', { name: '客服', media_id: world.avatar })).errcode).toBe(0);
  });

  it('AccountUpdate: a new name with media_id "" keeps the avatar', async () => {
    const body = await post('kf/account/update', {
      open_kfid: world.open_kfid,
      name: '新名字',
      media_id: '',
    });
    expect(body.errcode).toBe(0);
    expect(server.mock.world.accounts()[0]?.name).toBe('新名字');
  });

  it('AccountList: GET without a query lists every account', async () => {
    server.mock.scenario.createAccount({ name: '售前' });
    const body = await get('kf/account/list');
    expect(body.account_list).toHaveLength(2);
  });

  it('AccountPaging: AccountPagingRequest {offset, limit}', async () => {
    const body = await post('kf/account/list', { offset: 0, limit: 100 });
    expect(body).toMatchObject({ errcode: 0, account_list: [expect.objectContaining({ name: '售后' })] });
  });

  it('AccountPaging with the zero value limit 0 is refused: account/list documents 1–100 (40058)', async () => {
    expect((await post('kf/account/list', { offset: 0, limit: 0 })).errcode).toBe(40058);
  });

  it('AddContactWay: scene ""', async () => {
    expect((await post('kf/add_contact_way', { open_kfid: world.open_kfid, scene: '' })).errcode).toBe(0);
  });

  it('ReceptionistAdd / ReceptionistList: userid_list only; list as ?open_kfid=', async () => {
    expect(
      (await post('kf/servicer/add', { open_kfid: world.open_kfid, userid_list: ['lisi'] })).errcode,
    ).toBe(0);
    const body = await get('kf/servicer/list', `&open_kfid=${world.open_kfid}`);
    expect(body.servicer_list).toHaveLength(2);
  });

  it('ServiceStateTrans: servicer_userid "" when moving to the pool', async () => {
    const ids = { open_kfid: world.open_kfid, external_userid: world.external_userid };
    expect(
      (await post('kf/service_state/trans', { ...ids, service_state: 2, servicer_userid: '' })).errcode,
    ).toBe(0);
  });

  it('SyncMsg: SyncMsgOptions {cursor: "", token: "", limit: 0, open_kfid}', async () => {
    const body = await post('kf/sync_msg', { cursor: '', token: '', limit: 0, open_kfid: world.open_kfid });
    expect(body.errcode).toBe(0);
    expect(body.msg_list).toHaveLength(1);
  });

  it('SyncMsg with the callback token', async () => {
    const body = await post('kf/sync_msg', {
      cursor: '',
      token: world.token,
      limit: 0,
      open_kfid: world.open_kfid,
    });
    expect(body.errcode).toBe(0);
  });

  it('SendMsg: sendmsg.Text with msgid "" gets a generated id, twice in a row', async () => {
    const message = { touser: world.external_userid, open_kfid: world.open_kfid, msgid: '', ...text('a') };
    const first = await post('kf/send_msg', message);
    const second = await post('kf/send_msg', message);
    expect([first.errcode, second.errcode]).toEqual([0, 0]);
    expect(first.msgid).not.toBe('');
    expect(first.msgid).not.toBe(second.msgid);
  });

  it('SendMsg: sendmsg.Menu with head_content "" and click items', async () => {
    const body = await post('kf/send_msg', {
      touser: world.external_userid,
      open_kfid: world.open_kfid,
      msgid: '',
      msgtype: 'msgmenu',
      msgmenu: { head_content: '', list: [{ type: 'click', click: { id: '1', content: '人工' } }] },
    });
    expect(body.errcode).toBe(0);
  });

  it('SendMsgOnEvent: {code, msgid: "", msgtype, text}', async () => {
    const body = await post('kf/send_msg_on_event', { code: welcomeCode(), msgid: '', ...text('欢迎') });
    expect(body.errcode).toBe(0);
    expect(body.msgid).not.toBe('');
  });

  it('CustomerBatchGet: {external_userid_list}', async () => {
    const body = await post('kf/customer/batchget', { external_userid_list: [world.external_userid] });
    expect(body).toMatchObject({
      errcode: 0,
      customer_list: [expect.objectContaining({ nickname: '张三' })],
    });
  });

  it('UpgradeService type 1: the empty groupchat struct comes along', async () => {
    const body = await post('kf/customer/upgrade_service', {
      open_kfid: world.open_kfid,
      external_userid: world.external_userid,
      type: 1,
      member: { userid: 'zhangsan', wording: '' },
      groupchat: { chat_id: '', wording: '' },
    });
    expect(body.errcode).toBe(0);
  });

  it('UpgradeServiceCancel: {open_kfid, external_userid}', async () => {
    const ids = { open_kfid: world.open_kfid, external_userid: world.external_userid };
    await post('kf/customer/upgrade_service', { ...ids, type: 2, groupchat: { chat_id: 'wrChat001' } });
    expect((await post('kf/customer/cancel_upgrade_service', ids)).errcode).toBe(0);
  });

  it('GetServicerStatistic: servicer_userid "" for the whole account', async () => {
    const body = await post('kf/get_servicer_statistic', {
      open_kfid: world.open_kfid,
      servicer_userid: '',
      ...yesterday(),
    });
    expect(body.errcode).toBe(0);
  });

  it('GetCorpStatistic: {open_kfid, start_time, end_time}', async () => {
    expect(
      (await post('kf/get_corp_statistic', { open_kfid: world.open_kfid, ...yesterday() })).errcode,
    ).toBe(0);
  });

  it('ListKnowledgeGroup: {cursor: "", limit: 0, group_id: ""} lists every group', async () => {
    await post('kf/knowledge/add_group', { name: '售后' });
    const body = await post('kf/knowledge/list_group', { cursor: '', limit: 0, group_id: '' });
    expect(body.errcode).toBe(0);
    expect(body.group_list).toHaveLength(2);
  });

  it('AddKnowledgeIntent: similar_questions.items null and attachments null', async () => {
    const body = await post('kf/knowledge/add_intent', {
      group_id: await defaultGroupId(),
      question: { text: { content: '怎么退货' } },
      similar_questions: { items: null },
      answers: [{ text: { content: '七天无理由' }, attachments: null }],
    });
    expect(body.errcode).toBe(0);
  });

  it('AddKnowledgeIntent: an image attachment with the empty video, link and miniprogram structs', async () => {
    const body = await post('kf/knowledge/add_intent', {
      group_id: await defaultGroupId(),
      question: { text: { content: '发票' } },
      similar_questions: { items: [{ text: { content: '开票' } }] },
      answers: [
        {
          text: { content: '见图' },
          attachments: [
            {
              msgtype: 'image',
              image: { media_id: world.avatar },
              video: { media_id: '' },
              link: { title: '', picurl: '', desc: '', url: '' },
              miniprogram: { title: '', thumb_media_id: '', appid: '', pagepath: '' },
            },
          ],
        },
      ],
    });
    expect(body.errcode).toBe(0);
  });

  it('AddKnowledgeIntent: a link attachment spelled picurl is stored without a cover (picurl ignored)', async () => {
    const link = {
      title: '退货指南',
      picurl: 'https://example.com/a.png',
      desc: '',
      url: 'https://example.com',
    };
    const added = await post('kf/knowledge/add_intent', {
      group_id: await defaultGroupId(),
      question: { text: { content: '退货流程' } },
      similar_questions: { items: null },
      answers: [{ text: { content: '见链接' }, attachments: [{ msgtype: 'link', link }] }],
    });
    expect(added.errcode).toBe(0);
    const listed = await post('kf/knowledge/list_intent', {
      cursor: '',
      limit: 0,
      group_id: '',
      intent_id: '',
    });
    const answers = (listed.intent_list as { answers: { attachments?: unknown[] }[] }[])[0]?.answers;
    expect(answers?.[0]?.attachments).toEqual([
      { msgtype: 'link', link: { title: '退货指南', url: 'https://example.com' } },
    ]);
  });

  it('ListKnowledgeIntent: {cursor: "", limit: 0, group_id: "", intent_id: ""} lists everything', async () => {
    await post('kf/knowledge/add_intent', {
      group_id: await defaultGroupId(),
      question: { text: { content: 'q' } },
      answers: [{ text: { content: 'a' } }],
    });
    const body = await post('kf/knowledge/list_intent', {
      cursor: '',
      limit: 0,
      group_id: '',
      intent_id: '',
    });
    expect(body.errcode).toBe(0);
    expect(body.intent_list).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// ArtisanCloud/PowerWeChat (src/work/accountService): object.HashMap bodies with every key the
// method takes; request structs whose nested message structs are values (sent even when empty).
// ---------------------------------------------------------------------------------------------
describe('PowerWeChat', () => {
  it('account Add: HashMap {name, media_id}', async () => {
    expect((await post('kf/account/add', { name: '客服', media_id: world.avatar })).errcode).toBe(0);
  });

  it('account List: HttpPostJson with nil data sends the JSON null body', async () => {
    const body = await post('kf/account/list', 'null');
    expect(body).toMatchObject({ errcode: 0, account_list: [expect.objectContaining({ name: '售后' })] });
  });

  it('account Update: RequestAccountUpdate with media_id ""', async () => {
    const body = await post('kf/account/update', { open_kfid: world.open_kfid, name: '客服', media_id: '' });
    expect(body.errcode).toBe(0);
  });

  it('AddContactWay: HashMap {open_kfid, scene: ""}', async () => {
    expect((await post('kf/add_contact_way', { open_kfid: world.open_kfid, scene: '' })).errcode).toBe(0);
  });

  it('servicer Add: HashMap {open_kfid, userid_list}', async () => {
    expect(
      (await post('kf/servicer/add', { open_kfid: world.open_kfid, userid_list: ['lisi'] })).errcode,
    ).toBe(0);
  });

  it('servicer List: a POST with open_kfid in the query and no body', async () => {
    const body = await post('kf/servicer/list', 'null', `&open_kfid=${world.open_kfid}`);
    expect(body).toMatchObject({
      errcode: 0,
      servicer_list: [expect.objectContaining({ userid: 'zhangsan' })],
    });
  });

  it('serviceState Trans: HashMap with servicer_userid ""', async () => {
    const ids = { open_kfid: world.open_kfid, external_userid: world.external_userid };
    expect(
      (await post('kf/service_state/trans', { ...ids, service_state: 2, servicer_userid: '' })).errcode,
    ).toBe(0);
  });

  it('message SyncMsg (v3): HashMap {cursor: "", token: "", limit, open_kfid}', async () => {
    const body = await post('kf/sync_msg', {
      cursor: '',
      token: '',
      limit: 1000,
      open_kfid: world.open_kfid,
    });
    expect(body.errcode).toBe(0);
  });

  it('message SyncMsg (v2, no open_kfid) is refused: open_kfid is required since the 2024 revision (40063)', async () => {
    expect((await post('kf/sync_msg', { cursor: '', token: '', limit: 1000 })).errcode).toBe(40063);
  });

  it('message SendMsg: RequestAccountServiceSendMsg sends every message struct, empty but text', async () => {
    const body = await post('kf/send_msg', {
      touser: world.external_userid,
      open_kfid: world.open_kfid,
      msgid: '',
      msgtype: 'text',
      text: { content: 'hi' },
      image: { media_id: '' },
      voice: { media_id: '' },
      file: { media_id: '' },
      link: { title: '', desc: '', url: '', thumb_media_id: '' },
      miniprogram: { appid: '', title: '', thumb_media_id: '', pagepath: '' },
      msgmenu: { head_content: '' },
      location: { name: '', address: '', latitude: 0, longitude: 0 },
    });
    expect(body.errcode).toBe(0);
  });

  it('message SendMsgOnEvent: {code, msgid: "", msgtype, text, msgmenu: {head_content: ""}}', async () => {
    const body = await post('kf/send_msg_on_event', {
      code: welcomeCode(),
      msgid: '',
      msgtype: 'text',
      text: { content: '欢迎' },
      msgmenu: { head_content: '' },
    });
    expect(body.errcode).toBe(0);
  });

  it('customer BatchGet: HashMap {external_userid_list}', async () => {
    expect(
      (await post('kf/customer/batchget', { external_userid_list: [world.external_userid] })).errcode,
    ).toBe(0);
  });

  it('customer UpgradeService type 2: RequestUpgradeService with member omitted (pointer, omitempty)', async () => {
    const body = await post('kf/customer/upgrade_service', {
      open_kfid: world.open_kfid,
      external_userid: world.external_userid,
      type: 2,
      groupchat: { chat_id: 'wrChat001', wording: '' },
    });
    expect(body.errcode).toBe(0);
  });

  it('customer CancelUpgradeService: StringMap {open_kfid, external_userid}', async () => {
    const ids = { open_kfid: world.open_kfid, external_userid: world.external_userid };
    expect((await post('kf/customer/cancel_upgrade_service', ids)).errcode).toBe(0);
  });

  it('customer GetUpgradeServiceConfig: a GET without parameters', async () => {
    expect((await get('kf/customer/get_upgrade_service_config')).errcode).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// WxJava (WxCpKfServiceImpl): Gson beans (nulls omitted) and JsonObject bodies (addProperty with a
// null value writes null).
// ---------------------------------------------------------------------------------------------
describe('WxJava', () => {
  it('addAccount: WxCpKfAccountAdd {name, media_id}', async () => {
    expect((await post('kf/account/add', { name: '客服', media_id: world.avatar })).errcode).toBe(0);
  });

  it('updAccount: WxCpKfAccountUpd with only a name (Gson omits the null media_id)', async () => {
    expect((await post('kf/account/update', { open_kfid: world.open_kfid, name: '客服' })).errcode).toBe(0);
  });

  it('listAccount: {offset, limit}', async () => {
    expect((await post('kf/account/list', { offset: 0, limit: 50 })).errcode).toBe(0);
  });

  it('getAccountLink: WxCpKfAccountLink {open_kfid, scene}', async () => {
    expect((await post('kf/add_contact_way', { open_kfid: world.open_kfid, scene: 'sc01' })).errcode).toBe(0);
  });

  it('addServicer: {open_kfid, userid_list}', async () => {
    expect(
      (await post('kf/servicer/add', { open_kfid: world.open_kfid, userid_list: ['lisi'] })).errcode,
    ).toBe(0);
  });

  it('addServicer with departments: List<String> ids are strings, refused as a wrong type (40058)', async () => {
    const body = await post('kf/servicer/add', { open_kfid: world.open_kfid, department_id_list: ['2'] });
    expect(body.errcode).toBe(40058);
  });

  it('listServicer: GET servicer/list?open_kfid=…', async () => {
    expect((await get('kf/servicer/list', `&open_kfid=${world.open_kfid}`)).errcode).toBe(0);
  });

  it('transServiceState to 2 with a null servicerUserId: servicer_userid null', async () => {
    const ids = { open_kfid: world.open_kfid, external_userid: world.external_userid };
    expect(
      (await post('kf/service_state/trans', { ...ids, service_state: 2, servicer_userid: null })).errcode,
    ).toBe(0);
  });

  it('transServiceState to 3: {open_kfid, external_userid, service_state, servicer_userid}', async () => {
    const ids = { open_kfid: world.open_kfid, external_userid: world.external_userid };
    const body = await post('kf/service_state/trans', {
      ...ids,
      service_state: 3,
      servicer_userid: 'zhangsan',
    });
    expect(body.errcode).toBe(0);
  });

  it('syncMsg (with openKfId): nulls left out', async () => {
    const body = await post('kf/sync_msg', {
      token: world.token,
      limit: 1000,
      voice_format: 0,
      open_kfid: world.open_kfid,
    });
    expect(body.errcode).toBe(0);
  });

  it('sendMsg: WxCpKfMsgSendRequest text', async () => {
    const body = await post('kf/send_msg', {
      touser: world.external_userid,
      open_kfid: world.open_kfid,
      ...text('hi'),
    });
    expect(body.errcode).toBe(0);
  });

  it('sendMsgOnEvent: WxCpKfMsgSendRequest {code, msgtype, text}', async () => {
    expect((await post('kf/send_msg_on_event', { code: welcomeCode(), ...text('欢迎') })).errcode).toBe(0);
  });

  it('customerBatchGet: {external_userid_list}', async () => {
    expect(
      (await post('kf/customer/batchget', { external_userid_list: [world.external_userid] })).errcode,
    ).toBe(0);
  });

  it('upgradeMemberService with a null wording: member.wording null', async () => {
    const body = await post('kf/customer/upgrade_service', {
      open_kfid: world.open_kfid,
      external_userid: world.external_userid,
      type: 1,
      member: { userid: 'zhangsan', wording: null },
    });
    expect(body.errcode).toBe(0);
  });

  it('cancelUpgradeService: {open_kfid, external_userid}', async () => {
    const ids = { open_kfid: world.open_kfid, external_userid: world.external_userid };
    expect((await post('kf/customer/cancel_upgrade_service', ids)).errcode).toBe(0);
  });

  it('getCorpStatistic: WxCpKfGetCorpStatisticRequest', async () => {
    expect(
      (await post('kf/get_corp_statistic', { open_kfid: world.open_kfid, ...yesterday() })).errcode,
    ).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// EasyWeChat 5 (src/Work/Kf): PHP arrays through httpPostJson; an empty array encodes to `[]`.
// ---------------------------------------------------------------------------------------------
describe('EasyWeChat', () => {
  it('account add: {name, media_id}', async () => {
    expect((await post('kf/account/add', { name: '客服', media_id: world.avatar })).errcode).toBe(0);
  });

  it('account list: httpPostJson without data sends the body []', async () => {
    const body = await post('kf/account/list', '[]');
    expect(body).toMatchObject({ errcode: 0, account_list: [expect.objectContaining({ name: '售后' })] });
  });

  it('servicer add / del: {open_kfid, userid_list}', async () => {
    const ids = { open_kfid: world.open_kfid, userid_list: ['lisi'] };
    expect((await post('kf/servicer/add', ids)).errcode).toBe(0);
    expect((await post('kf/servicer/del', ids)).errcode).toBe(0);
  });

  it('servicer list: httpGet ?open_kfid=', async () => {
    expect((await get('kf/servicer/list', `&open_kfid=${world.open_kfid}`)).errcode).toBe(0);
  });

  it('message state: {open_kfid, external_userid}', async () => {
    const ids = { open_kfid: world.open_kfid, external_userid: world.external_userid };
    expect((await post('kf/service_state/get', ids)).errcode).toBe(0);
  });

  it('message updateState: the string $serviceUserId is "" when moving to the pool', async () => {
    const ids = { open_kfid: world.open_kfid, external_userid: world.external_userid };
    expect(
      (await post('kf/service_state/trans', { ...ids, service_state: 2, servicer_userid: '' })).errcode,
    ).toBe(0);
  });

  it('message sync: {open_kfid, cursor: "", token: "", limit}', async () => {
    const body = await post('kf/sync_msg', {
      open_kfid: world.open_kfid,
      cursor: '',
      token: '',
      limit: 1000,
    });
    expect(body.errcode).toBe(0);
    expect(body.msg_list).toHaveLength(1);
  });

  it('message send: the caller array as given', async () => {
    const body = await post('kf/send_msg', {
      touser: world.external_userid,
      open_kfid: world.open_kfid,
      ...text('hi'),
    });
    expect(body.errcode).toBe(0);
  });

  it('message event: the caller array as given', async () => {
    expect((await post('kf/send_msg_on_event', { code: welcomeCode(), ...text('欢迎') })).errcode).toBe(0);
  });
});

describe('what the platform refuses stays refused', () => {
  it('an empty open_kfid (95000), an over-long text (45002), a wrong type (40058)', async () => {
    expect((await post('kf/sync_msg', { open_kfid: '', cursor: '' })).errcode).toBe(95000);
    const long = { touser: world.external_userid, open_kfid: world.open_kfid, ...text('a'.repeat(2049)) };
    expect((await post('kf/send_msg', long)).errcode).toBe(45002);
    expect((await post('kf/sync_msg', { open_kfid: world.open_kfid, limit: '1000' })).errcode).toBe(40058);
  });

  it("names the caller's socket address in errmsg, whatever the client claims", async () => {
    const response = await fetch(`${server.url}/cgi-bin/kf/account/list?access_token=forged`, {
      headers: { 'x-kf-mock-client-ip': '1.2.3.4' },
    });
    const body = (await response.json()) as Json;
    expect(body.errcode).toBe(40014);
    expect(body.errmsg).toMatch(
      /^invalid access_token, hint: \[\d{25}\], from ip: 127\.0\.0\.1, more info at /,
    );
  });

  it('records each leniency on the call, readable from GET /__kf_mock/calls', async () => {
    await post('kf/sync_msg', { open_kfid: world.open_kfid, cursor: '', token: '', limit: 0, agentid: 1 });
    const response = await fetch(`${server.url}/__kf_mock/calls`);
    const { calls } = (await response.json()) as { calls: { endpoint: string; warnings?: string[] }[] };
    expect(calls.at(-1)).toMatchObject({
      endpoint: 'syncMsg',
      warnings: [
        'empty "cursor" read as absent',
        'empty "token" read as absent',
        '"limit": 0 read as the default',
        'ignored unknown field "agentid"',
      ],
    });
  });
});
