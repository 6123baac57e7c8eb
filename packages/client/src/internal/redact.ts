/**
 * Query parameters that carry a credential. Their values are replaced wherever a URL or a text is
 * kept on an error, logged, or handed to a hook (octokit redacts `access_token=` the same way).
 */
const SECRET_PARAMS = /([?&](?:access_token|corpsecret|secret|token|echostr)=)[^&#\s"']*/gi;

/** What replaces a secret. */
export const REDACTED = '[REDACTED]';

/** The URL with every credential-bearing query value replaced by {@link REDACTED}. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, `$1${REDACTED}`);
}

/**
 * Removes known secret values and credential query parameters from a free text, such as a
 * platform `errmsg` or the message of a network error, before it is kept or logged.
 */
export function redactText(text: string, secrets: Iterable<string>): string {
  let out = redactUrl(text);
  for (const secret of secrets) {
    // Short values would blank out ordinary words; real secrets and tokens are long.
    if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  return out;
}
