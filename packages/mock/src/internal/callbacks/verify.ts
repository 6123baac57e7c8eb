import type { KfMockUrlVerification } from '../../callbacks.js';
import { KfMockCallbackError } from '../../callbacks.js';
import type { Random } from '../random.js';
import type { ActiveConfig, CallbackCrypto } from './config.js';
import { messageOf, withQuery } from './config.js';
import type { Fetcher } from './http.js';
import { timedRequest } from './http.js';

/**
 * The URL verification the admin console runs when the URL is saved: a GET with `msg_signature`,
 * `timestamp`, `nonce` and an encrypted `echostr` of 19 random digits. The app must answer 200
 * with exactly the decrypted digits within `verifyTimeoutMs`.
 */
export async function verifyCallbackUrl(
  config: ActiveConfig | undefined,
  random: Random,
  fetcher: Fetcher,
): Promise<KfMockUrlVerification> {
  if (config === undefined) throw new KfMockCallbackError('no callback URL is configured');
  let crypto: CallbackCrypto['crypto'];
  try {
    crypto = (await config.crypto).crypto;
  } catch (cause) {
    throw new KfMockCallbackError(`cannot load the callback crypto: ${messageOf(cause)}`, { cause });
  }
  const echo = random.string(19, '0123456789');
  const url = withQuery(config.url, { ...crypto.encryptEchostr(echo) });
  const answer = await timedRequest(fetcher, url, { method: 'GET' }, config.verifyTimeoutMs);
  if (answer.status === null) {
    throw new KfMockCallbackError(
      `the app did not answer the URL verification: ${answer.error ?? 'no answer'}`,
    );
  }
  if (answer.status !== 200) {
    throw new KfMockCallbackError(`the app answered the URL verification with HTTP ${answer.status}`);
  }
  if (answer.body !== echo) {
    const got = JSON.stringify(answer.body.slice(0, 80));
    throw new KfMockCallbackError(
      `the app answered the URL verification with ${got} instead of the decrypted echostr ${JSON.stringify(echo)}`,
    );
  }
  return { url, echo };
}
