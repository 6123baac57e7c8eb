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
   * failure unless `maxRetries` is set for the call: a lost response may hide a created account.
   */
  add(request: AccountAddRequest, options?: KfCallOptions): Promise<AccountAddResponse> {
    return callEndpoint(this.#core, 'account.add', request, options);
  }

  /** `POST /kf/account/del` (删除客服账号). */
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
   */
  async *listAll(request: AccountListRequest = {}, options?: KfCallOptions): AsyncGenerator<KfAccount, void> {
    const limit = request.limit ?? ACCOUNT_PAGE_LIMIT;
    let offset = request.offset ?? 0;
    for (;;) {
      const page = await this.list({ offset, limit }, options);
      const accounts = listOf<KfAccount>('account.list', page, 'account_list');
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
