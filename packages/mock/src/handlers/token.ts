import type { HttpHandler } from 'msw';
import { fail } from '../internal/api-failure.js';
import { route } from '../internal/pipeline.js';
import { issueToken } from '../internal/tokens.js';
import type { World } from '../internal/world.js';

/** `gettoken`: issues tokens for the configured corp and secret only. */
export function tokenHandlers(world: World): HttpHandler[] {
  return [
    route(
      world,
      'getToken',
      ({ request }) => {
        if (request.corpid !== world.options.corpId) return fail(40013, 'invalid corpid');
        if (request.corpsecret !== world.options.corpSecret) return fail(40001, 'invalid credential');
        const token = issueToken(world);
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
