import type {
  ServiceStateGetRequest,
  ServiceStateGetResponse,
  ServiceStateTransRequest,
  ServiceStateTransResponse,
} from '@kf/types';
import type { Core } from '../internal/core.js';
import { callEndpoint } from '../internal/endpoint.js';
import type { KfCallOptions } from '../options.js';

/** `kf.serviceState`: 会话状态 (`/cgi-bin/kf/service_state/*`). */
export class ServiceStateResource {
  readonly #core: Core;

  /** @internal Created by `KfClient`. */
  constructor(core: Core) {
    this.#core = core;
  }

  /** `POST /kf/service_state/get` (获取会话状态). */
  get(request: ServiceStateGetRequest, options?: KfCallOptions): Promise<ServiceStateGetResponse> {
    return callEndpoint(this.#core, 'serviceState.get', request, options);
  }

  /**
   * `POST /kf/service_state/trans` (变更会话状态). Not retried after an ambiguous failure unless
   * `retryUnsafe: true` is set for the call: a lost response would lose the one-shot `msg_code`, and the
   * replay would be refused as an illegal transition (95016).
   */
  trans(request: ServiceStateTransRequest, options?: KfCallOptions): Promise<ServiceStateTransResponse> {
    return callEndpoint(this.#core, 'serviceState.trans', request, options);
  }
}
