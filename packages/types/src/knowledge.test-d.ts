import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type {
  KfKnowledgeAnswer,
  KfKnowledgeAttachment,
  KfKnowledgeAttachmentInput,
  KfKnowledgeAttachmentType,
  KfKnowledgeGroup,
  KfKnowledgeIntent,
  KnowledgeAddIntentRequest,
  KnowledgeListGroupRequest,
  KnowledgeListGroupResponse,
  KnowledgeListIntentResponse,
} from './knowledge.js';

describe('knowledge types', () => {
  it('pins KfKnowledgeGroup', () => {
    expectTypeOf<KfKnowledgeGroup['group_id']>().toEqualTypeOf<string>();
    expectTypeOf<KfKnowledgeGroup['name']>().toEqualTypeOf<string>();
    expectTypeOf<KfKnowledgeGroup['is_default']>().toEqualTypeOf<number>();
  });

  it('pins KfKnowledgeIntent', () => {
    expectTypeOf<KfKnowledgeIntent['intent_id']>().toEqualTypeOf<string>();
    expectTypeOf<KfKnowledgeIntent['question']['text']['content']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<KfKnowledgeIntent['answers'][number]['attachments']>>().toEqualTypeOf<
      KfKnowledgeAttachment[]
    >();
  });

  it('takes answers at either level on the wire and always gives them at item level', () => {
    expectTypeOf<KfKnowledgeIntent['answers']>().toEqualTypeOf<KfKnowledgeAnswer[]>();
    type Wire = z.input<typeof KfKnowledgeIntent>;
    expectTypeOf<undefined>().toExtend<Wire['answers']>();
    expectTypeOf<undefined>().toExtend<Wire['question']['answers']>();
    expectTypeOf<undefined>().toExtend<Wire['question']['similar_questions']>();
  });

  it('leaves next_cursor optional in list responses', () => {
    expectTypeOf<KnowledgeListGroupResponse['next_cursor']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<KnowledgeListIntentResponse['next_cursor']>().toEqualTypeOf<string | undefined>();
  });

  it('keeps the listed attachment type open', () => {
    expectTypeOf<'image'>().toExtend<KfKnowledgeAttachment['msgtype']>();
    expectTypeOf<'file'>().toExtend<KfKnowledgeAttachment['msgtype']>();
    expectTypeOf<KfKnowledgeAttachmentType>().toEqualTypeOf<'image' | 'video' | 'link' | 'miniprogram'>();
  });

  it('closes the attachment union in requests and narrows on msgtype', () => {
    expectTypeOf<KfKnowledgeAttachmentInput['msgtype']>().toEqualTypeOf<KfKnowledgeAttachmentType>();
    expectTypeOf<Extract<KfKnowledgeAttachmentInput, { msgtype: 'image' }>['image']>().toEqualTypeOf<{
      media_id: string;
    }>();
    expectTypeOf<KnowledgeAddIntentRequest['answers'][number]['text']['content']>().toEqualTypeOf<string>();
  });

  it('makes every list filter optional', () => {
    expectTypeOf<KnowledgeListGroupRequest>().toEqualTypeOf<{
      cursor?: string | undefined;
      limit?: number | undefined;
      group_id?: string | undefined;
    }>();
  });
});
