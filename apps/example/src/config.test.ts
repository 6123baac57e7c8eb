import { describe, expect, it } from 'vitest';
import { BotConfigError, configFromEnv } from './config.js';

const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const complete = {
  KF_CORP_ID: 'ww1234567890abcdef',
  KF_SECRET: 'a-very-secret-value',
  KF_TOKEN: 'QDG6eK',
  KF_ENCODING_AES_KEY: AES_KEY,
};

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    configFromEnv(env);
  } catch (error) {
    if (error instanceof BotConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configFromEnv', () => {
  it('reads a complete environment, with PORT 8080 and the platform by default', () => {
    expect(configFromEnv(complete)).toEqual({
      corpId: 'ww1234567890abcdef',
      secret: 'a-very-secret-value',
      token: 'QDG6eK',
      encodingAESKey: AES_KEY,
      port: 8080,
      host: '0.0.0.0',
      accounts: [],
      cursorFile: 'kf-cursors.json',
    });
  });

  it('takes PORT, HOST, KF_BASE_URL, KF_OPEN_KFIDS and KF_CURSOR_FILE', () => {
    const config = configFromEnv({
      ...complete,
      KF_CURSOR_FILE: '/var/lib/kf-bot/cursors.json',
      PORT: '0',
      HOST: '127.0.0.1',
      KF_BASE_URL: 'http://127.0.0.1:4010',
      KF_OPEN_KFIDS: 'wkA, wkB,,',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      baseURL: 'http://127.0.0.1:4010',
      accounts: ['wkA', 'wkB'],
      cursorFile: '/var/lib/kf-bot/cursors.json',
    });
  });

  it('takes KF_REDIS_URL and KF_REDIS_PREFIX for running several replicas; none by default', () => {
    expect(configFromEnv(complete).redisUrl).toBeUndefined();
    const config = configFromEnv({
      ...complete,
      KF_REDIS_URL: 'redis://10.0.0.5:6379/2',
      KF_REDIS_PREFIX: 'prod',
    });
    expect(config).toMatchObject({ redisUrl: 'redis://10.0.0.5:6379/2', redisPrefix: 'prod' });
  });

  it('refuses a KF_REDIS_URL that is not redis:// without quoting it (it may hold a password)', () => {
    const problems = problemsOf({ ...complete, KF_REDIS_URL: 'http://user:hunter2@redis:6379' });
    expect(problems).toEqual(['KF_REDIS_URL must be a redis:// or rediss:// URL, not a http: one']);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('reports every missing variable at once', () => {
    expect(problemsOf({})).toEqual([
      expect.stringMatching(/^KF_CORP_ID is not set/),
      expect.stringMatching(/^KF_SECRET is not set/),
      expect.stringMatching(/^KF_TOKEN is not set/),
      expect.stringMatching(/^KF_ENCODING_AES_KEY is not set/),
    ]);
  });

  it('checks the shapes of the Token, the EncodingAESKey, PORT and KF_BASE_URL', () => {
    expect(
      problemsOf({
        ...complete,
        KF_TOKEN: 'not ok!',
        KF_ENCODING_AES_KEY: 'short',
        PORT: '80a',
        KF_BASE_URL: 'localhost',
      }),
    ).toEqual([
      'KF_TOKEN must be 1 to 32 letters or digits',
      'KF_ENCODING_AES_KEY must be exactly 43 letters or digits (it has 5 characters)',
      'PORT must be a port number (0 to 65535), not "80a"',
      'KF_BASE_URL must be an http(s) URL, not "localhost"',
    ]);
  });

  it('never puts a secret in the error message', () => {
    const env = { ...complete, KF_ENCODING_AES_KEY: `${AES_KEY}x`, PORT: '70000' };
    let message = '';
    try {
      configFromEnv(env);
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message).toMatch(/KF_ENCODING_AES_KEY must be exactly 43/);
    expect(message).not.toContain(AES_KEY);
    expect(message).not.toContain(complete.KF_SECRET);
  });
});
