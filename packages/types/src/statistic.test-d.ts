import { describe, expectTypeOf, it } from 'vitest';
import type {
  GetServicerStatisticRequest,
  KfCorpStatistic,
  KfCorpStatisticItem,
  KfServicerStatistic,
} from './statistic.js';

describe('statistic types', () => {
  it('pins KfCorpStatistic', () => {
    expectTypeOf<KfCorpStatistic['session_cnt']>().toEqualTypeOf<number>();
    expectTypeOf<KfCorpStatistic['ai_transfer_rate']>().toEqualTypeOf<number>();
    expectTypeOf<KfCorpStatistic['ai_knowledge_hit_rate']>().toEqualTypeOf<number | undefined>();
  });

  it('pins KfServicerStatistic with the platform spelling', () => {
    expectTypeOf<KfServicerStatistic['satisfaction_investgate_cnt']>().toEqualTypeOf<number>();
    expectTypeOf<KfServicerStatistic['reply_rate']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<KfServicerStatistic['first_reply_average_sec']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<KfServicerStatistic['upgrade_service_groupchat_customer_cnt']>().toEqualTypeOf<number>();
  });

  it('makes statistic optional on a day', () => {
    expectTypeOf<KfCorpStatisticItem['stat_time']>().toEqualTypeOf<number>();
    expectTypeOf<KfCorpStatisticItem['statistic']>().toEqualTypeOf<KfCorpStatistic | undefined>();
  });

  it('pins the servicer statistic request', () => {
    expectTypeOf<GetServicerStatisticRequest>().toEqualTypeOf<{
      open_kfid: string;
      start_time: number;
      end_time: number;
      servicer_userid?: string | undefined;
    }>();
  });
});
