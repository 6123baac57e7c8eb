/** What the bot service needs to run against the platform (or a mock). */
export interface BotConfig {
  /** 企业ID (`KF_CORP_ID`). */
  readonly corpId: string;
  /** Secret of the app in 「微信客服 - 可调用接口的应用」 (`KF_SECRET`). */
  readonly secret: string;
  /** The callback Token configured with the URL (`KF_TOKEN`). */
  readonly token: string;
  /** The callback EncodingAESKey, 43 letters or digits (`KF_ENCODING_AES_KEY`). */
  readonly encodingAESKey: string;
  /** The port the callback URL listens on (`PORT`, default 8080; 0 = any free port). */
  readonly port: number;
  /** The interface to listen on (`HOST`, default `0.0.0.0`). */
  readonly host: string;
  /** Where the API is (`KF_BASE_URL`, default the platform): point it at `kf-mock` or a proxy. */
  readonly baseURL?: string;
  /** kf accounts to pull at start-up, before any callback (`KF_OPEN_KFIDS`, comma-separated). */
  readonly accounts: readonly string[];
  /**
   * Where the sync cursors are saved (`KF_CURSOR_FILE`, default `kf-cursors.json`), so a restart
   * goes on where it stopped; without it (tests, the demo) they live in memory.
   */
  readonly cursorFile?: string;
  /**
   * Redis for running several replicas (`KF_REDIS_URL`, e.g. `redis://127.0.0.1:6379`): the access
   * token, cursors, handled msgids and per-account leases are shared there, and `cursorFile` is
   * not used. Without it everything stays in this process.
   */
  readonly redisUrl?: string;
  /** First part of every Redis key (`KF_REDIS_PREFIX`, default `kf`): one per environment. */
  readonly redisPrefix?: string;
}

/** The environment variables are missing or malformed; `problems` lists each, never a secret's value. */
export class BotConfigError extends Error {
  override readonly name = 'BotConfigError';
  /** One line per problem. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`the bot cannot start:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** What {@link mockBotConfig} needs of a running standalone `kf-mock` (its `start()` result). */
export interface LocalMock {
  readonly url: string;
  readonly mock: { readonly credentials: { readonly corpId: string; readonly secret: string } };
}

/**
 * The configuration of a bot that talks to a standalone `kf-mock` on loopback (the demo and the
 * tests): the mock's credentials and URL, a free port, no accounts pulled before a callback.
 */
export function mockBotConfig(
  local: LocalMock,
  callback: { readonly token: string; readonly encodingAESKey: string },
  more: Partial<BotConfig> = {},
): BotConfig {
  return {
    corpId: local.mock.credentials.corpId,
    secret: local.mock.credentials.secret,
    token: callback.token,
    encodingAESKey: callback.encodingAESKey,
    port: 0,
    host: '127.0.0.1',
    baseURL: local.url,
    accounts: [],
    ...more,
  };
}

/**
 * Reads {@link BotConfig} from the environment and checks it, reporting every problem at once
 * (not just the first), so a deployment is fixed in one go.
 */
export function configFromEnv(env: Env): BotConfig {
  const problems: string[] = [];
  const required = (name: string, what: string): string => {
    const value = env[name]?.trim() ?? '';
    if (value === '') problems.push(`${name} is not set: ${what}`);
    return value;
  };
  const corpId = required('KF_CORP_ID', 'the corp id (企业ID), from 我的企业 → 企业信息');
  const secret = required(
    'KF_SECRET',
    'the secret of the app that may call the kf API (微信客服 → 可调用接口的应用)',
  );
  const token = required('KF_TOKEN', 'the callback Token set with the callback URL');
  const encodingAESKey = required(
    'KF_ENCODING_AES_KEY',
    'the callback EncodingAESKey set with the callback URL',
  );
  if (token !== '' && !/^[a-zA-Z0-9]{1,32}$/.test(token)) {
    problems.push('KF_TOKEN must be 1 to 32 letters or digits');
  }
  if (encodingAESKey !== '' && !/^[a-zA-Z0-9]{43}$/.test(encodingAESKey)) {
    problems.push(
      `KF_ENCODING_AES_KEY must be exactly 43 letters or digits (it has ${encodingAESKey.length} characters)`,
    );
  }

  const portText = env.PORT?.trim() || '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535)
    problems.push(`PORT must be a port number (0 to 65535), not "${portText}"`);

  const baseURL = env.KF_BASE_URL?.trim() || undefined;
  if (baseURL !== undefined && !/^https?:\/\/[^/]+/.test(baseURL)) {
    problems.push(`KF_BASE_URL must be an http(s) URL, not "${baseURL}"`);
  }

  const redisUrl = env.KF_REDIS_URL?.trim() || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\/[^/]+/.test(redisUrl)) {
    // Only the scheme is quoted: the URL may hold a password.
    problems.push(`KF_REDIS_URL must be a redis:// or rediss:// URL, not a ${redisUrl.split(':')[0]}: one`);
  }
  const redisPrefix = env.KF_REDIS_PREFIX?.trim() || undefined;

  if (problems.length > 0) throw new BotConfigError(problems);
  return {
    corpId,
    secret,
    token,
    encodingAESKey,
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    ...(baseURL === undefined ? {} : { baseURL }),
    cursorFile: env.KF_CURSOR_FILE?.trim() || 'kf-cursors.json',
    ...(redisUrl === undefined ? {} : { redisUrl }),
    ...(redisPrefix === undefined ? {} : { redisPrefix }),
    accounts: (env.KF_OPEN_KFIDS ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
  };
}
