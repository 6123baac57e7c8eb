import type { GetCorpQualificationResponse } from '@kf/types';
import type { Core } from '../internal/core.js';
import { callEndpoint } from '../internal/endpoint.js';
import type { KfCallOptions } from '../options.js';

/** `GET /kf/get_corp_qualification` (获取视频号绑定状态). */
export function getCorpQualification(
  core: Core,
  options: KfCallOptions | undefined,
): Promise<GetCorpQualificationResponse> {
  return callEndpoint(core, 'getCorpQualification', {}, options);
}
