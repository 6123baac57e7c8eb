import type * as z from 'zod';
import {
  AccountAddRequest,
  AccountAddResponse,
  AccountDelRequest,
  AccountDelResponse,
  AccountListRequest,
  AccountListResponse,
  AccountUpdateRequest,
  AccountUpdateResponse,
  AddContactWayRequest,
  AddContactWayResponse,
} from './account.js';
import { GetCorpQualificationRequest, GetCorpQualificationResponse } from './corp.js';
import {
  CustomerBatchgetRequest,
  CustomerBatchgetResponse,
  CustomerCancelUpgradeServiceRequest,
  CustomerCancelUpgradeServiceResponse,
  CustomerGetUpgradeServiceConfigRequest,
  CustomerGetUpgradeServiceConfigResponse,
  CustomerUpgradeServiceRequest,
  CustomerUpgradeServiceResponse,
} from './customer.js';
import { IdconvertOpenKfidRequest, IdconvertOpenKfidResponse } from './idconvert.js';
import {
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
import { MediaGetRequest, MediaUploadQuery, MediaUploadResponse } from './media.js';
import {
  SendMsgOnEventRequest,
  SendMsgOnEventResponse,
  SendMsgRequest,
  SendMsgResponse,
  SyncMsgRequest,
  SyncMsgResponse,
} from './message.js';
import {
  ServiceStateGetRequest,
  ServiceStateGetResponse,
  ServiceStateTransRequest,
  ServiceStateTransResponse,
} from './service-state.js';
import {
  ServicerAddRequest,
  ServicerAddResponse,
  ServicerDelRequest,
  ServicerDelResponse,
  ServicerListRequest,
  ServicerListResponse,
} from './servicer.js';
import {
  GetCorpStatisticRequest,
  GetCorpStatisticResponse,
  GetServicerStatisticRequest,
  GetServicerStatisticResponse,
} from './statistic.js';
import { GetTokenRequest, GetTokenResponse } from './token.js';

/**
 * Where an endpoint's request goes on the wire: a JSON body (POST), the query string (GET), or the
 * query string plus a `multipart/form-data` body (`media/upload`).
 */
export type KfEndpointRequestIn = 'body' | 'query' | 'query+multipart';

/** One endpoint of the API: how it is called and the schemas of its request and success response. */
export interface KfEndpointDefinition {
  /** HTTP method the platform documents. */
  readonly method: 'GET' | 'POST';
  /** Path under the host, e.g. `/cgi-bin/kf/account/add`. */
  readonly path: string;
  /** Where the request fields travel. */
  readonly requestIn: KfEndpointRequestIn;
  /** Strict schema of the request fields (body or query). */
  readonly request: z.ZodType;
  /**
   * Loose schema of the success body, or `null` for `media/get`, whose success body is the file's
   * bytes (only its errors are JSON, described by `KfErrorResponse`).
   */
  readonly response: z.ZodType | null;
  /** Whether the call needs `?access_token=` (every call but `gettoken`). */
  readonly authenticated: boolean;
}

const post = <Req extends z.ZodType, Res extends z.ZodType>(path: string, request: Req, response: Res) =>
  ({ method: 'POST', path, requestIn: 'body', request, response, authenticated: true }) as const;
const get = <Req extends z.ZodType, Res extends z.ZodType | null>(
  path: string,
  request: Req,
  response: Res,
) => ({ method: 'GET', path, requestIn: 'query', request, response, authenticated: true }) as const;

/**
 * Every endpoint of the API (28 kf endpoints plus `media/upload`, `media/get`, `gettoken` and the
 * third-party `idconvert/open_kfid`), keyed by the client's method name, which mirrors the URL: the
 * path after `/cgi-bin/kf/` (after `/cgi-bin/` outside kf) with its segments camelCased
 * (`/kf/service_state/trans` → `serviceState.trans`, `/idconvert/open_kfid` → `idconvert.openKfid`).
 *
 * The client and the mock both read this table, so a path, a method or a schema is written once.
 */
export const KfEndpoints = {
  'account.add': post('/cgi-bin/kf/account/add', AccountAddRequest, AccountAddResponse),
  'account.del': post('/cgi-bin/kf/account/del', AccountDelRequest, AccountDelResponse),
  'account.update': post('/cgi-bin/kf/account/update', AccountUpdateRequest, AccountUpdateResponse),
  'account.list': post('/cgi-bin/kf/account/list', AccountListRequest, AccountListResponse),
  addContactWay: post('/cgi-bin/kf/add_contact_way', AddContactWayRequest, AddContactWayResponse),
  'servicer.add': post('/cgi-bin/kf/servicer/add', ServicerAddRequest, ServicerAddResponse),
  'servicer.del': post('/cgi-bin/kf/servicer/del', ServicerDelRequest, ServicerDelResponse),
  'servicer.list': get('/cgi-bin/kf/servicer/list', ServicerListRequest, ServicerListResponse),
  'serviceState.get': post('/cgi-bin/kf/service_state/get', ServiceStateGetRequest, ServiceStateGetResponse),
  'serviceState.trans': post(
    '/cgi-bin/kf/service_state/trans',
    ServiceStateTransRequest,
    ServiceStateTransResponse,
  ),
  syncMsg: post('/cgi-bin/kf/sync_msg', SyncMsgRequest, SyncMsgResponse),
  sendMsg: post('/cgi-bin/kf/send_msg', SendMsgRequest, SendMsgResponse),
  sendMsgOnEvent: post('/cgi-bin/kf/send_msg_on_event', SendMsgOnEventRequest, SendMsgOnEventResponse),
  'customer.batchget': post(
    '/cgi-bin/kf/customer/batchget',
    CustomerBatchgetRequest,
    CustomerBatchgetResponse,
  ),
  'customer.getUpgradeServiceConfig': get(
    '/cgi-bin/kf/customer/get_upgrade_service_config',
    CustomerGetUpgradeServiceConfigRequest,
    CustomerGetUpgradeServiceConfigResponse,
  ),
  'customer.upgradeService': post(
    '/cgi-bin/kf/customer/upgrade_service',
    CustomerUpgradeServiceRequest,
    CustomerUpgradeServiceResponse,
  ),
  'customer.cancelUpgradeService': post(
    '/cgi-bin/kf/customer/cancel_upgrade_service',
    CustomerCancelUpgradeServiceRequest,
    CustomerCancelUpgradeServiceResponse,
  ),
  getCorpQualification: get(
    '/cgi-bin/kf/get_corp_qualification',
    GetCorpQualificationRequest,
    GetCorpQualificationResponse,
  ),
  getCorpStatistic: post('/cgi-bin/kf/get_corp_statistic', GetCorpStatisticRequest, GetCorpStatisticResponse),
  getServicerStatistic: post(
    '/cgi-bin/kf/get_servicer_statistic',
    GetServicerStatisticRequest,
    GetServicerStatisticResponse,
  ),
  'knowledge.addGroup': post(
    '/cgi-bin/kf/knowledge/add_group',
    KnowledgeAddGroupRequest,
    KnowledgeAddGroupResponse,
  ),
  'knowledge.delGroup': post(
    '/cgi-bin/kf/knowledge/del_group',
    KnowledgeDelGroupRequest,
    KnowledgeDelGroupResponse,
  ),
  'knowledge.modGroup': post(
    '/cgi-bin/kf/knowledge/mod_group',
    KnowledgeModGroupRequest,
    KnowledgeModGroupResponse,
  ),
  'knowledge.listGroup': post(
    '/cgi-bin/kf/knowledge/list_group',
    KnowledgeListGroupRequest,
    KnowledgeListGroupResponse,
  ),
  'knowledge.addIntent': post(
    '/cgi-bin/kf/knowledge/add_intent',
    KnowledgeAddIntentRequest,
    KnowledgeAddIntentResponse,
  ),
  'knowledge.delIntent': post(
    '/cgi-bin/kf/knowledge/del_intent',
    KnowledgeDelIntentRequest,
    KnowledgeDelIntentResponse,
  ),
  'knowledge.modIntent': post(
    '/cgi-bin/kf/knowledge/mod_intent',
    KnowledgeModIntentRequest,
    KnowledgeModIntentResponse,
  ),
  'knowledge.listIntent': post(
    '/cgi-bin/kf/knowledge/list_intent',
    KnowledgeListIntentRequest,
    KnowledgeListIntentResponse,
  ),
  'media.upload': {
    ...post('/cgi-bin/media/upload', MediaUploadQuery, MediaUploadResponse),
    requestIn: 'query+multipart',
  },
  'media.get': get('/cgi-bin/media/get', MediaGetRequest, null),
  'idconvert.openKfid': post(
    '/cgi-bin/idconvert/open_kfid',
    IdconvertOpenKfidRequest,
    IdconvertOpenKfidResponse,
  ),
  getToken: { ...get('/cgi-bin/gettoken', GetTokenRequest, GetTokenResponse), authenticated: false },
} as const satisfies Record<string, KfEndpointDefinition>;

/** A key of {@link KfEndpoints}: the client method that calls the endpoint (`'serviceState.trans'`). */
export type KfEndpointName = keyof typeof KfEndpoints;

/**
 * The request fields of an endpoint, as the caller writes them. (The output type: request schemas
 * have no defaults or transforms, and routing pre-steps make some input types `unknown`.)
 */
export type KfEndpointRequest<N extends KfEndpointName> = z.output<(typeof KfEndpoints)[N]['request']>;

/** The parsed success body of an endpoint (`never` for `media/get`, whose success body is bytes). */
export type KfEndpointResponse<N extends KfEndpointName> =
  (typeof KfEndpoints)[N]['response'] extends z.ZodType
    ? z.output<(typeof KfEndpoints)[N]['response']>
    : never;
