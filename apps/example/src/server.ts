import { createServer } from 'node:http';
import type { KfConsumer, KfLogger } from '@kf/client';
import { createCallbackHandler, KfClient } from '@kf/client';
import { toNodeListener } from '@kf/client/node';
import type { KfMsg } from '@kf/types';
import type { BotActivity } from './activity.js';
import { SupportBot } from './bot.js';
import type { BotConfig } from './config.js';
import { FileCursorStore } from './cursor-file.js';
import { type SharedStores, sharedStores } from './redis.js';

/** The path of the callback URL (the one to enter in the admin console, after the host). */
export const CALLBACK_PATH = '/callback';

/** Options of {@link startBotServer}. */
export interface BotServerOptions {
  /** Credentials, callback secrets, where to listen. */
  readonly config: BotConfig;
  /** Where the client, the consumer, the callback handler and the bot log; default nowhere. */
  readonly logger?: KfLogger;
  /** Everything the bot does, e.g. for a transcript. */
  readonly onActivity?: (activity: BotActivity) => void;
  /** Clock in epoch milliseconds for every part; default `Date.now`. For tests against a mock clock. */
  readonly now?: () => number;
  /** Called after the bot handled a message (its msgid is then done), e.g. to know when a demo step is over. */
  readonly onHandled?: (msg: KfMsg) => void;
}

/** A running bot service. */
export interface BotServer {
  /** The callback URL, e.g. `http://127.0.0.1:8080/callback`. */
  readonly callbackUrl: string;
  /** The port it listens on (useful with `port: 0`). */
  readonly port: number;
  readonly client: KfClient;
  readonly bot: SupportBot;
  readonly consumer: KfConsumer;
  /** Resolves when no pull is running (the bot has handled everything it was told about). */
  idle(): Promise<void>;
  /** Stops taking callbacks, lets the running pull finish (cursor saved), and closes the port. */
  close(): Promise<void>;
}

/**
 * Starts the bot service: a `node:http` server whose {@link CALLBACK_PATH} is the callback URL
 * (GET: URL verification; POST: `kf_msg_or_event` notifications), a {@link KfConsumer} that pulls
 * `sync_msg` for each notified account, and the {@link SupportBot} that handles every message.
 *
 * The pieces, in the order a message meets them:
 * 1. WeCom POSTs an encrypted notification → `createCallbackHandler` checks the signature, decrypts
 *    it and answers `success` at once;
 * 2. its `onEvent` is the consumer's: the account's pump pulls `sync_msg` with the notification's
 *    `Token` from the saved cursor, skipping msgids it already handled;
 * 3. each new message goes to `bot.handle`, which answers through the same client.
 */
export async function startBotServer(options: BotServerOptions): Promise<BotServer> {
  const { config, logger, now } = options;
  // The platform's own warnings (retries, refused callbacks, failed pulls) go to the same logger.
  const common = {
    ...(logger === undefined ? {} : { logger, logLevel: 'warn' as const }),
    ...(now === undefined ? {} : { now }),
  };
  // With KF_REDIS_URL, every replica shares the token, cursors, handled msgids and leases.
  const shared: SharedStores | undefined =
    config.redisUrl === undefined
      ? undefined
      : await sharedStores(config.redisUrl, config.corpId, config.redisPrefix);
  const client = new KfClient({
    corpId: config.corpId,
    secret: config.secret,
    ...(shared === undefined ? {} : { tokenStore: shared.tokenStore }),
    ...(config.baseURL === undefined ? {} : { baseURL: config.baseURL }),
    ...common,
  });
  const bot = new SupportBot({
    client,
    ...(logger === undefined ? {} : { logger }),
    ...(now === undefined ? {} : { now }),
    ...(options.onActivity === undefined ? {} : { onActivity: options.onActivity }),
  });
  const consumer = client.consumer({
    ...(shared !== undefined
      ? shared.consumer
      : config.cursorFile === undefined
        ? {}
        : { cursorStore: new FileCursorStore(config.cursorFile) }),
    handler: async (msg) => {
      await bot.handle(msg);
      options.onHandled?.(msg);
    },
    accounts: config.accounts,
    ...common,
  });
  const callback = createCallbackHandler({
    token: config.token,
    encodingAESKey: config.encodingAESKey,
    corpId: config.corpId,
    onEvent: consumer.onEvent,
    ...common,
  });
  const listener = toNodeListener(callback);

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === CALLBACK_PATH) {
      void listener(req, res);
    } else if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  consumer.start();

  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the server is not listening on a port');
  const { port } = address;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return {
    callbackUrl: `http://${host.includes(':') ? `[${host}]` : host}:${port}${CALLBACK_PATH}`,
    port,
    client,
    bot,
    consumer,
    idle: () => consumer.idle(),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await consumer.stop();
      await closed;
      await shared?.close();
    },
  };
}
