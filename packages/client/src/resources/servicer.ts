import type {
  ServicerAddRequest,
  ServicerAddResponse,
  ServicerDelRequest,
  ServicerDelResponse,
  ServicerListRequest,
  ServicerListResponse,
} from '@kf/types';
import type { Core } from '../internal/core.js';
import { callEndpoint } from '../internal/endpoint.js';
import type { KfCallOptions } from '../options.js';

/** `kf.servicer`: 接待人员管理 (`/cgi-bin/kf/servicer/*`). */
export class ServicerResource {
  readonly #core: Core;

  /** @internal Created by `KfClient`. */
  constructor(core: Core) {
    this.#core = core;
  }

  /** `POST /kf/servicer/add` (添加接待人员): per-item results are in `result_list`. */
  add(request: ServicerAddRequest, options?: KfCallOptions): Promise<ServicerAddResponse> {
    return callEndpoint(this.#core, 'servicer.add', request, options);
  }

  /** `POST /kf/servicer/del` (删除接待人员): per-item results are in `result_list`. */
  del(request: ServicerDelRequest, options?: KfCallOptions): Promise<ServicerDelResponse> {
    return callEndpoint(this.#core, 'servicer.del', request, options);
  }

  /** `GET /kf/servicer/list?open_kfid=` (获取接待人员列表). */
  list(request: ServicerListRequest, options?: KfCallOptions): Promise<ServicerListResponse> {
    return callEndpoint(this.#core, 'servicer.list', request, options);
  }
}
