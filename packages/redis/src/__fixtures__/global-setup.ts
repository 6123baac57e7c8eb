import { connect } from 'node:net';
import type { TestProject } from 'vitest/node';

/** The server the tests use: `KF_REDIS_URL`, or the one the project's machines run. */
export const REDIS_URL = process.env.KF_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether a Redis answers PING at `url` (loopback only, half a second at most). */
function ping(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis URL when a server answers; `undefined` otherwise (the suites are skipped). */
    redisUrl: string | undefined;
  }
}

/**
 * Looks for Redis once for the whole run: without one the Redis suites are skipped with one line
 * saying why, unless `KF_REQUIRE_REDIS=1` (CI), where a missing Redis fails the run.
 */
export default async function setup(project: TestProject): Promise<void> {
  const up = await ping(REDIS_URL);
  if (!up) {
    if (process.env.KF_REQUIRE_REDIS === '1') {
      throw new Error(`@kf/redis: no Redis answers at ${REDIS_URL}, and KF_REQUIRE_REDIS=1 requires one`);
    }
    // biome-ignore lint/suspicious/noConsole: the one line that says why the Redis suites are skipped
    console.warn(`@kf/redis: skipping the Redis tests: no Redis answers at ${REDIS_URL} (set KF_REDIS_URL)`);
  }
  project.provide('redisUrl', up ? REDIS_URL : undefined);
}
