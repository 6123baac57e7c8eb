import * as z from 'zod';
import { ResponseEnvelope } from './internal/envelope.js';
import { chars, flag } from './internal/limits.js';
import { looseObject } from './internal/loose.js';
import { zeroMeansDefault } from './request-facts.js';

/**
 * A string that is one of `Known` in every documented case but may be something new: typed
 * `Known | (string & {})` so editors still offer the known values.
 */
function openString<Known extends string>(): z.ZodType<Known | (string & {})> {
  return z.string() as z.ZodType<Known | (string & {})>;
}

/**
 * Page size of `list_group` and `list_intent`: 1–1000; the platform defaults to 500. `0` reads as
 * the default (the docs give no minimum; SDKs send `0` for "not set").
 */
const pageLimit = zeroMeansDefault(
  z
    .number()
    .int()
    .min(1, { message: 'limit must be between 1 and 1000' })
    .max(1000, { message: 'limit must be between 1 and 1000' }),
);

/** 分组名: unique, at most 12 characters. */
const groupName = chars('name', 12, { min: 1 });

// ---------------------------------------------------------------------------------------------
// Groups (知识库分组管理, doc 95971). Self-built apps only; at most 100 groups.
// ---------------------------------------------------------------------------------------------

/** A knowledge-base group (知识库分组). */
export const KfKnowledgeGroup = looseObject({
  /** 分组ID. */
  group_id: z.string(),
  /** 分组名. */
  name: z.string(),
  /** 是否为默认分组: 1 for the group the system created, which can be neither renamed nor deleted. */
  is_default: flag,
});
export type KfKnowledgeGroup = z.infer<typeof KfKnowledgeGroup>;

/** `POST /cgi-bin/kf/knowledge/add_group` (添加分组). Names are unique; at most 100 groups. */
export const KnowledgeAddGroupRequest = z.strictObject({
  /** 分组名: 1–12 characters. */
  name: groupName,
});
export type KnowledgeAddGroupRequest = z.infer<typeof KnowledgeAddGroupRequest>;

/** Success body of `knowledge/add_group`. */
export const KnowledgeAddGroupResponse = looseObject({
  ...ResponseEnvelope.shape,
  /** 分组ID. */
  group_id: z.string(),
});
export type KnowledgeAddGroupResponse = z.infer<typeof KnowledgeAddGroupResponse>;

/** `POST /cgi-bin/kf/knowledge/del_group` (删除分组). The default group cannot be deleted. */
export const KnowledgeDelGroupRequest = z.strictObject({
  /** 分组ID. */
  group_id: z.string().min(1),
});
export type KnowledgeDelGroupRequest = z.infer<typeof KnowledgeDelGroupRequest>;

/** Success body of `knowledge/del_group`: the envelope only. */
export const KnowledgeDelGroupResponse = looseObject({ ...ResponseEnvelope.shape });
export type KnowledgeDelGroupResponse = z.infer<typeof KnowledgeDelGroupResponse>;

/** `POST /cgi-bin/kf/knowledge/mod_group` (修改分组). The default group cannot be renamed. */
export const KnowledgeModGroupRequest = z.strictObject({
  /** 分组ID. */
  group_id: z.string().min(1),
  /** New 分组名: 1–12 characters. */
  name: groupName,
});
export type KnowledgeModGroupRequest = z.infer<typeof KnowledgeModGroupRequest>;

/** Success body of `knowledge/mod_group`: the envelope only. */
export const KnowledgeModGroupResponse = looseObject({ ...ResponseEnvelope.shape });
export type KnowledgeModGroupResponse = z.infer<typeof KnowledgeModGroupResponse>;

/** `POST /cgi-bin/kf/knowledge/list_group` (获取分组列表). */
export const KnowledgeListGroupRequest = z.strictObject({
  /** The previous page's `next_cursor`; omit on the first call. */
  cursor: z.string().optional(),
  /** Page size, 1–1000; the platform defaults to 500. */
  limit: pageLimit.optional(),
  /** Fetch this group only. */
  group_id: z.string().optional(),
});
export type KnowledgeListGroupRequest = z.infer<typeof KnowledgeListGroupRequest>;

/** Success body of `knowledge/list_group`. */
export const KnowledgeListGroupResponse = looseObject({
  ...ResponseEnvelope.shape,
  /**
   * 分页游标 for the next call. Optional and never defaulted: an empty cursor would restart the
   * listing from the first page, so when it is absent keep the cursor you already have.
   */
  next_cursor: z.string().optional(),
  /** 是否还有更多数据: 0 no, 1 yes. */
  has_more: flag,
  /** 分组列表. */
  group_list: z.array(KfKnowledgeGroup),
});
export type KnowledgeListGroupResponse = z.infer<typeof KnowledgeListGroupResponse>;

// ---------------------------------------------------------------------------------------------
// Q&A (知识库问答管理, doc 95972). Questions are unique across groups; at most 200 per group.
// ---------------------------------------------------------------------------------------------

/** Attachment types of an answer (附录-问答附件类型). */
export const KfKnowledgeAttachmentType = {
  /** 图片. */
  Image: 'image',
  /** 视频. */
  Video: 'video',
  /** 链接 (图文). */
  Link: 'link',
  /** 小程序. */
  MiniProgram: 'miniprogram',
} as const;
export type KfKnowledgeAttachmentType =
  (typeof KfKnowledgeAttachmentType)[keyof typeof KfKnowledgeAttachmentType];

/** `{ text: { content } }`, the wrapper the platform puts around every question and answer text. */
function textInput(label: string, max: number) {
  return z.strictObject({
    /** 文本. */
    text: z.strictObject({
      /** 文本内容. */
      content: chars(label, max, { min: 1 }),
    }),
  });
}

/**
 * An answer attachment as sent to `add_intent` / `mod_intent`: `{ msgtype, <msgtype>: {...} }`.
 * Which fields are required is not in the text we could read (the appendix is [U]); we require
 * what no attachment can do without and leave the rest optional.
 */
export const KfKnowledgeAttachmentInput = z.discriminatedUnion('msgtype', [
  z.strictObject({
    /** 图片. */
    msgtype: z.literal(KfKnowledgeAttachmentType.Image),
    /** 图片附件. */
    image: z.strictObject({
      /** 图片的 media_id, from `media/upload`. */
      media_id: z.string().min(1),
    }),
  }),
  z.strictObject({
    /** 视频. */
    msgtype: z.literal(KfKnowledgeAttachmentType.Video),
    /** 视频附件. */
    video: z.strictObject({
      /** 视频的 media_id, from `media/upload`. */
      media_id: z.string().min(1),
    }),
  }),
  z.strictObject({
    /** 链接. */
    msgtype: z.literal(KfKnowledgeAttachmentType.Link),
    /**
     * 图文链接. The picture field is `pic_url`, as in the official `list_intent` example; one peer
     * SDK (silenceper/wechat) spells it `picurl`, which this strict schema rejects and a lenient
     * reader ignores as an unknown field (the link then has no cover).
     */
    link: z.strictObject({
      /** 标题. */
      title: z.string().min(1),
      /** 封面图片 URL. */
      pic_url: z.string().optional(),
      /** 描述. */
      desc: z.string().optional(),
      /** 点击后跳转的链接. */
      url: z.string().min(1),
    }),
  }),
  z.strictObject({
    /** 小程序. */
    msgtype: z.literal(KfKnowledgeAttachmentType.MiniProgram),
    /** 小程序附件. */
    miniprogram: z.strictObject({
      /** 小程序标题. */
      title: z.string().optional(),
      /** 小程序封面的 media_id, from `media/upload`. */
      thumb_media_id: z.string().optional(),
      /** 小程序 appid (a mini program linked to the corp). */
      appid: z.string().min(1),
      /** 点击后打开的小程序页面路径. */
      pagepath: z.string().min(1),
    }),
  }),
]);
export type KfKnowledgeAttachmentInput = z.infer<typeof KfKnowledgeAttachmentInput>;

/** An answer as sent to `add_intent` / `mod_intent`. */
export const KfKnowledgeAnswerInput = z.strictObject({
  ...textInput('answers[].text.content', 500).shape,
  /** 回答附件列表: at most 4. */
  attachments: z
    .array(KfKnowledgeAttachmentInput)
    .max(4, { message: 'answers[].attachments may hold at most 4 attachments' })
    .optional(),
});
export type KfKnowledgeAnswerInput = z.infer<typeof KfKnowledgeAnswerInput>;

/** The three parts of a Q&A as sent to `add_intent` / `mod_intent`, each with its documented limits. */
const intentParts = {
  /** 主问题: text of at most 200 characters. */
  question: textInput('question.text.content', 200),
  /** 相似问题: at most 100, each of at most 200 characters. */
  similar_questions: z.strictObject({
    /** 相似问题列表. */
    items: z
      .array(textInput('similar_questions.items[].text.content', 200))
      .max(100, { message: 'similar_questions.items may hold at most 100 questions' })
      .optional(),
  }),
  /** 回答列表: the platform currently takes exactly one answer. */
  answers: z
    .array(KfKnowledgeAnswerInput)
    .min(1, { message: 'answers must hold exactly 1 answer (the only number supported for now)' })
    .max(1, { message: 'answers must hold exactly 1 answer (the only number supported for now)' }),
};

/** `POST /cgi-bin/kf/knowledge/add_intent` (添加问答). */
export const KnowledgeAddIntentRequest = z.strictObject({
  /** 分组ID. */
  group_id: z.string().min(1),
  /** 主问题: text of 1–200 characters. */
  question: intentParts.question,
  /** 相似问题: at most 100, each of 1–200 characters. */
  similar_questions: intentParts.similar_questions.optional(),
  /** 回答列表: exactly 1 answer of 1–500 characters with at most 4 attachments. */
  answers: intentParts.answers,
});
export type KnowledgeAddIntentRequest = z.infer<typeof KnowledgeAddIntentRequest>;

/** Success body of `knowledge/add_intent`. */
export const KnowledgeAddIntentResponse = looseObject({
  ...ResponseEnvelope.shape,
  /** 问答ID. */
  intent_id: z.string(),
});
export type KnowledgeAddIntentResponse = z.infer<typeof KnowledgeAddIntentResponse>;

/** `POST /cgi-bin/kf/knowledge/del_intent` (删除问答). */
export const KnowledgeDelIntentRequest = z.strictObject({
  /** 问答ID. */
  intent_id: z.string().min(1),
});
export type KnowledgeDelIntentRequest = z.infer<typeof KnowledgeDelIntentRequest>;

/** Success body of `knowledge/del_intent`: the envelope only. */
export const KnowledgeDelIntentResponse = looseObject({ ...ResponseEnvelope.shape });
export type KnowledgeDelIntentResponse = z.infer<typeof KnowledgeDelIntentResponse>;

/**
 * `POST /cgi-bin/kf/knowledge/mod_intent` (修改问答). Send any of `question`, `similar_questions`
 * and `answers` (at least one); each part sent replaces the stored one as a whole. The doc states
 * the length limits on `add_intent` only; the same fields carry the same limits here.
 */
export const KnowledgeModIntentRequest = z
  .strictObject({
    /** 问答ID. */
    intent_id: z.string().min(1),
    /** New 主问题. */
    question: intentParts.question.optional(),
    /** New 相似问题 (replaces all of them). */
    similar_questions: intentParts.similar_questions.optional(),
    /** New 回答列表 (replaces it). */
    answers: intentParts.answers.optional(),
  })
  .refine(
    (body) =>
      body.question !== undefined || body.similar_questions !== undefined || body.answers !== undefined,
    {
      message: 'mod_intent needs at least one of question, similar_questions and answers',
      path: ['question'],
    },
  );
export type KnowledgeModIntentRequest = z.infer<typeof KnowledgeModIntentRequest>;

/** Success body of `knowledge/mod_intent`: the envelope only. */
export const KnowledgeModIntentResponse = looseObject({ ...ResponseEnvelope.shape });
export type KnowledgeModIntentResponse = z.infer<typeof KnowledgeModIntentResponse>;

/** `POST /cgi-bin/kf/knowledge/list_intent` (获取问答列表). Every filter is optional. */
export const KnowledgeListIntentRequest = z.strictObject({
  /** The previous page's `next_cursor`; omit on the first call. */
  cursor: z.string().optional(),
  /** Page size, 1–1000; the platform defaults to 500. */
  limit: pageLimit.optional(),
  /** Only the Q&As of this group. */
  group_id: z.string().optional(),
  /** Only this Q&A. */
  intent_id: z.string().optional(),
});
export type KnowledgeListIntentRequest = z.infer<typeof KnowledgeListIntentRequest>;

/** `{ text: { content } }` as the platform returns it. */
const KfKnowledgeText = looseObject({
  /** 文本. */
  text: looseObject({
    /** 文本内容. */
    content: z.string(),
  }),
});

/** A media attachment in a list: the platform returns only the file name, not the media id. */
const KfKnowledgeMediaName = looseObject({
  /** 文件名. */
  name: z.string(),
});

/**
 * An answer attachment as `list_intent` returns it. One object with an optional payload per type,
 * rather than a union, so that a type the platform adds later parses instead of failing the page.
 */
export const KfKnowledgeAttachment = looseObject({
  /** 附件类型, see {@link KfKnowledgeAttachmentType}; the payload is under the key of that name. */
  msgtype: openString<KfKnowledgeAttachmentType>(),
  /** 图片: its file name only. */
  image: KfKnowledgeMediaName.optional(),
  /** 视频: its file name only. */
  video: KfKnowledgeMediaName.optional(),
  /** 链接. */
  link: looseObject({
    /** 标题. */
    title: z.string(),
    /** 封面图片 URL. */
    pic_url: z.string().optional(),
    /** 描述. */
    desc: z.string().optional(),
    /** 跳转链接. */
    url: z.string(),
  }).optional(),
  /** 小程序: title, appid and page path (no cover). */
  miniprogram: looseObject({
    /** 小程序标题. */
    title: z.string().optional(),
    /** 小程序 appid. */
    appid: z.string(),
    /** 小程序页面路径. */
    pagepath: z.string(),
  }).optional(),
});
export type KfKnowledgeAttachment = z.infer<typeof KfKnowledgeAttachment>;

/** An answer as `list_intent` returns it. */
export const KfKnowledgeAnswer = looseObject({
  ...KfKnowledgeText.shape,
  /** 回答附件列表 (at most 4); absent when the answer has none. */
  attachments: z.array(KfKnowledgeAttachment).optional(),
});
export type KfKnowledgeAnswer = z.infer<typeof KfKnowledgeAnswer>;

/** 相似问题 as `list_intent` returns them. */
const KfKnowledgeSimilarQuestions = looseObject({
  /** 相似问题列表. */
  items: z.array(KfKnowledgeText).optional(),
});

/**
 * 主问题 of a `list_intent` item. The official example nests `similar_questions` and `answers` in
 * here, against its own field table (which puts them at item level); both are read in that place
 * too, and {@link KfKnowledgeIntent} copies them up to item level.
 */
const KfKnowledgeIntentQuestion = looseObject({
  ...KfKnowledgeText.shape,
  /** 相似问题, where the official example puts them (see {@link KfKnowledgeIntent}). */
  similar_questions: KfKnowledgeSimilarQuestions.optional(),
  /** 回答列表, where the official example puts it (see {@link KfKnowledgeIntent}). */
  answers: z.array(KfKnowledgeAnswer).optional(),
});

/** A `list_intent` item as received, before `similar_questions` and `answers` are moved up. */
const KfKnowledgeIntentWire = looseObject({
  /** 分组ID. */
  group_id: z.string(),
  /** 问答ID. */
  intent_id: z.string(),
  /** 主问题 (in the official example's shape, also holding the two fields below). */
  question: KfKnowledgeIntentQuestion,
  /** 相似问题; optional in requests, so it may be absent here. */
  similar_questions: KfKnowledgeSimilarQuestions.optional(),
  /** 回答列表 (currently one answer); may instead be inside `question`. */
  answers: z.array(KfKnowledgeAnswer).optional(),
});

/**
 * A Q&A (知识库问答) as `list_intent` returns it. The field table puts `similar_questions` and
 * `answers` at item level, the official example nests them in `question`: both shapes are
 * accepted. After parsing they are always at item level: when the item-level one is missing, the
 * one inside `question` is copied up (`question` itself is left as received). `answers` is then
 * `[]` if neither place has it; `similar_questions` stays absent (it is optional in requests).
 */
export const KfKnowledgeIntent = KfKnowledgeIntentWire.transform(
  (item): z.output<typeof KfKnowledgeIntentWire> & { answers: KfKnowledgeAnswer[] } => {
    const similar_questions = item.similar_questions ?? item.question.similar_questions;
    return {
      ...item,
      ...(similar_questions === undefined ? {} : { similar_questions }),
      answers: item.answers ?? item.question.answers ?? [],
    };
  },
);
export type KfKnowledgeIntent = z.infer<typeof KfKnowledgeIntent>;

/** Success body of `knowledge/list_intent`. */
export const KnowledgeListIntentResponse = looseObject({
  ...ResponseEnvelope.shape,
  /**
   * 分页游标 for the next call. Optional and never defaulted: an empty cursor would restart the
   * listing from the first page, so when it is absent keep the cursor you already have.
   */
  next_cursor: z.string().optional(),
  /** 是否还有更多数据: 0 no, 1 yes. */
  has_more: flag,
  /** 问答摘要列表. */
  intent_list: z.array(KfKnowledgeIntent),
});
export type KnowledgeListIntentResponse = z.infer<typeof KnowledgeListIntentResponse>;
