import { describe, expectTypeOf, it } from 'vitest';
import type {
  KfKnowledgeAttachment,
  KfKnowledgeAttachmentInput,
  KfKnowledgeAttachmentType,
  KfKnowledgeGroup,
  KfKnowledgeIntent,
  KnowledgeAddIntentRequest,
  KnowledgeListGroupRequest,
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
