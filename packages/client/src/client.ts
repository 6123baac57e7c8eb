import type {
  AddContactWayRequest,
  AddContactWayResponse,
  GetCorpQualificationResponse,
  GetCorpStatisticRequest,
  GetCorpStatisticResponse,
  GetServicerStatisticRequest,
  GetServicerStatisticResponse,
  KfResponse,
  SendMsgOnEventRequest,
  SendMsgOnEventResponse,
  SendMsgRequest,
  SendMsgResponse,
  SyncMsgRequest,
  SyncMsgResponse,
} from '@kf/types';
import type * as z from 'zod';
import { KfConsumer, type KfConsumerOptions } from './consumer.js';
import { KfInvalidArgumentError } from './errors.js';
import { Core } from './internal/core.js';
import { toQuery } from './internal/endpoint.js';
import { Log } from './internal/log.js';
import { resolveOptions } from './internal/options.js';
import { TokenManager } from './internal/token-manager.js';
import type { KfCallOptions, KfClientOptions } from './options.js';
import { AccountResource, addContactWay } from './resources/account.js';
import { getCorpQualification } from './resources/corp.js';
import { CustomerResource } from './resources/customer.js';
import { IdconvertResource } from './resources/idconvert.js';
import { KnowledgeResource } from './resources/knowledge.js';
import { MediaResource } from './resources/media.js';
import { sendMsg, sendMsgOnEvent, syncMsg, syncMsgPages } from './resources/message.js';
import { ServiceStateResource } from './resources/service-state.js';
import { ServicerResource } from './resources/servicer.js';
import { getCorpStatistic, getServicerStatistic } from './resources/statistic.js';
import { fetchToken } from './resources/token.js';

/** A call to an endpoint the client has no method for (one the platform adds later). */
export interface KfRawRequest {
  /** HTTP method. */
  readonly method: 'GET' | 'POST';
  /** Path under the base URL, e.g. `/cgi-bin/kf/new_api`. The client adds `access_token`. */
  readonly path: string;
  /** Query parameters (never `access_token`). */
  readonly query?: Readonly<Record<string, string | number | boolean>>;
  /** JSON body of a POST. A GET with a body is refused with `KfInvalidArgumentError` before sending. */
  readonly body?: unknown;
  /**
   * Whether replaying the call cannot do harm, so that an ambiguous failure (network error,
   * timeout, −1) is retried; default `false` for POST and `true` for GET.
   */
  readonly idempotent?: boolean;
}

/**
 * The client of the WeCom Customer Service API (微信客服). Method names mirror the URL: the path
 * after `/cgi-bin/kf/` with its segments camelCased (`/kf/service_state/trans` →
 * `kf.serviceState.trans`). Each method takes the documented request body (wire names) and an
 * optional last {@link KfCallOptions}, and resolves with the documented response body.
 *
 * @example
 * ```ts
 * const kf = new KfClient({ corpId: process.env.CORP_ID!, secret: process.env.KF_SECRET! });
 * const { account_list } = await kf.account.list();
 * ```
 */
export class KfClient {
  /** 客服账号管理: `add`, `del`, `update`, `list`, `listAll`. */
  readonly account: AccountResource;
  /** 接待人员管理: `add`, `del`, `list`. */
  readonly servicer: ServicerResource;
  /** 会话状态: `get`, `trans`. */
  readonly serviceState: ServiceStateResource;
  /** 客户信息 and 升级服务. */
  readonly customer: CustomerResource;
  /** 知识库 groups and Q&As, with `listGroupAll` / `listIntentAll`. */
  readonly knowledge: KnowledgeResource;
  /** 临时素材: `upload`, `get`, `getStream`. */
  readonly media: MediaResource;
  /** ID转换 for third-party and 代开发 apps: `openKfid` (`/cgi-bin/idconvert/open_kfid`). */
  readonly idconvert: IdconvertResource;
  readonly #core: Core;
  readonly #tokens: TokenManager;

  /** Checks `options` at once: an unknown or invalid option throws `KfInvalidOptionsError`. */
  constructor(options: KfClientOptions) {
    const resolved = resolveOptions(options);
    const secrets = () => this.#core.secrets();
    const log = new Log(resolved.logger, resolved.logLevel, secrets);
    this.#tokens = new TokenManager({
      corpId: resolved.corpId,
      secret: resolved.secret,
      store: resolved.tokenStore,
      now: resolved.now,
      refreshMargin: resolved.tokenRefreshMargin,
      configErrorCooldown: resolved.configErrorCooldown,
      fetchToken: () => fetchToken(this.#core, resolved.corpId, resolved.secret),
      log,
      sleep: (ms) => resolved.sleep(ms),
    });
    this.#core = new Core(resolved, log, this.#tokens);
    this.account = new AccountResource(this.#core);
    this.servicer = new ServicerResource(this.#core);
    this.serviceState = new ServiceStateResource(this.#core);
    this.customer = new CustomerResource(this.#core);
    this.knowledge = new KnowledgeResource(this.#core);
    this.media = new MediaResource(this.#core);
    this.idconvert = new IdconvertResource(this.#core);
  }

  /**
   * A valid access token: the cached one while fresh, otherwise a new one from `gettoken`
   * (concurrent callers share one request). For calling endpoints outside this client; keep it out
   * of logs.
   */
  getAccessToken(options?: Pick<KfCallOptions, 'signal'>): Promise<string> {
    return this.#tokens.get('getAccessToken', options?.signal);
  }

  /** `POST /kf/add_contact_way` (获取客服账号链接). */
  addContactWay(request: AddContactWayRequest, options?: KfCallOptions): Promise<AddContactWayResponse> {
    return addContactWay(this.#core, request, options);
  }

  /**
   * `POST /kf/sync_msg` (读取消息): one page. Every item of `msg_list` is parsed into the `KfMsg`
   * union; an item it does not recognise becomes a `KfUnknownMsg`, never a failed page.
   */
  syncMsg(request: SyncMsgRequest, options?: KfCallOptions): Promise<SyncMsgResponse> {
    return syncMsg(this.#core, request, options);
  }

  /**
   * Every `sync_msg` page from `request.cursor` on, following `has_more` / `next_cursor`,
   * including empty pages that say more follows. Save each page's `next_cursor` after handling it.
   *
   * @example
   * ```ts
   * for await (const page of kf.syncMsgPages({ open_kfid, token, cursor })) {
   *   for (const msg of page.msg_list) await handle(msg);
   *   await saveCursor(page.next_cursor);
   * }
   * ```
   */
  syncMsgPages(request: SyncMsgRequest, options?: KfCallOptions): AsyncGenerator<SyncMsgResponse, void> {
    return syncMsgPages(this.#core, request, options);
  }

  /**
   * A {@link KfConsumer} pulling with this client: `kf.consumer({ handler })` is
   * `new KfConsumer(kf, { handler })`. Wire it to the callback handler with
   * `onEvent: consumer.onEvent`, then call `start()`.
   */
  consumer(options: KfConsumerOptions): KfConsumer {
    return new KfConsumer(this, options);
  }

  /**
   * `POST /kf/send_msg` (发送消息). Without a `msgid` the client generates one, so a retry after a
   * lost response reuses it and the platform refuses the duplicate instead of delivering twice.
   * When such a retry is refused, the outcome is unknown and `KfSendOutcomeUnknownError` is thrown
   * (the platform's duplicate-msgid code is undocumented). Success means accepted, not delivered.
   */
  sendMsg(request: SendMsgRequest, options?: KfCallOptions): Promise<SendMsgResponse> {
    return sendMsg(this.#core, request, options);
  }

  /** `POST /kf/send_msg_on_event` (发送欢迎语等事件响应消息); `msgid` as for {@link KfClient.sendMsg}. */
  sendMsgOnEvent(request: SendMsgOnEventRequest, options?: KfCallOptions): Promise<SendMsgOnEventResponse> {
    return sendMsgOnEvent(this.#core, request, options);
  }

  /** `GET /kf/get_corp_qualification` (获取视频号绑定状态). */
  getCorpQualification(options?: KfCallOptions): Promise<GetCorpQualificationResponse> {
    return getCorpQualification(this.#core, options);
  }

  /** `POST /kf/get_corp_statistic` (企业汇总数据). */
  getCorpStatistic(
    request: GetCorpStatisticRequest,
    options?: KfCallOptions,
  ): Promise<GetCorpStatisticResponse> {
    return getCorpStatistic(this.#core, request, options);
  }

  /** `POST /kf/get_servicer_statistic` (接待人员明细数据). */
  getServicerStatistic(
    request: GetServicerStatisticRequest,
    options?: KfCallOptions,
  ): Promise<GetServicerStatisticResponse> {
    return getServicerStatistic(this.#core, request, options);
  }

  /**
   * Calls an endpoint this client has no method for, with the same token handling, retries,
   * errors and hooks. The response is the JSON envelope; pass `schema` to validate and type it
   * (under the client's `validateResponses` mode).
   */
  request<S extends z.ZodType>(
    request: KfRawRequest & { readonly schema: S },
    options?: KfCallOptions,
  ): Promise<z.output<S>>;
  request(request: KfRawRequest, options?: KfCallOptions): Promise<KfResponse>;
  async request(
    request: KfRawRequest & { readonly schema?: z.ZodType },
    options?: KfCallOptions,
  ): Promise<unknown> {
    const { method, path } = request;
    const issues = [];
    if (method !== 'GET' && method !== 'POST')
      issues.push({ path: ['method'], message: 'must be GET or POST' });
    if (typeof path !== 'string' || !/^\/[^?#]*$/.test(path)) {
      issues.push({ path: ['path'], message: 'must start with / and have no query or fragment' });
    }
    if (method === 'GET' && request.body !== undefined) {
      issues.push({ path: ['body'], message: 'a GET request cannot have a body; use POST' });
    }
    const query = toQuery(request.query ?? {});
    if (Object.keys(query).some((key) => key.toLowerCase() === 'access_token')) {
      issues.push({ path: ['query', 'access_token'], message: 'is added by the client' });
    }
    if (issues.length > 0) throw new KfInvalidArgumentError({ issues, subject: 'kf.request arguments' });
    return this.#core.json(
      {
        endpoint: path,
        method,
        path,
        query,
        ...(request.body === undefined ? {} : { body: { json: request.body } }),
        authenticated: true,
        idempotent: request.idempotent ?? method === 'GET',
      },
      options,
      request.schema ?? null,
    );
  }
}
