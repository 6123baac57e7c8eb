import { randomBytes } from 'node:crypto';
import { createWallClock } from '@kf/mock';
import type { KfMockServer } from '@kf/mock/server';
import { start } from '@kf/mock/server';
import { mockBotConfig } from '../config.js';
import type { BotServer } from '../server.js';
import { startBotServer } from '../server.js';

/** The demo's servicers (客服人员): the first one takes sessions, the second receives transfers. */
export const CONSOLE_SERVICERS = ['zhangsan', 'lisi'] as const;

/** A running console demo: the standalone mock, the bot, and where the console is. */
export interface ConsoleDemo {
  readonly mock: KfMockServer;
  readonly bot: BotServer;
  /** The console page, e.g. `http://127.0.0.1:8080/`. */
  readonly consoleUrl: string;
  close(): Promise<void>;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const secret = (length: number): string =>
  Array.from(randomBytes(length), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');

/**
 * `pnpm demo --console`: the standalone mock and the support bot on loopback ports, the mock's
 * callbacks wired to the bot (URL verified), and a kf account with two servicers and two customers
 * to play in the console at the mock's `/`. Both run until {@link ConsoleDemo.close}.
 */
export async function startConsoleDemo(options: { readonly port?: number } = {}): Promise<ConsoleDemo> {
  const mock = await start({
    port: options.port ?? 0,
    seed: 'kf-demo',
    // The bot checks callback timestamps against the mock's clock (below), so advancing the mock's
    // clock from the console keeps the callbacks valid.
    clock: createWallClock(),
    setup: {
      accounts: [{ name: 'Acme support', servicers: [...CONSOLE_SERVICERS] }],
      customers: [{ nickname: 'Alice' }, { nickname: 'Bob' }],
    },
  });
  let bot: BotServer | undefined;
  try {
    const token = secret(16);
    const encodingAESKey = secret(43);
    bot = await startBotServer({
      config: mockBotConfig(mock, { token, encodingAESKey }),
      now: mock.mock.clock.now,
    });
    mock.mock.callbacks.configure({ url: bot.callbackUrl, token, encodingAESKey });
    await mock.mock.callbacks.verifyUrl();
  } catch (error) {
    await bot?.close();
    await mock.close();
    throw error;
  }
  const running = bot;
  return {
    mock,
    bot: running,
    consoleUrl: `${mock.url}/`,
    async close() {
      await running.close();
      await mock.close();
    },
  };
}
