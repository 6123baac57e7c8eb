import type { KfLogger, KfLogLevel } from '../logger.js';
import { REDACTED, redactText } from './redact.js';

const RANK: Record<KfLogLevel | 'off', number> = { debug: 10, info: 20, warn: 30, error: 40, off: 100 };

/** Field names whose values are never logged, whatever they hold. */
const SECRET_FIELD = /^(access_?token|secret|corpsecret|token|encoding_?aes_?key|aes_?key)$/i;

/** A level-filtered logger that redacts every message and string field on the way out. */
export class Log {
  readonly #logger: KfLogger | undefined;
  readonly #rank: number;
  readonly #secrets: () => Iterable<string>;

  constructor(logger: KfLogger | undefined, level: KfLogLevel | 'off', secrets: () => Iterable<string>) {
    this.#logger = logger;
    this.#rank = RANK[level];
    this.#secrets = secrets;
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.#write('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.#write('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.#write('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.#write('error', message, fields);
  }

  #write(level: KfLogLevel, message: string, fields?: Record<string, unknown>): void {
    const logger = this.#logger;
    if (logger === undefined || RANK[level] < this.#rank) return;
    const secrets = [...this.#secrets()];
    const clean = fields === undefined ? undefined : redactFields(fields, secrets);
    try {
      if (clean === undefined) logger[level](redactText(message, secrets));
      else logger[level](redactText(message, secrets), clean);
    } catch {
      // A broken logger must not turn a successful call into a failure; there is nowhere left to
      // report its own failure.
    }
  }
}

function redactFields(fields: Record<string, unknown>, secrets: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_FIELD.test(key)) out[key] = REDACTED;
    else if (typeof value === 'string') out[key] = redactText(value, secrets);
    else out[key] = value;
  }
  return out;
}
