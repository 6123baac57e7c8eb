import { GetTokenResponse } from '@kf/types';
import { KfResponseValidationError } from '../errors.js';
import type { Core } from '../internal/core.js';
import { specOf } from '../internal/endpoint.js';
import type { FetchedToken } from '../internal/token-manager.js';

/**
 * `GET /cgi-bin/gettoken`: a new access token. The response is always validated, whatever the
 * validation mode: without `access_token` and `expires_in` there is nothing to cache.
 */
export async function fetchToken(core: Core, corpId: string, secret: string): Promise<FetchedToken> {
  const body = await core.json<Record<string, unknown>>(
    specOf('getToken', { corpid: corpId, corpsecret: secret }),
    undefined,
    null,
  );
  const parsed = GetTokenResponse.safeParse(body);
  if (!parsed.success) {
    throw new KfResponseValidationError({
      endpoint: 'getToken',
      // The received values are never quoted: the body holds the token.
      issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })),
    });
  }
  return { access_token: parsed.data.access_token, expires_in: parsed.data.expires_in };
}
