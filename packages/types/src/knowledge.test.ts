import { describe, expect, it } from 'vitest';
import { endpointFixture } from './__fixtures__/endpoints/load.js';
import { unlistedField } from './common.js';
import {
  KfKnowledgeAttachment,
  KfKnowledgeAttachmentType,
  KfKnowledgeIntent,
  KnowledgeAddGroupRequest,
  KnowledgeAddGroupResponse,
  KnowledgeAddIntentRequest,
  KnowledgeAddIntentResponse,
  KnowledgeDelGroupRequest,
  KnowledgeDelGroupResponse,
  KnowledgeDelIntentRequest,
  KnowledgeDelIntentResponse,
  KnowledgeListGroupRequest,
  KnowledgeListGroupResponse,
  KnowledgeListIntentRequest,
  KnowledgeListIntentResponse,
  KnowledgeModGroupRequest,
  KnowledgeModGroupResponse,
  KnowledgeModIntentRequest,
  KnowledgeModIntentResponse,
} from './knowledge.js';

const text = (content: string) => ({ text: { content } });
const intent = (overrides: Record<string, unknown> = {}) => ({
  group_id: 'g1',
  question: text('q'),
  answers: [text('a')],
  ...overrides,
});
const addIntentExample = () =>
  endpointFixture('F-58a-knowledge-add-intent-request') as Record<string, unknown>;

describe('official examples', () => {
  it('parses the group endpoints (F-55, F-56, F-57, F-05)', () => {
    expect(KnowledgeAddGroupRequest.parse(endpointFixture('F-55a-knowledge-add-group-request'))).toEqual({
      name: '分组名',
    });
    expect(
      KnowledgeAddGroupResponse.parse(endpointFixture('F-55b-knowledge-add-group-response')).group_id,
    ).toBe('GROUP_ID');
    expect(
      KnowledgeDelGroupRequest.parse(endpointFixture('F-56a-knowledge-del-group-request')).group_id,
    ).toBe('GROUP_ID');
    expect(KnowledgeModGroupRequest.parse(endpointFixture('F-56b-knowledge-mod-group-request')).name).toBe(
      '分组名',
    );
    expect(KnowledgeListGroupRequest.parse(endpointFixture('F-57a-knowledge-list-group-request')).limit).toBe(
      100,
    );
    const list = KnowledgeListGroupResponse.parse(endpointFixture('F-57b-knowledge-list-group-response'));
    expect(list.has_more).toBe(1);
    expect(list.group_list.map((g) => g.is_default)).toEqual([1, 0]);
    for (const schema of [KnowledgeDelGroupResponse, KnowledgeModGroupResponse]) {
      expect(schema.parse(endpointFixture('F-05-generic-success')).errcode).toBe(0);
    }
  });

  it('parses add_intent request and response (F-58a, F-58b)', () => {
    const request = KnowledgeAddIntentRequest.parse(addIntentExample());
    expect(request.similar_questions?.items?.map((item) => item.text.content)).toEqual([
      '相似问题1',
      '相似问题2',
    ]);
    expect(request.answers[0]?.attachments).toEqual([{ msgtype: 'image', image: { media_id: 'MEDIA_ID' } }]);
    expect(
      KnowledgeAddIntentResponse.parse(endpointFixture('F-58b-knowledge-add-intent-response')).intent_id,
    ).toBe('INTENT_ID');
  });

  it('parses mod_intent: the add_intent example with intent_id instead of group_id', () => {
    const { group_id: _, ...rest } = addIntentExample();
    expect(KnowledgeModIntentRequest.parse({ intent_id: 'INTENT_ID', ...rest }).intent_id).toBe('INTENT_ID');
    expect(KnowledgeModIntentResponse.parse(endpointFixture('F-05-generic-success')).errmsg).toBe('ok');
  });

  it('parses del_intent and list_intent requests (F-59)', () => {
    expect(KnowledgeDelIntentRequest.parse(endpointFixture('F-59a-knowledge-del-intent-request'))).toEqual({
      intent_id: 'INTENT_ID',
    });
    expect(KnowledgeDelIntentResponse.parse(endpointFixture('F-05-generic-success')).errcode).toBe(0);
    expect(KnowledgeListIntentRequest.parse(endpointFixture('F-59b-knowledge-list-intent-request'))).toEqual({
      cursor: 'CURSOR',
      limit: 100,
      group_id: 'GROUP_ID',
      intent_id: 'INTENT_ID',
    });
  });

  it('parses list_intent with name-only media attachments (F-60)', () => {
    const body = KnowledgeListIntentResponse.parse(endpointFixture('F-60-knowledge-list-intent-response'));
    const item = body.intent_list[0];
    expect(item?.similar_questions?.items).toHaveLength(2);
    const attachments = item?.answers[0]?.attachments ?? [];
    expect(attachments.map((a) => a.msgtype)).toEqual(['image', 'video', 'link', 'miniprogram']);
    expect(attachments[0]?.image).toEqual({ name: '图片（仅返回名字）.jpg' });
    expect(attachments[2]?.link?.pic_url).toBe('https://example.pic.com/path');
    expect(attachments[3]?.miniprogram).toEqual({
      title: '欢迎报名夏令营',
      appid: 'wx8bd80126147dfAAA',
      pagepath: '/path/index.html',
    });
  });
});

describe('groups', () => {
  it('accepts a 12-character name and rejects 13', () => {
    expect(KnowledgeAddGroupRequest.safeParse({ name: '分'.repeat(12) }).success).toBe(true);
    const result = KnowledgeAddGroupRequest.safeParse({ name: '分'.repeat(13) });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('name must be at most 12 characters');
  });

  it('counts astral characters once in the name', () => {
    expect(KnowledgeModGroupRequest.safeParse({ group_id: 'g', name: '😀'.repeat(12) }).success).toBe(true);
    expect(KnowledgeModGroupRequest.safeParse({ group_id: 'g', name: '😀'.repeat(13) }).success).toBe(false);
  });

  it('rejects an empty name', () => {
    expect(KnowledgeAddGroupRequest.safeParse({ name: '' }).success).toBe(false);
  });

  it('accepts list limit 1 to 1000 and rejects 0 and 1001', () => {
    expect(KnowledgeListGroupRequest.safeParse({ limit: 1 }).success).toBe(true);
    expect(KnowledgeListGroupRequest.safeParse({ limit: 1000 }).success).toBe(true);
    expect(KnowledgeListGroupRequest.safeParse({ limit: 0 }).success).toBe(false);
    const result = KnowledgeListGroupRequest.safeParse({ limit: 1001 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('limit must be between 1 and 1000');
  });

  it('accepts an empty list request and adds no default limit', () => {
    expect(KnowledgeListGroupRequest.parse({})).toEqual({});
  });

  it('rejects unknown fields', () => {
    expect(KnowledgeAddGroupRequest.safeParse({ name: 'a', is_default: 0 }).success).toBe(false);
    expect(KnowledgeListGroupRequest.safeParse({ offset: 0 }).success).toBe(false);
  });

  it('accepts a list_group page without next_cursor and does not invent one', () => {
    const body = KnowledgeListGroupResponse.parse({ errcode: 0, errmsg: 'ok', has_more: 0, group_list: [] });
    expect(body.next_cursor).toBeUndefined();
    expect('next_cursor' in body).toBe(false);
  });

  it('keeps fields the platform adds later', () => {
    const body = KnowledgeListGroupResponse.parse({
      errcode: 0,
      errmsg: 'ok',
      next_cursor: '',
      has_more: 0,
      group_list: [{ group_id: 'g', name: 'n', is_default: 0, intent_count: 3 }],
      total: 1,
    });
    expect(unlistedField(body, 'total')).toBe(1);
    expect(unlistedField(body.group_list[0]!, 'intent_count')).toBe(3);
  });
});

describe('add_intent limits', () => {
  it('accepts a 200-character question and rejects 201, astral characters included', () => {
    expect(KnowledgeAddIntentRequest.safeParse(intent({ question: text('问'.repeat(200)) })).success).toBe(
      true,
    );
    const result = KnowledgeAddIntentRequest.safeParse(intent({ question: text('问'.repeat(201)) }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('question.text.content must be at most 200 characters');
    expect(KnowledgeAddIntentRequest.safeParse(intent({ question: text('😀'.repeat(200)) })).success).toBe(
      true,
    );
    expect(KnowledgeAddIntentRequest.safeParse(intent({ question: text('😀'.repeat(201)) })).success).toBe(
      false,
    );
  });

  it('rejects an empty question', () => {
    expect(KnowledgeAddIntentRequest.safeParse(intent({ question: text('') })).success).toBe(false);
  });

  it('accepts 100 similar questions and rejects 101', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => text(`q${i}`));
    expect(
      KnowledgeAddIntentRequest.safeParse(intent({ similar_questions: { items: items(100) } })).success,
    ).toBe(true);
    const result = KnowledgeAddIntentRequest.safeParse(intent({ similar_questions: { items: items(101) } }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('similar_questions.items may hold at most 100 questions');
  });

  it('accepts a 200-character similar question and rejects 201', () => {
    const similar = (s: string) => intent({ similar_questions: { items: [text(s)] } });
    expect(KnowledgeAddIntentRequest.safeParse(similar('似'.repeat(200))).success).toBe(true);
    expect(KnowledgeAddIntentRequest.safeParse(similar('似'.repeat(201))).success).toBe(false);
  });

  it('takes exactly one answer', () => {
    expect(KnowledgeAddIntentRequest.safeParse(intent({ answers: [] })).success).toBe(false);
    const two = KnowledgeAddIntentRequest.safeParse(intent({ answers: [text('a'), text('b')] }));
    expect(two.success).toBe(false);
    expect(two.error?.issues[0]?.message).toBe(
      'answers must hold exactly 1 answer (the only number supported for now)',
    );
    expect(KnowledgeAddIntentRequest.safeParse(intent({ answers: undefined })).success).toBe(false);
  });

  it('accepts a 500-character answer and rejects 501, astral characters included', () => {
    expect(KnowledgeAddIntentRequest.safeParse(intent({ answers: [text('答'.repeat(500))] })).success).toBe(
      true,
    );
    expect(KnowledgeAddIntentRequest.safeParse(intent({ answers: [text('答'.repeat(501))] })).success).toBe(
      false,
    );
    expect(KnowledgeAddIntentRequest.safeParse(intent({ answers: [text('😀'.repeat(500))] })).success).toBe(
      true,
    );
    expect(KnowledgeAddIntentRequest.safeParse(intent({ answers: [text('😀'.repeat(501))] })).success).toBe(
      false,
    );
  });

  it('accepts 4 attachments and rejects 5', () => {
    const image = { msgtype: 'image', image: { media_id: 'm' } };
    const withAttachments = (n: number) =>
      intent({ answers: [{ ...text('a'), attachments: Array(n).fill(image) }] });
    expect(KnowledgeAddIntentRequest.safeParse(withAttachments(4)).success).toBe(true);
    const result = KnowledgeAddIntentRequest.safeParse(withAttachments(5));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('answers[].attachments may hold at most 4 attachments');
  });

  it('accepts each attachment type', () => {
    const attachments = [
      { msgtype: 'image', image: { media_id: 'm1' } },
      { msgtype: 'video', video: { media_id: 'm2' } },
      { msgtype: 'link', link: { title: 't', pic_url: 'https://p', desc: 'd', url: 'https://u' } },
      {
        msgtype: 'miniprogram',
        miniprogram: { title: 't', thumb_media_id: 'm3', appid: 'wx1', pagepath: 'p' },
      },
    ];
    const parsed = KnowledgeAddIntentRequest.parse(intent({ answers: [{ ...text('a'), attachments }] }));
    expect(parsed.answers[0]?.attachments).toEqual(attachments);
  });

  it('uses pic_url for the link picture and rejects the picurl spelling', () => {
    const link = (fields: object) =>
      intent({
        answers: [
          { ...text('a'), attachments: [{ msgtype: 'link', link: { title: 't', url: 'u', ...fields } }] },
        ],
      });
    expect(KnowledgeAddIntentRequest.safeParse(link({ pic_url: 'https://p' })).success).toBe(true);
    expect(KnowledgeAddIntentRequest.safeParse(link({ picurl: 'https://p' })).success).toBe(false);
  });

  it('rejects an attachment type the appendix does not list', () => {
    const file = { msgtype: 'file', file: { media_id: 'm' } };
    expect(
      KnowledgeAddIntentRequest.safeParse(intent({ answers: [{ ...text('a'), attachments: [file] }] }))
        .success,
    ).toBe(false);
  });

  it('rejects an attachment whose payload does not match its msgtype', () => {
    const wrong = { msgtype: 'video', image: { media_id: 'm' } };
    expect(
      KnowledgeAddIntentRequest.safeParse(intent({ answers: [{ ...text('a'), attachments: [wrong] }] }))
        .success,
    ).toBe(false);
  });

  it('rejects unknown fields at every level', () => {
    expect(KnowledgeAddIntentRequest.safeParse(intent({ intent_id: 'x' })).success).toBe(false);
    expect(
      KnowledgeAddIntentRequest.safeParse(intent({ question: { text: { content: 'q', lang: 'zh' } } }))
        .success,
    ).toBe(false);
  });

  it('requires group_id', () => {
    expect(KnowledgeAddIntentRequest.safeParse(intent({ group_id: undefined })).success).toBe(false);
  });
});

describe('mod_intent', () => {
  it('needs at least one of question, similar_questions and answers', () => {
    const result = KnowledgeModIntentRequest.safeParse({ intent_id: 'i1' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'mod_intent needs at least one of question, similar_questions and answers',
    );
  });

  it('accepts any single part', () => {
    expect(KnowledgeModIntentRequest.safeParse({ intent_id: 'i1', question: text('q') }).success).toBe(true);
    expect(
      KnowledgeModIntentRequest.safeParse({ intent_id: 'i1', similar_questions: { items: [] } }).success,
    ).toBe(true);
    expect(KnowledgeModIntentRequest.safeParse({ intent_id: 'i1', answers: [text('a')] }).success).toBe(true);
  });

  it('applies the add_intent limits to the parts it replaces', () => {
    expect(
      KnowledgeModIntentRequest.safeParse({ intent_id: 'i1', question: text('问'.repeat(201)) }).success,
    ).toBe(false);
    expect(
      KnowledgeModIntentRequest.safeParse({ intent_id: 'i1', answers: [text('a'), text('b')] }).success,
    ).toBe(false);
  });

  it('rejects group_id (a Q&A cannot move between groups here)', () => {
    expect(
      KnowledgeModIntentRequest.safeParse({ intent_id: 'i1', group_id: 'g', question: text('q') }).success,
    ).toBe(false);
  });
});

describe('list_intent', () => {
  it('accepts list limit 1 to 1000 and rejects 0 and 1001', () => {
    expect(KnowledgeListIntentRequest.safeParse({ limit: 1000 }).success).toBe(true);
    expect(KnowledgeListIntentRequest.safeParse({ limit: 1001 }).success).toBe(false);
    expect(KnowledgeListIntentRequest.safeParse({ limit: 1 }).success).toBe(true);
    expect(KnowledgeListIntentRequest.safeParse({ limit: 0 }).success).toBe(false);
  });

  it('parses an attachment type added later instead of failing the page', () => {
    const attachment = KfKnowledgeAttachment.parse({ msgtype: 'file', file: { name: 'a.pdf' } });
    expect(attachment.msgtype).toBe('file');
    expect(unlistedField(attachment, 'file')).toEqual({ name: 'a.pdf' });
  });

  it('accepts an intent without similar questions or attachments', () => {
    const parsed = KfKnowledgeIntent.parse({
      group_id: 'g',
      intent_id: 'i',
      question: text('q'),
      answers: [text('a')],
    });
    expect(parsed.similar_questions).toBeUndefined();
    expect(parsed.answers[0]?.attachments).toBeUndefined();
  });

  it('reads similar_questions and answers at item level, as the field table puts them', () => {
    const parsed = KfKnowledgeIntent.parse({
      group_id: 'g',
      intent_id: 'i',
      question: text('q'),
      similar_questions: { items: [text('s')] },
      answers: [text('a')],
    });
    expect(parsed.similar_questions).toEqual({ items: [text('s')] });
    expect(parsed.answers).toEqual([text('a')]);
  });

  it('moves similar_questions and answers up from question, as the official example nests them', () => {
    const parsed = KfKnowledgeIntent.parse({
      group_id: 'g',
      intent_id: 'i',
      question: { ...text('q'), similar_questions: { items: [text('s')] }, answers: [text('a')] },
    });
    expect(parsed.similar_questions).toEqual({ items: [text('s')] });
    expect(parsed.answers).toEqual([text('a')]);
    expect(parsed.question.text.content).toBe('q');
  });

  it('prefers the item-level fields when both places have them', () => {
    const parsed = KfKnowledgeIntent.parse({
      group_id: 'g',
      intent_id: 'i',
      question: { ...text('q'), similar_questions: { items: [text('nested')] }, answers: [text('nested')] },
      similar_questions: { items: [text('top')] },
      answers: [text('top')],
    });
    expect(parsed.similar_questions).toEqual({ items: [text('top')] });
    expect(parsed.answers).toEqual([text('top')]);
  });

  it('gives answers as [] and leaves similar_questions absent when neither place has them', () => {
    const parsed = KfKnowledgeIntent.parse({ group_id: 'g', intent_id: 'i', question: text('q') });
    expect(parsed.answers).toEqual([]);
    expect('similar_questions' in parsed).toBe(false);
  });

  it('checks the nested answers like item-level ones', () => {
    const result = KfKnowledgeIntent.safeParse({
      group_id: 'g',
      intent_id: 'i',
      question: { ...text('q'), answers: [{ text: {} }] },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['question', 'answers', 0, 'text', 'content']);
  });

  it('parses a page whose items use the nested shape (the official example)', () => {
    const body = KnowledgeListIntentResponse.parse({
      errcode: 0,
      errmsg: 'ok',
      next_cursor: 'n',
      has_more: 0,
      intent_list: [
        {
          group_id: 'g',
          intent_id: 'i',
          question: { ...text('q'), similar_questions: { items: [text('s')] }, answers: [text('a')] },
        },
      ],
    });
    expect(body.intent_list[0]?.answers[0]?.text.content).toBe('a');
    expect(body.intent_list[0]?.similar_questions?.items?.[0]?.text.content).toBe('s');
  });

  it('accepts a page without next_cursor and does not invent one', () => {
    const body = KnowledgeListIntentResponse.parse({
      errcode: 0,
      errmsg: 'ok',
      has_more: 0,
      intent_list: [],
    });
    expect(body.next_cursor).toBeUndefined();
    expect('next_cursor' in body).toBe(false);
  });

  it('keeps fields the platform adds later', () => {
    const parsed = KfKnowledgeIntent.parse({
      group_id: 'g',
      intent_id: 'i',
      question: text('q'),
      answers: [{ ...text('a'), score: 1 }],
      create_time: 5,
    });
    expect(unlistedField(parsed, 'create_time')).toBe(5);
    expect(unlistedField(parsed.answers[0]!, 'score')).toBe(1);
  });

  it('names the attachment types', () => {
    expect(Object.values(KfKnowledgeAttachmentType)).toEqual(['image', 'video', 'link', 'miniprogram']);
  });
});
