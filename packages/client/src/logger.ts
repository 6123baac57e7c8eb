/** Severity of a log line, lowest first. */
export type KfLogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Where the client writes what it does. Any object with these four methods works (`console`,
 * pino, winston). Every message and field is redacted before it gets here: no access token,
 * secret or credential query parameter is ever passed to a logger.
 */
export interface KfLogger {
  /** Each attempt and its outcome. */
  debug(message: string, fields?: Record<string, unknown>): void;
  /** Token refreshes. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Retries, response-validation mismatches in `'warn'` mode, failing hooks. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Failures the client could not report otherwise. */
  error(message: string, fields?: Record<string, unknown>): void;
}
