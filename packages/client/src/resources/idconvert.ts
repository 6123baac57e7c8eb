import type { IdconvertOpenKfidRequest, IdconvertOpenKfidResponse } from '@kf/types';
import type { Core } from '../internal/core.js';
import { callEndpoint } from '../internal/endpoint.js';
import type { KfCallOptions } from '../options.js';

/** `kf.idconvert`: ID转换 for third-party and 代开发 apps (`/cgi-bin/idconvert/*`). */
export class IdconvertResource {
  readonly #core: Core;

  /** @internal Created by `KfClient`. */
  constructor(core: Core) {
    this.#core = core;
  }

  /**
   * `POST /idconvert/open_kfid` (微信客服ID的转换, official doc 97110): the provider's
   * (服务商主体) `open_kfid` of each of the corp's (企业主体), 1–1000 per call; ids that cannot be
   * converted come back in `invalid_open_kfid_list`. Only a third-party or 代开发 app's token may
   * call it (a self-built app gets 48002). A pure lookup: retried like any read.
   */
  openKfid(request: IdconvertOpenKfidRequest, options?: KfCallOptions): Promise<IdconvertOpenKfidResponse> {
    return callEndpoint(this.#core, 'idconvert.openKfid', request, options);
  }
}
