import { KfErrorCode } from '@kf/types/errors';
import { fail } from './api-failure.js';
import { EXPIRED_TOKEN_MEMORY_MS } from './retention.js';
import type { TokenState, World } from './world.js';

/**
 * Checks `?access_token=`: missing or empty → 41001, unknown or revoked → 40014, expired → 42001;
 * a token expired over {@link EXPIRED_TOKEN_MEMORY_MS} ago is forgotten (40014), so pruning it
 * changes no answer.
 */
export function authenticate(world: World, token: string | null): TokenState {
  if (token === null || token === '') return fail(KfErrorCode.MissingAccessToken, 'access_token missing');
  const state = world.state.tokens.get(token);
  const now = world.clock.now();
  if (state === undefined || state.revoked || now >= state.expiresAt + EXPIRED_TOKEN_MEMORY_MS) {
    return fail(KfErrorCode.InvalidAccessToken, 'invalid access_token');
  }
  if (now >= state.expiresAt) fail(KfErrorCode.AccessTokenExpired, 'access_token expired');
  return state;
}

/**
 * The token for a successful `gettoken`: the current one while it is valid (older docs say the
 * platform returns the same token within its lifetime), a new one otherwise.
 */
export function issueToken(world: World, app: string): TokenState {
  const current = world.state.currentTokens.get(app);
  if (current !== undefined && !current.revoked && world.clock.now() < current.expiresAt) return current;
  const token: TokenState = {
    app,
    token: world.random.string(64),
    expiresAt: world.clock.now() + world.options.tokenTtlSeconds * 1000,
    revoked: false,
  };
  world.state.tokens.set(token.token, token);
  world.state.currentTokens.set(app, token);
  return token;
}

/** Invalidates every token handed out so far (the platform may do so before expiry). */
export function revokeTokens(world: World): void {
  for (const token of world.state.tokens.values()) token.revoked = true;
}
