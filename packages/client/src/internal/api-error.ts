import { describeErrorCode, KF_CREDENTIAL_CODES } from '@kf/types/errors';
import {
  KfApiError,
  type KfApiErrorInit,
  KfAuthenticationError,
  KfBusinessRuleError,
  KfConfigurationError,
  KfInvalidRequestError,
  KfPermissionError,
  KfPlatformBusyError,
  KfRateLimitError,
} from '../errors.js';

/** The most specific error class for a non-zero `errcode`, filled from the error-code table. */
export function createApiError(init: KfApiErrorInit): KfApiError {
  const entry = describeErrorCode(init.errcode);
  const info = {
    ...init,
    category: entry?.category,
    meaning: entry?.en,
    retryable: entry?.retryable,
    remediation: entry?.hint,
  };
  switch (entry?.category) {
    case 'auth':
      return new KfAuthenticationError(info);
    case 'config':
      return new KfConfigurationError({ ...info, credential: KF_CREDENTIAL_CODES.get(init.errcode) });
    case 'rate_limit':
      return new KfRateLimitError(info);
    case 'busy':
      return new KfPlatformBusyError(info);
    case 'invalid_request':
    case 'media':
      return new KfInvalidRequestError(info);
    case 'kf_rule':
      return new KfBusinessRuleError(info);
    case 'permission':
      return new KfPermissionError(info);
    default:
      // A 95xxx code the table does not list is still a 微信客服 rule (95021 of upgrade_service,
      // codes the platform adds later).
      if (init.errcode >= 95000 && init.errcode <= 95999) return new KfBusinessRuleError(info);
      return new KfApiError(info);
  }
}
