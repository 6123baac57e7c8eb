/**
 * The support bot as a service: `KF_CORP_ID=... KF_SECRET=... KF_TOKEN=... KF_ENCODING_AES_KEY=...
 * PORT=8080 pnpm --filter kf-example start`. Reads its configuration from the environment (see
 * `config.ts`), listens on the callback URL and answers customers until SIGINT / SIGTERM.
 */

import { BotConfigError, configFromEnv } from './config.js';
import { consoleLogger, isLogLevel } from './console-logger.js';
import { startBotServer } from './server.js';

const level = process.env.LOG_LEVEL;
const logger = consoleLogger(isLogLevel(level) ? level : 'info');

let config: ReturnType<typeof configFromEnv>;
try {
  config = configFromEnv(process.env);
} catch (error) {
  if (!(error instanceof BotConfigError)) throw error;
  console.error(error.message);
  console.error('\nTo see the bot work with nothing configured, run `pnpm demo` from the repository root.');
  process.exit(1);
}

const server = await startBotServer({ config, logger });
logger.info(
  `kf support bot listening: callback URL ${server.callbackUrl} ` +
    `(enter its public address in 微信客服 → API → 回调配置) against ${config.baseURL ?? 'the WeCom API'}`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info(`${signal}: finishing the running pull and stopping`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('could not stop cleanly', { error });
        process.exit(1);
      },
    );
  });
}
