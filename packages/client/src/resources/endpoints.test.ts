import { KfEndpoints } from '@kf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, ok, startServer, type TestServer, TOKEN } from '../__fixtures__/server.js';
import type { KfClient } from '../client.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

/** Each JSON endpoint, the call that reaches it, and the request it sends. */
const calls: [string, (kf: KfClient) => Promise<unknown>, Record<string, unknown>][] = [
  ['account.add', (kf) => kf.account.add({ name: 'n', media_id: 'm' }), { name: 'n', media_id: 'm' }],
  ['account.del', (kf) => kf.account.del({ open_kfid: 'wk1' }), { open_kfid: 'wk1' }],
  [
    'account.update',
    (kf) => kf.account.update({ open_kfid: 'wk1', name: 'x' }),
    { open_kfid: 'wk1', name: 'x' },
  ],
  ['account.list', (kf) => kf.account.list({ offset: 0, limit: 10 }), { offset: 0, limit: 10 }],
  [
    'addContactWay',
    (kf) => kf.addContactWay({ open_kfid: 'wk1', scene: 's1' }),
    { open_kfid: 'wk1', scene: 's1' },
  ],
  [
    'servicer.add',
    (kf) => kf.servicer.add({ open_kfid: 'wk1', userid_list: ['u'] }),
    { open_kfid: 'wk1', userid_list: ['u'] },
  ],
  [
    'servicer.del',
    (kf) => kf.servicer.del({ open_kfid: 'wk1', department_id_list: [2] }),
    { open_kfid: 'wk1', department_id_list: [2] },
  ],
  ['servicer.list', (kf) => kf.servicer.list({ open_kfid: 'wk1' }), { open_kfid: 'wk1' }],
  [
    'serviceState.get',
    (kf) => kf.serviceState.get({ open_kfid: 'wk1', external_userid: 'wm1' }),
    { open_kfid: 'wk1', external_userid: 'wm1' },
  ],
  [
    'serviceState.trans',
    (kf) =>
      kf.serviceState.trans({
        open_kfid: 'wk1',
        external_userid: 'wm1',
        service_state: 3,
        servicer_userid: 'z',
      }),
    { open_kfid: 'wk1', external_userid: 'wm1', service_state: 3, servicer_userid: 'z' },
  ],
  [
    'syncMsg',
    (kf) => kf.syncMsg({ open_kfid: 'wk1', cursor: 'c', token: 't', limit: 5 }),
    { open_kfid: 'wk1', cursor: 'c', token: 't', limit: 5 },
  ],
  [
    'sendMsg',
    (kf) =>
      kf.sendMsg({ touser: 'wm1', open_kfid: 'wk1', msgid: 'm1', msgtype: 'text', text: { content: 'hi' } }),
    { touser: 'wm1', open_kfid: 'wk1', msgid: 'm1', msgtype: 'text', text: { content: 'hi' } },
  ],
  [
    'sendMsgOnEvent',
    (kf) => kf.sendMsgOnEvent({ code: 'c', msgid: 'm2', msgtype: 'text', text: { content: 'welcome' } }),
    { code: 'c', msgid: 'm2', msgtype: 'text', text: { content: 'welcome' } },
  ],
  [
    'customer.batchget',
    (kf) => kf.customer.batchget({ external_userid_list: ['wm1'] }),
    { external_userid_list: ['wm1'] },
  ],
  ['customer.getUpgradeServiceConfig', (kf) => kf.customer.getUpgradeServiceConfig(), {}],
  [
    'customer.upgradeService',
    (kf) =>
      kf.customer.upgradeService({
        open_kfid: 'wk1',
        external_userid: 'wm1',
        type: 1,
        member: { userid: 'z' },
      }),
    { open_kfid: 'wk1', external_userid: 'wm1', type: 1, member: { userid: 'z' } },
  ],
  [
    'customer.cancelUpgradeService',
    (kf) => kf.customer.cancelUpgradeService({ open_kfid: 'wk1', external_userid: 'wm1' }),
    { open_kfid: 'wk1', external_userid: 'wm1' },
  ],
  ['getCorpQualification', (kf) => kf.getCorpQualification(), {}],
  [
    'getCorpStatistic',
    (kf) => kf.getCorpStatistic({ open_kfid: 'wk1', start_time: 1, end_time: 2 }),
    { open_kfid: 'wk1', start_time: 1, end_time: 2 },
  ],
  [
    'getServicerStatistic',
    (kf) => kf.getServicerStatistic({ open_kfid: 'wk1', servicer_userid: 'z', start_time: 1, end_time: 2 }),
    { open_kfid: 'wk1', servicer_userid: 'z', start_time: 1, end_time: 2 },
  ],
  ['knowledge.addGroup', (kf) => kf.knowledge.addGroup({ name: 'g' }), { name: 'g' }],
  ['knowledge.delGroup', (kf) => kf.knowledge.delGroup({ group_id: 'g1' }), { group_id: 'g1' }],
  [
    'knowledge.modGroup',
    (kf) => kf.knowledge.modGroup({ group_id: 'g1', name: 'h' }),
    { group_id: 'g1', name: 'h' },
  ],
  ['knowledge.listGroup', (kf) => kf.knowledge.listGroup({ limit: 3 }), { limit: 3 }],
  [
    'knowledge.addIntent',
    (kf) =>
      kf.knowledge.addIntent({
        group_id: 'g1',
        question: { text: { content: 'q' } },
        answers: [{ text: { content: 'a' } }],
      }),
    { group_id: 'g1', question: { text: { content: 'q' } }, answers: [{ text: { content: 'a' } }] },
  ],
  ['knowledge.delIntent', (kf) => kf.knowledge.delIntent({ intent_id: 'i1' }), { intent_id: 'i1' }],
  [
    'knowledge.modIntent',
    (kf) => kf.knowledge.modIntent({ intent_id: 'i1', question: { text: { content: 'q2' } } }),
    { intent_id: 'i1', question: { text: { content: 'q2' } } },
  ],
  ['knowledge.listIntent', (kf) => kf.knowledge.listIntent({ group_id: 'g1' }), { group_id: 'g1' }],
  [
    'idconvert.openKfid',
    (kf) => kf.idconvert.openKfid({ open_kfid_list: ['wk1', 'wk2'] }),
    { open_kfid_list: ['wk1', 'wk2'] },
  ],
];

describe('every JSON endpoint', () => {
  it('is covered by this table (all of KfEndpoints but gettoken and media)', () => {
    const names = Object.keys(KfEndpoints).filter(
      (n) => !['getToken', 'media.upload', 'media.get'].includes(n),
    );
    expect(calls.map(([name]) => name).sort()).toEqual(names.sort());
  });

  it.each(calls)(
    '%s uses the documented method and path and sends the wire request',
    async (name, call, expected) => {
      const definition = KfEndpoints[name as keyof typeof KfEndpoints];
      // `msgid`: a send's success must carry it (checked in every validation mode).
      server = await startServer({ [definition.path]: () => ok({ reply: name, msgid: 'echo' }) });
      const response = await call(clientFor(server, { validateResponses: 'off' }));
      expect(response).toMatchObject({ errcode: 0, reply: name });
      const [seen] = server.on(definition.path);
      expect(seen?.method).toBe(definition.method);
      expect(seen?.query.get('access_token')).toBe(TOKEN);
      if (definition.method === 'POST') {
        expect(seen?.headers['content-type']).toBe('application/json');
        expect(seen?.json).toEqual(expected);
      } else {
        const query = Object.fromEntries([...(seen?.query ?? [])].filter(([k]) => k !== 'access_token'));
        expect(query).toEqual(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, String(v)])));
        expect(seen?.body.length).toBe(0);
      }
    },
  );
});
