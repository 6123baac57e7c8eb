import type {
  GetCorpStatisticRequest,
  GetCorpStatisticResponse,
  GetServicerStatisticRequest,
  GetServicerStatisticResponse,
} from '@kf/types';
import type { Core } from '../internal/core.js';
import { callEndpoint } from '../internal/endpoint.js';
import type { KfCallOptions } from '../options.js';

/** `POST /kf/get_corp_statistic` (企业汇总数据). */
export function getCorpStatistic(
  core: Core,
  request: GetCorpStatisticRequest,
  options: KfCallOptions | undefined,
): Promise<GetCorpStatisticResponse> {
  return callEndpoint(core, 'getCorpStatistic', request, options);
}

/** `POST /kf/get_servicer_statistic` (接待人员明细数据). */
export function getServicerStatistic(
  core: Core,
  request: GetServicerStatisticRequest,
  options: KfCallOptions | undefined,
): Promise<GetServicerStatisticResponse> {
  return callEndpoint(core, 'getServicerStatistic', request, options);
}
