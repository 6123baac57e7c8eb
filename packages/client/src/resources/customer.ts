import type {
  CustomerBatchgetRequest,
  CustomerBatchgetResponse,
  CustomerCancelUpgradeServiceRequest,
  CustomerCancelUpgradeServiceResponse,
  CustomerGetUpgradeServiceConfigResponse,
  CustomerUpgradeServiceRequest,
  CustomerUpgradeServiceResponse,
} from '@kf/types';
import type { Core } from '../internal/core.js';
import { callEndpoint } from '../internal/endpoint.js';
import type { KfCallOptions } from '../options.js';

/** `kf.customer`: 客户信息 and 升级服务 (`/cgi-bin/kf/customer/*`). */
export class CustomerResource {
  readonly #core: Core;

  /** @internal Created by `KfClient`. */
  constructor(core: Core) {
    this.#core = core;
  }

  /** `POST /kf/customer/batchget` (获取客户基础信息): 1–100 ids. */
  batchget(request: CustomerBatchgetRequest, options?: KfCallOptions): Promise<CustomerBatchgetResponse> {
    return callEndpoint(this.#core, 'customer.batchget', request, options);
  }

  /** `GET /kf/customer/get_upgrade_service_config` (获取配置的专员与客户群). */
  getUpgradeServiceConfig(options?: KfCallOptions): Promise<CustomerGetUpgradeServiceConfigResponse> {
    return callEndpoint(this.#core, 'customer.getUpgradeServiceConfig', {}, options);
  }

  /** `POST /kf/customer/upgrade_service` (为客户升级为专员或客户群服务). */
  upgradeService(
    request: CustomerUpgradeServiceRequest,
    options?: KfCallOptions,
  ): Promise<CustomerUpgradeServiceResponse> {
    return callEndpoint(this.#core, 'customer.upgradeService', request, options);
  }

  /** `POST /kf/customer/cancel_upgrade_service` (为客户取消推荐). */
  cancelUpgradeService(
    request: CustomerCancelUpgradeServiceRequest,
    options?: KfCallOptions,
  ): Promise<CustomerCancelUpgradeServiceResponse> {
    return callEndpoint(this.#core, 'customer.cancelUpgradeService', request, options);
  }
}
