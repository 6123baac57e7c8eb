import { describe, expect, it } from 'vitest';
import { type Json, useKfMock } from '../__fixtures__/harness.js';

const api = useKfMock();

type Group = { group_id: string; name: string; is_default: number };

async function groups(fields: Record<string, unknown> = {}): Promise<Group[]> {
  return (await api.call('knowledge.listGroup', fields)).group_list as Group[];
}

const q = (content: string) => ({ text: { content } });

function addIntent(group_id: string, question: string, extra: Record<string, unknown> = {}): Promise<Json> {
  return api.call('knowledge.addIntent', { group_id, question: q(question), answers: [q('答案')], ...extra });
}

describe('knowledge groups', () => {
  it('starts with one default group that can be neither renamed nor deleted', async () => {
    const [defaultGroup] = await groups();
    expect(defaultGroup).toMatchObject({ is_default: 1, name: '默认分组' });
    const group_id = defaultGroup?.group_id;
    expect((await api.call('knowledge.modGroup', { group_id, name: '改名' })).errcode).toBe(40058);
    expect((await api.call('knowledge.delGroup', { group_id })).errcode).toBe(40058);
    expect(await groups()).toEqual([defaultGroup]);
  });

  it('adds, renames and deletes groups with unique names of at most 12 characters', async () => {
    const added = await api.call('knowledge.addGroup', { name: '售后问题' });
    const group_id = String(added.group_id);
    expect((await api.call('knowledge.addGroup', { name: '售后问题' })).errcode).toBe(40058);
    expect((await api.call('knowledge.addGroup', { name: '一'.repeat(12) })).errcode).toBe(0);
    expect((await api.call('knowledge.addGroup', { name: '一'.repeat(13) })).errcode).toBe(40058);
    expect((await api.call('knowledge.modGroup', { group_id, name: '售前问题' })).errcode).toBe(0);
    expect(await groups({ group_id })).toEqual([{ group_id, name: '售前问题', is_default: 0 }]);
    expect((await api.call('knowledge.delGroup', { group_id })).errcode).toBe(0);
    expect((await api.call('knowledge.delGroup', { group_id })).errcode).toBe(40058);
    expect(await groups({ group_id })).toEqual([]);
  });

  it('holds 100 groups including the default one and refuses the 101st', async () => {
    for (let i = 1; i < 100; i++) {
      expect((await api.call('knowledge.addGroup', { name: `g${i}` })).errcode).toBe(0);
    }
    expect((await api.call('knowledge.addGroup', { name: 'g100' })).errcode).toBe(40058);
  });

  it('pages with cursor, limit and has_more', async () => {
    for (const name of ['a', 'b', 'c']) await api.call('knowledge.addGroup', { name });
    const first = await api.call('knowledge.listGroup', { limit: 3 });
    const second = await api.call('knowledge.listGroup', { limit: 3, cursor: first.next_cursor });
    expect([(first.group_list as Group[]).length, first.has_more]).toEqual([3, 1]);
    expect([(second.group_list as Group[]).map((g) => g.name), second.has_more]).toEqual([['c'], 0]);
    expect((await api.call('knowledge.listGroup', { cursor: 'bogus' })).errcode).toBe(40058);
    expect((await api.call('knowledge.listGroup', { limit: 1001 })).errcode).toBe(40058);
  });
});

describe('knowledge Q&As', () => {
  it('keeps paging right when a listed Q&A is deleted between pages (keyset cursors)', async () => {
    const [defaultGroup] = await groups();
    const group_id = String(defaultGroup?.group_id);
    const ids: string[] = [];
    for (const question of ['q1', 'q2', 'q3', 'q4', 'q5']) {
      ids.push(String((await addIntent(group_id, question)).intent_id));
    }
    const questions = (body: Json) =>
      (body.intent_list as { question: { text: { content: string } } }[]).map((i) => i.question.text.content);
    const first = await api.call('knowledge.listIntent', { limit: 2 });
    expect([questions(first), first.has_more]).toEqual([['q1', 'q2'], 1]);
    // Delete an item already served, and the last one served: nothing after them is skipped.
    expect((await api.call('knowledge.delIntent', { intent_id: ids[0] })).errcode).toBe(0);
    expect((await api.call('knowledge.delIntent', { intent_id: ids[1] })).errcode).toBe(0);
    const second = await api.call('knowledge.listIntent', { limit: 2, cursor: first.next_cursor });
    expect([questions(second), second.has_more]).toEqual([['q3', 'q4'], 1]);
    const third = await api.call('knowledge.listIntent', { limit: 2, cursor: second.next_cursor });
    expect([questions(third), third.has_more]).toEqual([['q5'], 0]);
  });

  it('adds a Q&A and lists attachments as the platform does (media by file name, no cover)', async () => {
    const group_id = String((await api.call('knowledge.addGroup', { name: 'g' })).group_id);
    const image = api.mock.scenario.createMedia({ type: 'image', filename: '图片.jpg' });
    const thumb = api.mock.scenario.createMedia({ type: 'image' });
    const answers = [
      {
        ...q('问题的回复'),
        attachments: [
          { msgtype: 'image', image: { media_id: image } },
          {
            msgtype: 'miniprogram',
            miniprogram: { title: 't', thumb_media_id: thumb, appid: 'wx1', pagepath: '/p' },
          },
        ],
      },
    ];
    const added = await api.call('knowledge.addIntent', {
      group_id,
      question: q('主问题'),
      similar_questions: { items: [q('相似问题1')] },
      answers,
    });
    expect(added).toMatchObject({ errcode: 0, intent_id: expect.any(String) });
    const list = await api.call('knowledge.listIntent', { group_id });
    expect(list.intent_list).toEqual([
      {
        group_id,
        intent_id: added.intent_id,
        question: q('主问题'),
        similar_questions: { items: [q('相似问题1')] },
        answers: [
          {
            ...q('问题的回复'),
            attachments: [
              { msgtype: 'image', image: { name: '图片.jpg' } },
              { msgtype: 'miniprogram', miniprogram: { title: 't', appid: 'wx1', pagepath: '/p' } },
            ],
          },
        ],
      },
    ]);
  });

  it('answers 40007 for an attachment whose media is unusable', async () => {
    const [group] = await groups();
    const answers = [{ ...q('a'), attachments: [{ msgtype: 'video', video: { media_id: 'nope' } }] }];
    expect(
      (await api.call('knowledge.addIntent', { group_id: group?.group_id, question: q('x'), answers }))
        .errcode,
    ).toBe(40007);
  });

  it('keeps questions unique across groups', async () => {
    const [defaultGroup] = await groups();
    const other = String((await api.call('knowledge.addGroup', { name: 'g' })).group_id);
    expect((await addIntent(String(defaultGroup?.group_id), '怎么退货')).errcode).toBe(0);
    expect((await addIntent(other, '怎么退货')).errcode).toBe(40058);
  });

  it('holds 200 Q&As per group and refuses the 201st', async () => {
    const group_id = String((await api.call('knowledge.addGroup', { name: 'g' })).group_id);
    for (let i = 0; i < 200; i++) expect((await addIntent(group_id, `q${i}`)).errcode).toBe(0);
    expect((await addIntent(group_id, 'q200')).errcode).toBe(40058);
  });

  it('replaces the parts mod_intent sends and keeps the others', async () => {
    const [group] = await groups();
    const { intent_id } = await addIntent(String(group?.group_id), '旧问题', {
      similar_questions: { items: [q('相似')] },
    });
    expect((await api.call('knowledge.modIntent', { intent_id, question: q('新问题') })).errcode).toBe(0);
    const [item] = (await api.call('knowledge.listIntent', { intent_id })).intent_list as Record<
      string,
      unknown
    >[];
    expect(item).toMatchObject({ question: q('新问题'), similar_questions: { items: [q('相似')] } });
    expect((await api.call('knowledge.modIntent', { intent_id })).errcode).toBe(40063);
  });

  it('deletes Q&As, and a group with its Q&As', async () => {
    const group_id = String((await api.call('knowledge.addGroup', { name: 'g' })).group_id);
    const a = await addIntent(group_id, 'a');
    await addIntent(group_id, 'b');
    expect((await api.call('knowledge.delIntent', { intent_id: a.intent_id })).errcode).toBe(0);
    expect((await api.call('knowledge.delIntent', { intent_id: a.intent_id })).errcode).toBe(40058);
    expect((await api.call('knowledge.listIntent', { group_id })).intent_list).toHaveLength(1);
    await api.call('knowledge.delGroup', { group_id });
    expect((await api.call('knowledge.listIntent', {})).intent_list).toEqual([]);
  });
});
