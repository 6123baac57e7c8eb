import type { KfKnowledgeAttachment, KfKnowledgeAttachmentInput, KnowledgeAddIntentRequest } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import type { HttpHandler } from 'msw';
import { fail } from '../internal/api-failure.js';
import { fromBase64Url, toBase64Url } from '../internal/base64url.js';
import { usableMedia } from '../internal/media.js';
import { route } from '../internal/pipeline.js';
import type { KnowledgeIntentState, World } from '../internal/world.js';

/** At most 100 groups, the default group included. */
export const MAX_KNOWLEDGE_GROUPS = 100;
/** At most 200 Q&As per group. */
export const MAX_INTENTS_PER_GROUP = 200;
/** `limit` of the list endpoints when omitted. */
const DEFAULT_PAGE = 500;

/**
 * Cursors are keyset cursors: they name the creation `seq` of the last item served, and the next
 * page starts after it, so deleting (or adding) items between pages never skips or repeats one.
 */
function encodeCursor(seq: number): string {
  return toBase64Url(`k2:${seq}`);
}

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const match = /^k2:(\d+)$/.exec(fromBase64Url(cursor) ?? '');
  return match === null ? fail(KfErrorCode.InvalidRequestParameter, 'invalid cursor') : Number(match[1]);
}

/** One page of `items` (in creation order) after the cursor, with the next cursor and `has_more`. */
function page<T extends { readonly seq: number }>(
  items: readonly T[],
  cursor: string | undefined,
  limit: number | undefined,
) {
  const after = decodeCursor(cursor);
  const rest = items.filter((item) => item.seq > after);
  const served = rest.slice(0, limit ?? DEFAULT_PAGE);
  return {
    items: served,
    next_cursor: encodeCursor(served.at(-1)?.seq ?? after),
    has_more: rest.length > served.length ? 1 : 0,
  };
}

function group(world: World, group_id: string) {
  return (
    world.state.knowledge.groups.get(group_id) ??
    fail(KfErrorCode.InvalidRequestParameter, 'invalid group_id')
  );
}

function intent(world: World, intent_id: string): KnowledgeIntentState {
  return (
    world.state.knowledge.intents.get(intent_id) ??
    fail(KfErrorCode.InvalidRequestParameter, 'invalid intent_id')
  );
}

function nameTaken(world: World, name: string, except?: string): void {
  for (const g of world.state.knowledge.groups.values()) {
    if (g.name === name && g.group_id !== except)
      fail(KfErrorCode.InvalidRequestParameter, 'group name already exists');
  }
}

function questionTaken(world: World, content: string, except?: string): void {
  for (const i of world.state.knowledge.intents.values()) {
    if (i.question.text.content === content && i.intent_id !== except)
      fail(KfErrorCode.InvalidRequestParameter, 'question already exists');
  }
}

/** The media an answer's attachments refer to must be usable (40007 otherwise). */
function checkAnswers(world: World, answers: KnowledgeAddIntentRequest['answers']): void {
  for (const answer of answers) {
    for (const attachment of answer.attachments ?? []) {
      if (attachment.msgtype === 'image') usableMedia(world, attachment.image.media_id, 'image');
      if (attachment.msgtype === 'video') usableMedia(world, attachment.video.media_id, 'video');
      const thumb = attachment.msgtype === 'miniprogram' ? attachment.miniprogram.thumb_media_id : undefined;
      if (thumb !== undefined) usableMedia(world, thumb, 'image');
    }
  }
}

/** An attachment as `list_intent` returns it: media by file name only, mini programs without a cover. */
function listedAttachment(world: World, attachment: KfKnowledgeAttachmentInput): KfKnowledgeAttachment {
  switch (attachment.msgtype) {
    case 'image':
      return {
        msgtype: 'image',
        image: { name: world.state.media.get(attachment.image.media_id)?.filename ?? '' },
      };
    case 'video':
      return {
        msgtype: 'video',
        video: { name: world.state.media.get(attachment.video.media_id)?.filename ?? '' },
      };
    case 'link':
      return { msgtype: 'link', link: { ...attachment.link } };
    case 'miniprogram': {
      const { thumb_media_id: _thumb, ...miniprogram } = attachment.miniprogram;
      return { msgtype: 'miniprogram', miniprogram };
    }
  }
}

/** The knowledge base (知识库): groups and Q&As. */
export function knowledgeHandlers(world: World): HttpHandler[] {
  // Read through the world on every call: reset() replaces the state.
  const kb = () => world.state.knowledge;
  return [
    route(world, 'knowledge.addGroup', ({ request }) => {
      if (kb().groups.size >= MAX_KNOWLEDGE_GROUPS)
        fail(KfErrorCode.InvalidRequestParameter, `at most ${MAX_KNOWLEDGE_GROUPS} groups`);
      nameTaken(world, request.name);
      const group_id = world.random.string(24);
      kb().groups.set(group_id, { group_id, name: request.name, is_default: 0, seq: kb().nextSeq++ });
      return { group_id };
    }),
    route(world, 'knowledge.delGroup', ({ request }) => {
      const target = group(world, request.group_id);
      if (target.is_default === 1)
        fail(KfErrorCode.InvalidRequestParameter, 'the default group cannot be deleted');
      kb().groups.delete(target.group_id);
      for (const [id, i] of kb().intents) if (i.group_id === target.group_id) kb().intents.delete(id);
      return {};
    }),
    route(world, 'knowledge.modGroup', ({ request }) => {
      const target = group(world, request.group_id);
      if (target.is_default === 1)
        fail(KfErrorCode.InvalidRequestParameter, 'the default group cannot be modified');
      nameTaken(world, request.name, target.group_id);
      target.name = request.name;
      return {};
    }),
    route(world, 'knowledge.listGroup', ({ request }) => {
      const all = [...kb().groups.values()].filter(
        (g) => request.group_id === undefined || g.group_id === request.group_id,
      );
      const { items, next_cursor, has_more } = page(all, request.cursor, request.limit);
      return {
        next_cursor,
        has_more,
        group_list: items.map((g) => ({ group_id: g.group_id, name: g.name, is_default: g.is_default })),
      };
    }),
    route(world, 'knowledge.addIntent', ({ request }) => {
      group(world, request.group_id);
      const inGroup = [...kb().intents.values()].filter((i) => i.group_id === request.group_id).length;
      if (inGroup >= MAX_INTENTS_PER_GROUP) {
        fail(KfErrorCode.InvalidRequestParameter, `at most ${MAX_INTENTS_PER_GROUP} questions per group`);
      }
      questionTaken(world, request.question.text.content);
      checkAnswers(world, request.answers);
      const intent_id = world.random.string(24);
      kb().intents.set(intent_id, {
        intent_id,
        seq: kb().nextSeq++,
        group_id: request.group_id,
        question: request.question,
        ...(request.similar_questions === undefined ? {} : { similar_questions: request.similar_questions }),
        answers: request.answers,
      });
      return { intent_id };
    }),
    route(world, 'knowledge.delIntent', ({ request }) => {
      kb().intents.delete(intent(world, request.intent_id).intent_id);
      return {};
    }),
    route(world, 'knowledge.modIntent', ({ request }) => {
      const target = intent(world, request.intent_id);
      if (request.question !== undefined) {
        questionTaken(world, request.question.text.content, target.intent_id);
      }
      if (request.answers !== undefined) checkAnswers(world, request.answers);
      if (request.question !== undefined) target.question = request.question;
      if (request.similar_questions !== undefined) target.similar_questions = request.similar_questions;
      if (request.answers !== undefined) target.answers = request.answers;
      return {};
    }),
    route(world, 'knowledge.listIntent', ({ request }) => {
      const all = [...kb().intents.values()].filter(
        (i) =>
          (request.group_id === undefined || i.group_id === request.group_id) &&
          (request.intent_id === undefined || i.intent_id === request.intent_id),
      );
      const { items, next_cursor, has_more } = page(all, request.cursor, request.limit);
      return {
        next_cursor,
        has_more,
        intent_list: items.map((i) => ({
          group_id: i.group_id,
          intent_id: i.intent_id,
          question: structuredClone(i.question),
          ...(i.similar_questions === undefined
            ? {}
            : { similar_questions: structuredClone(i.similar_questions) }),
          answers: i.answers.map((answer) => ({
            text: { ...answer.text },
            ...(answer.attachments === undefined
              ? {}
              : { attachments: answer.attachments.map((a) => listedAttachment(world, a)) }),
          })),
        })),
      };
    }),
  ];
}
