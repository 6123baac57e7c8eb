import type {
  KfKnowledgeGroup,
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
} from '@kf/types';
import type { Core } from '../internal/core.js';
import { callEndpoint } from '../internal/endpoint.js';
import { cursorPages, listOf } from '../internal/paginate.js';
import type { KfCallOptions } from '../options.js';

/** `kf.knowledge`: 知识库 groups and Q&As (`/cgi-bin/kf/knowledge/*`); self-built apps only. */
export class KnowledgeResource {
  readonly #core: Core;

  /** @internal Created by `KfClient`. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * `POST /kf/knowledge/add_group` (添加分组). Not retried after an ambiguous failure unless
   * `retryUnsafe: true` is set for the call: a lost response may hide a created group.
   */
  addGroup(request: KnowledgeAddGroupRequest, options?: KfCallOptions): Promise<KnowledgeAddGroupResponse> {
    return callEndpoint(this.#core, 'knowledge.addGroup', request, options);
  }

  /**
   * `POST /kf/knowledge/del_group` (删除分组). Retried after an ambiguous failure; if the lost
   * attempt had deleted the group, the retry's "does not exist" error is thrown as is.
   */
  delGroup(request: KnowledgeDelGroupRequest, options?: KfCallOptions): Promise<KnowledgeDelGroupResponse> {
    return callEndpoint(this.#core, 'knowledge.delGroup', request, options);
  }

  /** `POST /kf/knowledge/mod_group` (修改分组). */
  modGroup(request: KnowledgeModGroupRequest, options?: KfCallOptions): Promise<KnowledgeModGroupResponse> {
    return callEndpoint(this.#core, 'knowledge.modGroup', request, options);
  }

  /** `POST /kf/knowledge/list_group` (获取分组列表): one page. */
  listGroup(
    request: KnowledgeListGroupRequest = {},
    options?: KfCallOptions,
  ): Promise<KnowledgeListGroupResponse> {
    return callEndpoint(this.#core, 'knowledge.listGroup', request, options);
  }

  /** Every group, following `has_more` / `next_cursor` from `request.cursor`. */
  async *listGroupAll(
    request: KnowledgeListGroupRequest = {},
    options?: KfCallOptions,
  ): AsyncGenerator<KfKnowledgeGroup, void> {
    const pages = cursorPages('knowledge.listGroup', request.cursor, (cursor) =>
      this.listGroup({ ...request, ...(cursor === undefined ? {} : { cursor }) }, options),
    );
    for await (const page of pages) yield* listOf<KfKnowledgeGroup>('knowledge.listGroup', page);
  }

  /**
   * `POST /kf/knowledge/add_intent` (添加问答). Not retried after an ambiguous failure unless
   * `retryUnsafe: true` is set for the call: a lost response may hide a created Q&A.
   */
  addIntent(
    request: KnowledgeAddIntentRequest,
    options?: KfCallOptions,
  ): Promise<KnowledgeAddIntentResponse> {
    return callEndpoint(this.#core, 'knowledge.addIntent', request, options);
  }

  /**
   * `POST /kf/knowledge/del_intent` (删除问答). Retried after an ambiguous failure; if the lost
   * attempt had deleted the Q&A, the retry's "does not exist" error is thrown as is.
   */
  delIntent(
    request: KnowledgeDelIntentRequest,
    options?: KfCallOptions,
  ): Promise<KnowledgeDelIntentResponse> {
    return callEndpoint(this.#core, 'knowledge.delIntent', request, options);
  }

  /** `POST /kf/knowledge/mod_intent` (修改问答): each part given replaces the old one whole. */
  modIntent(
    request: KnowledgeModIntentRequest,
    options?: KfCallOptions,
  ): Promise<KnowledgeModIntentResponse> {
    return callEndpoint(this.#core, 'knowledge.modIntent', request, options);
  }

  /** `POST /kf/knowledge/list_intent` (获取问答列表): one page. */
  listIntent(
    request: KnowledgeListIntentRequest = {},
    options?: KfCallOptions,
  ): Promise<KnowledgeListIntentResponse> {
    return callEndpoint(this.#core, 'knowledge.listIntent', request, options);
  }

  /** Every Q&A matching the filters, following `has_more` / `next_cursor` from `request.cursor`. */
  async *listIntentAll(
    request: KnowledgeListIntentRequest = {},
    options?: KfCallOptions,
  ): AsyncGenerator<KfKnowledgeIntent, void> {
    const pages = cursorPages('knowledge.listIntent', request.cursor, (cursor) =>
      this.listIntent({ ...request, ...(cursor === undefined ? {} : { cursor }) }, options),
    );
    for await (const page of pages) yield* listOf<KfKnowledgeIntent>('knowledge.listIntent', page);
  }
}
