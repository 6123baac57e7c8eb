/**
 * 3. Sync drain: 10,000 and 100,000 mixed messages (text, image, location, link, business card,
 * enter_session and recall events, from 20 customers) seeded into the standalone mock, then
 * drained 1000 a page by `kf.syncMsgPages()` and by a consumer, each against raw `fetch` paging of
 * the same mock in the same run. Every drain runs in a fresh process (so sizes and variants do not
 * contaminate each other's memory); the mock runs in this process, which does nothing else
 * meanwhile. Figures: messages/s as a ratio against raw paging, and the peak RSS growth of the
 * draining process, whose 100k ÷ 10k ratio shows whether memory grows with the count. Goal (issue
 * 15): the consumer drains 10k messages at ≥ 0.8× the messages/s of raw paging.
 */
import type { KfMockMessageContent } from '@kf/mock';
import { start } from '@kf/mock/server';
import { runChild } from './child.js';
import { type BenchmarkResult, type Figure, figure, type RunSettings, stats } from './harness.js';

interface DrainResult {
  readonly ms: number;
  readonly messages: number;
  readonly rssBefore: number;
  readonly rssPeak: number;
}

const VARIANTS = ['raw', 'iterator', 'consumer'] as const;
type Variant = (typeof VARIANTS)[number];
const LABEL: Record<Variant, string> = {
  raw: 'raw fetch paging',
  iterator: 'kf.syncMsgPages()',
  consumer: 'consumer (in-memory stores)',
};
const MB = 1024 * 1024;

/** Starts a mock and seeds `count` messages of mixed types into one account. */
async function seededMock(count: number) {
  const server = await start({ seed: `bench-sync-${count}` });
  const { mock } = server;
  const open_kfid = mock.scenario.createAccount({ name: '售后' });
  const customers = Array.from({ length: 20 }, (_, i) => mock.scenario.createCustomer({ nickname: `c${i}` }));
  const image = mock.scenario.createMedia({ type: 'image' });
  const recent: { external_userid: string; msgid: string }[] = [];
  // One log entry per step (an enter_session that logs nothing is replaced by a text).
  for (let i = 0; i < count; i++) {
    const external_userid = customers[i % customers.length] ?? '';
    const kind = i % 10;
    const send = (message: KfMockMessageContent) =>
      recent.push({
        external_userid,
        msgid: mock.scenario.customerSends({ open_kfid, external_userid, message }),
      });
    if (kind === 1) send({ msgtype: 'image', image: { media_id: image } });
    else if (kind === 2) {
      send({
        msgtype: 'location',
        location: { latitude: 23.1, longitude: 113.3, name: '广州塔', address: '阅江西路222号' },
      });
    } else if (kind === 3) {
      send({
        msgtype: 'link',
        link: { title: '订单', desc: '详情', url: 'https://e.example/o', pic_url: 'https://e.example/p' },
      });
    } else if (kind === 4) send({ msgtype: 'business_card', business_card: { userid: 'zhangsan' } });
    else if (
      kind === 5 &&
      i % 20 === 5 &&
      mock.scenario.enterSession({ external_userid, open_kfid, scene: 'bench' }) !== undefined
    ) {
      // logged an enter_session event
    } else if (kind === 6 && i % 20 === 6 && recent.length > 0) {
      const last = recent.pop();
      if (last !== undefined) mock.scenario.customerRecalls({ open_kfid, ...last });
    } else send({ msgtype: 'text', text: { content: `你好 ${i}，我的订单什么时候发货？` } });
    if (recent.length > 100) recent.splice(0, 50);
  }
  const log = mock.world.messages(open_kfid);
  const total = log.length;
  if (total !== count) throw new Error(`seeded ${total} messages, expected ${count}`);
  const types = new Set(
    log.map((m) => {
      const event = m.event as { event_type?: unknown } | undefined;
      return m.msgtype === 'event' ? `event ${String(event?.event_type)}` : String(m.msgtype);
    }),
  );
  const token = mock.world.latestCallbackToken(open_kfid);
  if (token === undefined) throw new Error('the mock issued no callback token');
  return { server, open_kfid, token, total, types };
}

export async function benchSync(settings: RunSettings): Promise<BenchmarkResult> {
  const sizes = [
    { count: 10_000, rounds: settings.quick ? 3 : 5 },
    { count: 100_000, rounds: settings.quick ? 2 : 4 },
  ];
  const figures: Figure[] = [];
  const growthMedian: Partial<Record<Variant, number[]>> = {};
  let typeList = '';
  for (const size of sizes) {
    const seeded = await seededMock(size.count);
    typeList = [...seeded.types].sort().join(', ');
    try {
      const { mock } = seeded.server;
      const drain = (variant: Variant) =>
        runChild<DrainResult>(
          'sync-child.js',
          [
            variant,
            seeded.server.url,
            seeded.open_kfid,
            seeded.token,
            String(seeded.total),
            mock.credentials.corpId,
            mock.credentials.secret,
          ],
          120_000,
          ['--expose-gc'],
        );
      // One unmeasured drain per variant: it fills the OS file cache and warms the mock.
      for (const variant of VARIANTS) await drain(variant);
      const ms: Record<Variant, number[]> = { raw: [], iterator: [], consumer: [] };
      const growth: Record<Variant, number[]> = { raw: [], iterator: [], consumer: [] };
      const ratio = { iterator: [] as number[], consumer: [] as number[] };
      for (let round = 0; round < size.rounds; round++) {
        // The order rotates each round, so drift of the machine hits every variant alike.
        const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length] ?? 'raw');
        const got: Partial<Record<Variant, DrainResult>> = {};
        for (const variant of order) got[variant] = await drain(variant);
        for (const variant of VARIANTS) {
          const result = got[variant];
          if (result === undefined) throw new Error(`no result for ${variant}`);
          ms[variant].push(result.ms);
          growth[variant].push((result.rssPeak - result.rssBefore) / MB);
        }
        const rawMs = got.raw?.ms ?? Number.NaN;
        ratio.iterator.push(rawMs / (got.iterator?.ms ?? Number.NaN));
        ratio.consumer.push(rawMs / (got.consumer?.ms ?? Number.NaN));
      }
      const n = size.count.toLocaleString('en-US');
      const baseline = `raw fetch paging (1000 a page, JSON.parse) of the same mock, same run, ${n} messages, a fresh process per drain`;
      for (const variant of ['iterator', 'consumer'] as const) {
        figures.push(
          figure(
            {
              name: `${n} messages, ${LABEL[variant]} ÷ raw fetch paging (messages/s)`,
              unit: 'ratio',
              baseline,
              // Issue 15: the consumer drains 10k messages at ≥ 0.8× raw paging. The iterator and
              // the 100k drains are context (at 100k the mock's own paging is most of every drain).
              ...(variant === 'consumer' && size.count === 10_000
                ? { goal: { op: '>=', value: 0.8 } as const }
                : {}),
            },
            ratio[variant],
          ),
        );
      }
      for (const variant of VARIANTS) {
        figures.push(
          figure(
            { name: `${n} messages, ${LABEL[variant]}: throughput`, unit: 'messages/s', context: true },
            ms[variant].map((t) => (seeded.total / t) * 1000),
          ),
        );
      }
      for (const variant of VARIANTS) {
        figures.push(
          figure(
            { name: `${n} messages, ${LABEL[variant]}: peak RSS growth`, unit: 'MiB', context: true },
            growth[variant],
          ),
        );
        const list = growthMedian[variant] ?? [];
        list.push(stats(growth[variant]).median);
        growthMedian[variant] = list;
      }
    } finally {
      await seeded.server.close();
    }
  }
  for (const variant of VARIANTS) {
    const [small, large] = growthMedian[variant] ?? [];
    if (small === undefined || large === undefined) continue;
    figures.push(
      figure(
        {
          name: `${LABEL[variant]}: peak RSS growth, 100k ÷ 10k (medians)`,
          unit: 'ratio',
          baseline:
            'the same drain of 10,000 messages (1.0: memory does not grow with the count; 10: it grows linearly)',
          note: `message types: ${typeList}`,
        },
        [large / small],
      ),
    );
  }
  return {
    id: 3,
    title: 'Sync drain (10k / 100k messages, sync iterator and consumer)',
    status: 'done',
    figures,
  };
}
