import type { KfMockUrlVerification } from '../../callbacks.js';
import { CALLBACK_BODY_EXCERPT, KfMockCallbackError } from '../../callbacks.js';
import type { Random } from '../random.js';
import type { ActiveConfig, CallbackCrypto } from './config.js';
import { messageOf, withQuery } from './config.js';
import type { Fetcher } from './http.js';
import { timedRequest } from './http.js';

/** Why an app refuses a verification request, as far as the mock can tell from the outside. */
function whyRefused(status: number, timestamp: string): string {
  if (status === 403) {
    const iso = new Date(Number(timestamp) * 1000).toISOString();
    // The usual cause in tests: the app checks the timestamp against its own clock, and the
    // mock's clock was started or moved elsewhere.
    return `A callback handler answers 403 to a wrong signature (Token or EncodingAESKey), a wrong ReceiveId (corp id), or a timestamp too far from its own clock: this request was signed at ${timestamp} (${iso}, the mock's clock); give the handler the mock's clock (e.g. now: () => mock.clock.now()) or keep the two clocks together.`;
  }
  if (status === 404 || status === 405)
    return 'Is the callback URL the route of the handler, and does it take GET?';
  return 'The admin console would refuse to save this URL.';
}

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
  const query = crypto.encryptEchostr(echo);
  const url = withQuery(config.url, { ...query });
  const answer = await timedRequest(fetcher, url, { method: 'GET' }, config.verifyTimeoutMs);
  if (answer.status === null) {
    throw new KfMockCallbackError(
      `the app did not answer the URL verification: ${answer.error ?? 'no answer'}`,
    );
  }
  const got = { status: answer.status, body: answer.body };
  const excerpt = JSON.stringify(answer.body.slice(0, CALLBACK_BODY_EXCERPT));
  if (answer.status !== 200) {
    throw new KfMockCallbackError(
      `the app answered the URL verification with HTTP ${answer.status} ${excerpt}, not 200 with the decrypted echostr. ${whyRefused(answer.status, query.timestamp)}`,
      { answer: got },
    );
  }
  if (answer.body !== echo) {
    throw new KfMockCallbackError(
      `the app answered the URL verification with ${excerpt} instead of the decrypted echostr ${JSON.stringify(echo)} (exactly these digits: no quotes, no newline)`,
      { answer: got },
    );
  }
  return { url, echo };
}
