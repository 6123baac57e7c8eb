/**
 * 5. Mock server throughput: requests/s of the standalone mock (`start()` of `@kf/mock/server`)
 * for `account/list` and `send_msg`, against a bare `node:http` server answering the same JSON
 * (the mock's own `account/list` body, byte for byte; a `send_msg` body of the same shape), each
 * in its own process, driven by the same loopback load generator (`pool` + raw `fetch`) from this
 * process. Figure: requests/s, mock ÷ bare, sequentially and 64 in flight (goal ≥ 0.7, issue 15).
 */
import { fork } from 'node:child_process';
import {
  type BenchmarkResult,
  type Figure,
  figure,
  paired,
  pool,
  type RunSettings,
  timeIt,
} from './harness.js';
import { startLoopback } from './loopback.js';

interface MockReady {
  readonly url: string;
  readonly open_kfid: string;
  readonly customers: readonly string[];
}

/** Forks `mock-server-child.js` and waits for its address. */
async function startMockServer() {
  const child = fork(new URL('./mock-server-child.js', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<MockReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the mock server did not start within 20 s')), 20_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as MockReady);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the mock server exited with ${code}`));
    });
  });
  return {
    ...ready,
    /** Every customer writes again: 5 more sends each. */
    refill: () =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('the mock server did not refill within 10 s')),
          10_000,
        );
        child.once('message', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send('refill');
      }),
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

const post = async (url: string, body: string): Promise<{ errcode?: unknown }> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return (await response.json()) as { errcode?: unknown };
};

export async function benchMockServer(settings: RunSettings): Promise<BenchmarkResult> {
  const mock = await startMockServer();
  let bare: Awaited<ReturnType<typeof startLoopback>> | undefined;
  try {
    const gettoken = (await (
      await fetch(`${mock.url}/cgi-bin/gettoken?corpid=ww0000000000mock&corpsecret=kf-mock-secret`)
    ).json()) as { access_token?: unknown };
    if (typeof gettoken.access_token !== 'string') throw new Error('mock gettoken failed');
    const token = encodeURIComponent(gettoken.access_token);
    const listBody = await (
      await fetch(`${mock.url}/cgi-bin/kf/account/list?access_token=${token}`, { method: 'POST', body: '{}' })
    ).text();
    // The bare server answers the mock's own account/list body and a send_msg body of its shape.
    bare = await startLoopback({
      '/cgi-bin/kf/account/list': listBody,
      '/cgi-bin/kf/send_msg': JSON.stringify({
        errcode: 0,
        errmsg: 'ok',
        msgid: 'BENCH0123456789abcdef0123456789ab',
      }),
    });
    const bareUrl = bare.url;

    let sendNo = 0;
    const request = {
      'account.list': (base: string) => async () => {
        const json = await post(`${base}/cgi-bin/kf/account/list?access_token=${token}`, '{}');
        if (json.errcode !== 0) throw new Error(`account/list answered ${String(json.errcode)}`);
      },
      send_msg: (base: string) => async () => {
        // Round robin over the customers: each gets at most 5 sends per refill (the quota).
        const touser = mock.customers[sendNo++ % mock.customers.length];
        const json = await post(
          `${base}/cgi-bin/kf/send_msg?access_token=${token}`,
          JSON.stringify({
            touser,
            open_kfid: mock.open_kfid,
            msgtype: 'text',
            text: { content: '您好，请问有什么可以帮您？' },
          }),
        );
        if (json.errcode !== 0) throw new Error(`send_msg answered ${String(json.errcode)}`);
      },
    } as const;
    const modes = [
      { label: 'sequential', concurrency: 1, perRound: 200 },
      { label: '64 in flight', concurrency: 64, perRound: 640 },
    ];
    const rounds = settings.quick ? 5 : 11;
    const figures: Figure[] = [];
    for (const [endpoint, make] of Object.entries(request)) {
      for (const mode of modes) {
        // Each round starts from a fresh quota (5 sends per customer; 640 ≤ 128 × 5), outside the timing.
        const run = (base: string) => async () => {
          if (endpoint === 'send_msg') {
            await mock.refill();
            sendNo = 0;
          }
          return timeIt(() => pool(mode.perRound, mode.concurrency, make(base)).then(() => undefined));
        };
        const result = await paired({ warmup: 2, rounds, maxMs: 12_000 }, run(mock.url), run(bareUrl));
        const name = `${endpoint}, ${mode.label}`;
        figures.push(
          figure(
            {
              name: `${name}: mock ÷ bare node:http (requests/s)`,
              unit: 'ratio',
              baseline: `a bare node:http server answering the same JSON in its own process, same load generator, same run (${mode.perRound} requests a round)`,
              goal: { op: '>=', value: 0.7 },
            },
            result.ratio.map((r) => 1 / r),
          ),
          figure(
            { name: `${name}: mock throughput`, unit: 'requests/s', context: true },
            result.candidate.map((ms) => (mode.perRound / ms) * 1000),
          ),
          figure(
            { name: `${name}: bare node:http throughput`, unit: 'requests/s', context: true },
            result.baseline.map((ms) => (mode.perRound / ms) * 1000),
          ),
        );
      }
    }
    return {
      id: 5,
      title: 'Mock server throughput (standalone mock vs bare node:http)',
      status: 'done',
      figures,
    };
  } finally {
    await bare?.close();
    await mock.close();
  }
}
