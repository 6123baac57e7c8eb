import type { KfLogger, KfLogLevel } from '@kf/client';

const LEVELS: readonly KfLogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Whether `value` names a log level. */
export function isLogLevel(value: string | undefined): value is KfLogLevel {
  return LEVELS.some((level) => level === value);
}

/**
 * A {@link KfLogger} writing one line per entry to the console: time, level, message, and the
 * error's name and code when there is one. In production use pino or winston instead; any object
 * with `debug`, `info`, `warn` and `error` works.
 */
export function consoleLogger(minimum: KfLogLevel = 'info'): KfLogger {
  const from = LEVELS.indexOf(minimum);
  const write =
    (level: KfLogLevel) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (LEVELS.indexOf(level) < from) return;
      const error = fields?.error;
      const detail =
        error instanceof Error
          ? ` (${error.name}${'errcode' in error ? ` ${String(error.errcode)}` : ''}: ${error.message})`
          : '';
      const line = `${new Date().toISOString()} ${level.padEnd(5)} ${message}${detail}`;
      if (level === 'error' || level === 'warn') console.error(line);
      else console.log(line);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
