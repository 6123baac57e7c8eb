/**
 * One fresh process of benchmark 6. `node startup-child.js kfmock|handwritten` measures, from
 * before the imports, the first `account.list()` through `@kf/client` answered by MSW — with
 * `createKfMock()` + `setupServer(...mock.handlers)`, or with one hand-written MSW handler — and
 * then the same set-up repeated in the warm process (what each further test pays). It prints one
 * JSON line: `{ coldMs, warmMs: number[] }`.
 */
import { performance } from 'node:perf_hooks';

const variant = process.argv[2];
const warmRounds = Number(process.argv[3] ?? '10');
if (variant !== 'kfmock' && variant !== 'handwritten') throw new Error(`unknown variant ${variant}`);

const t0 = performance.now();
const [{ KfClient }, { http, HttpResponse }, { setupServer }] = await Promise.all([
  import('@kf/client'),
  import('msw'),
  import('msw/node'),
]);
const mockModule = variant === 'kfmock' ? await import('@kf/mock') : undefined;

async function once(): Promise<void> {
  if (mockModule !== undefined) {
    const mock = mockModule.createKfMock();
    const server = setupServer(...mock.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      mock.scenario.createAccount({ name: '售后' });
      const kf = new KfClient(mock.credentials);
      const { account_list } = await kf.account.list();
      if (account_list.length !== 1) throw new Error('kf mock: expected one account');
    } finally {
      server.close();
    }
    return;
  }
  const server = setupServer(
    http.all('https://qyapi.weixin.qq.com/cgi-bin/*', ({ request }) => {
      const path = new URL(request.url).pathname;
      if (path === '/cgi-bin/gettoken') {
        return HttpResponse.json({ errcode: 0, errmsg: 'ok', access_token: 'TOKEN', expires_in: 7200 });
      }
      return HttpResponse.json({
        errcode: 0,
        errmsg: 'ok',
        account_list: [
          { open_kfid: 'wk1', name: '售后', avatar: 'https://example.com/a.png', manage_privilege: false },
        ],
      });
    }),
  );
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const kf = new KfClient({ corpId: 'wwhandwritten', secret: 'secret' });
    const { account_list } = await kf.account.list();
    if (account_list.length !== 1) throw new Error('hand-written: expected one account');
  } finally {
    server.close();
  }
}

await once();
const coldMs = performance.now() - t0;
const warmMs: number[] = [];
for (let i = 0; i < warmRounds; i++) {
  const start = performance.now();
  await once();
  warmMs.push(performance.now() - start);
}
process.stdout.write(`${JSON.stringify({ coldMs, warmMs })}\n`);
