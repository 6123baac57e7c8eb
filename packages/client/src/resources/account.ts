import type {
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
  KfAccount,
} from '@kf/types';
import { KfInvalidArgumentError } from '../errors.js';
import type { Core } from '../internal/core.js';
import { callEndpoint } from '../internal/endpoint.js';
import { listOf } from '../internal/paginate.js';
import type { KfCallOptions } from '../options.js';

/** The platform's default and largest `account/list` page. */
const ACCOUNT_PAGE_LIMIT = 100;

/** `kf.account`: 客服账号管理 (`/cgi-bin/kf/account/*`). */
export class AccountResource {
  readonly #core: Core;

  /** @internal Created by `KfClient`. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * `POST /kf/account/add` (添加客服账号): creates an account. Not retried after an ambiguous
   * failure unless `retryUnsafe: true` is set for the call: a lost response may hide a created
   * account, and the replay would create a second one.
   */
  add(request: AccountAddRequest, options?: KfCallOptions): Promise<AccountAddResponse> {
    return callEndpoint(this.#core, 'account.add', request, options);
  }

  /**
   * `POST /kf/account/del` (删除客服账号). Retried after an ambiguous failure; if the lost attempt
   * had deleted the account, the retry throws the API error 95004 (open_kfid does not exist,
   * `KfInvalidRequestError`), which after such a failure may mean "already deleted".
   */
  del(request: AccountDelRequest, options?: KfCallOptions): Promise<AccountDelResponse> {
    return callEndpoint(this.#core, 'account.del', request, options);
  }

  /** `POST /kf/account/update` (修改客服账号): omitted fields keep their value. */
  update(request: AccountUpdateRequest, options?: KfCallOptions): Promise<AccountUpdateResponse> {
    return callEndpoint(this.#core, 'account.update', request, options);
  }

  /** `POST /kf/account/list` (获取客服账号列表): one page (`offset`, `limit` 1–100). */
  list(request: AccountListRequest = {}, options?: KfCallOptions): Promise<AccountListResponse> {
    return callEndpoint(this.#core, 'account.list', request, options);
  }

  /**
   * Every account, page after page from `request.offset` (default 0) with `request.limit`
   * (default 100). Stops at the first page with fewer accounts than `limit`, the rule of the docs.
   * A `limit` outside 1–100 or a negative `offset` throws `KfInvalidArgumentError` before any
   * request (a `limit` of 0 would never end).
   */
  async *listAll(request: AccountListRequest = {}, options?: KfCallOptions): AsyncGenerator<KfAccount, void> {
    const limit = request.limit ?? ACCOUNT_PAGE_LIMIT;
    let offset = request.offset ?? 0;
    const issues = [];
    if (!Number.isInteger(limit) || limit < 1 || limit > ACCOUNT_PAGE_LIMIT) {
      issues.push({ path: ['limit'], message: `must be an integer from 1 to ${ACCOUNT_PAGE_LIMIT}` });
    }
    if (!Number.isInteger(offset) || offset < 0) {
      issues.push({ path: ['offset'], message: 'must be an integer ≥ 0' });
    }
    if (issues.length > 0) throw new KfInvalidArgumentError({ issues, subject: 'account.listAll arguments' });
    for (;;) {
      const page = await this.list({ offset, limit }, options);
      const accounts = listOf<KfAccount>('account.list', page);
      yield* accounts;
      if (accounts.length < limit) return;
      offset += accounts.length;
    }
  }
}

/** `POST /kf/add_contact_way` (获取客服账号链接). */
export function addContactWay(
  core: Core,
  request: AddContactWayRequest,
  options: KfCallOptions | undefined,
): Promise<AddContactWayResponse> {
  return callEndpoint(core, 'addContactWay', request, options);
}
