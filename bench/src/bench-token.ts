/**
 * 2. Token single-flight: 1000 concurrent calls on a client with a cold token cache. Figures: the
 * number of gettoken requests the server saw (must be 1) and the time until all resolved, as a
 * ratio against the unavoidable part measured in the same run.
 */
import { KfClient } from '@kf/client';
import { type BenchmarkResult, figure, pool, type RunSettings, stats, timeIt } from './harness.js';
import { startLoopback } from './loopback.js';

const CONCURRENT = 1000;

export async function benchToken(settings: RunSettings): Promise<BenchmarkResult> {
  const server = await startLoopback();
  try {
    const base = server.url;
    const newClient = () =>
      new KfClient({ corpId: 'wwbench0000000001', secret: 'bench-secret', baseURL: base });
    const rawGettoken = async () => {
      const response = await fetch(
        `${base}/cgi-bin/gettoken?corpid=wwbench0000000001&corpsecret=bench-secret`,
      );
      const json = (await response.json()) as { access_token?: unknown };
      if (typeof json.access_token !== 'string') throw new Error('raw gettoken failed');
      return json.access_token;
    };
    const rawList = async (token: string) => {
      const response = await fetch(`${base}/cgi-bin/kf/account/list?access_token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const json = (await response.json()) as { errcode?: unknown };
      if (json.errcode !== 0) throw new Error('raw account/list failed');
    };

    const rounds = settings.quick ? 4 : 7;
    const tokenRatio: number[] = [];
    const listRatio: number[] = [];
    const tokenMs: number[] = [];
    const listMs: number[] = [];
    const gettokenTokens: number[] = [];
    const gettokenLists: number[] = [];
    for (let round = -1; round < rounds; round++) {
      // (a) 1000 concurrent getAccessToken() on a fresh client, versus one raw gettoken. Both
      // take about a millisecond, so each round takes the median of 5 of each (5 fresh clients).
      const aTimes: number[] = [];
      const aBases: number[] = [];
      let aCount = 0;
      for (let i = 0; i < 5; i++) {
        await server.reset();
        const client = newClient();
        aTimes.push(
          await timeIt(async () => {
            const tokens = await Promise.all(
              Array.from({ length: CONCURRENT }, () => client.getAccessToken()),
            );
            if (new Set(tokens).size !== 1) throw new Error('getAccessToken returned different tokens');
          }),
        );
        aCount = Math.max(aCount, (await server.counts())['/cgi-bin/gettoken'] ?? 0);
        aBases.push(
          await timeIt(async () => {
            await rawGettoken();
          }),
        );
      }
      const a = stats(aTimes).median;
      const aBase = stats(aBases).median;

      // (b) 1000 concurrent account.list() on a fresh client, versus one raw gettoken followed
      // by 1000 concurrent raw account/list requests (what a perfect single-flight would do).
      // The order alternates between rounds, as in every paired measurement.
      const rawBurst = () =>
        timeIt(async () => {
          const token = await rawGettoken();
          await pool(CONCURRENT, CONCURRENT, () => rawList(token));
        });
      const earlyBase = round % 2 === 0 ? await rawBurst() : undefined;
      await server.reset();
      const client2 = newClient();
      const b = await timeIt(() =>
        Promise.all(Array.from({ length: CONCURRENT }, () => client2.account.list())).then(() => undefined),
      );
      const bCount = (await server.counts())['/cgi-bin/gettoken'] ?? 0;
      const bBase = earlyBase ?? (await rawBurst());
      if (round < 0) continue; // warm-up
      tokenRatio.push(a / aBase);
      listRatio.push(b / bBase);
      tokenMs.push(a);
      listMs.push(b);
      gettokenTokens.push(aCount);
      gettokenLists.push(bCount);
    }
    const figures = [
      figure(
        {
          name: `${CONCURRENT} concurrent getAccessToken(), cold: gettoken requests (most of 5 fresh clients)`,
          unit: 'count',
          goal: { op: '==', value: 1 },
        },
        gettokenTokens,
      ),
      figure(
        {
          name: `${CONCURRENT} concurrent account.list(), cold: gettoken requests`,
          unit: 'count',
          goal: { op: '==', value: 1 },
        },
        gettokenLists,
      ),
      figure(
        {
          name: `${CONCURRENT} concurrent getAccessToken(): time to all resolved ÷ one raw gettoken`,
          unit: 'ratio',
          baseline:
            'one raw fetch of gettoken, same server, same run (each round: the median of 5 fresh clients against the median of 5 raw fetches)',
        },
        tokenRatio,
      ),
      figure(
        {
          name: `${CONCURRENT} concurrent account.list(): time to all resolved ÷ raw (1 gettoken + ${CONCURRENT} account/list)`,
          unit: 'ratio',
          baseline: `one raw gettoken, then ${CONCURRENT} concurrent raw account/list fetches`,
        },
        listRatio,
      ),
      figure(
        {
          name: `${CONCURRENT} concurrent getAccessToken(): time to all resolved`,
          unit: 'ms',
          context: true,
        },
        tokenMs,
      ),
      figure(
        { name: `${CONCURRENT} concurrent account.list(): time to all resolved`, unit: 'ms', context: true },
        listMs,
      ),
    ];
    return {
      id: 2,
      title: 'Token single-flight (1000 concurrent calls, cold cache)',
      status: 'done',
      figures,
    };
  } finally {
    await server.close();
  }
}
