import { KfErrorCode } from '@kf/types/errors';
import type { HttpHandler } from 'msw';
import { fail } from '../internal/api-failure.js';
import { route } from '../internal/pipeline.js';
import { issueToken } from '../internal/tokens.js';
import type { World } from '../internal/world.js';

/** `gettoken`: issues tokens for the configured corp and the secret of one of its apps. */
export function tokenHandlers(world: World): HttpHandler[] {
  return [
    route(
      world,
      'getToken',
      ({ request }) => {
        if (request.corpid !== world.options.corpId) return fail(KfErrorCode.InvalidCorpId, 'invalid corpid');
        // Each app of the corp has its own secret; the token acts as that app.
        const app = [...world.state.apps.values()].find(
          (candidate) => candidate.secret === request.corpsecret,
        );
        if (app === undefined) return fail(KfErrorCode.InvalidSecret, 'invalid credential');
        const token = issueToken(world, app.name);
        return {
          access_token: token.token,
          expires_in: Math.max(0, Math.round((token.expiresAt - world.clock.now()) / 1000)),
        };
      },
      // A missing parameter is as empty as an empty one: the schema answers 41002 / 41004 for both.
      { prepare: (fields) => ({ corpid: '', corpsecret: '', ...fields }) },
    ),
  ];
}
