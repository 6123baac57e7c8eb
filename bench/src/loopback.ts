import { fork } from 'node:child_process';

/** The forked canned-JSON server. */
export interface Loopback {
  readonly url: string;
  readonly token: string;
  /** Requests per path since the last reset. */
  counts(): Promise<Record<string, number>>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Forks the canned-JSON server. `canned` replaces or adds answers by path (e.g. the exact body
 * another server gives, so that both answer the same bytes).
 */
export async function startLoopback(canned: Readonly<Record<string, string>> = {}): Promise<Loopback> {
  const child = fork(new URL('./loopback-server.js', import.meta.url), [JSON.stringify(canned)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the loopback server did not start within 10 s')),
      10_000,
    );
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as { port: number; token: string });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the loopback server exited with ${code}`));
    });
  });
  const url = `http://127.0.0.1:${ready.port}`;
  return {
    url,
    token: ready.token,
    async counts() {
      const response = await fetch(`${url}/__stats`);
      return (await response.json()) as Record<string, number>;
    },
    async reset() {
      await (await fetch(`${url}/__reset`, { method: 'POST' })).arrayBuffer();
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.disconnect();
      }),
  };
}
