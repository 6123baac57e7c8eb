import { KF_STATISTIC_RETENTION_DAYS, kfStatisticDayStart } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import type { HttpHandler } from 'msw';
import { HOUR } from '../clock.js';
import { liveAccount } from '../internal/accounts.js';
import { fail } from '../internal/api-failure.js';
import { route } from '../internal/pipeline.js';
import { corpStatistic, servicerStatistic } from '../internal/statistics.js';
import type { StatFact, World } from '../internal/world.js';
import { nowSeconds } from '../internal/world.js';

const DAY_SECONDS = 86_400;

/** A day's data is computed by 06:00 (UTC+8) of the next day. */
const READY_AFTER_SECONDS = DAY_SECONDS + (6 * HOUR) / 1000;

/**
 * The days of [start_time, end_time] (floored to 00:00 UTC+8) with the facts of each, or `null`
 * facts when the day's data is not ready. A start older than 180 days answers 40058.
 */
function days(
  world: World,
  open_kfid: string,
  start_time: number,
  end_time: number,
): { stat_time: number; facts: StatFact[] | null }[] {
  const now = nowSeconds(world);
  const first = kfStatisticDayStart(start_time);
  const last = kfStatisticDayStart(end_time);
  if (first < kfStatisticDayStart(now) - KF_STATISTIC_RETENTION_DAYS * DAY_SECONDS) {
    fail(
      KfErrorCode.InvalidRequestParameter,
      `only the last ${KF_STATISTIC_RETENTION_DAYS} days can be queried`,
    );
  }
  const out: { stat_time: number; facts: StatFact[] | null }[] = [];
  for (let day = first; day <= last; day += DAY_SECONDS) {
    const ready = now >= day + READY_AFTER_SECONDS;
    const facts = world.state.stats.filter(
      (fact) => fact.open_kfid === open_kfid && fact.at >= day * 1000 && fact.at < (day + DAY_SECONDS) * 1000,
    );
    out.push({ stat_time: day, facts: ready ? facts : null });
  }
  return out;
}

/** `get_corp_statistic` and `get_servicer_statistic`, computed from what happened in the world. */
export function statisticHandlers(world: World): HttpHandler[] {
  return [
    route(world, 'getCorpStatistic', ({ request }) => {
      liveAccount(world, request.open_kfid);
      return {
        statistic_list: days(world, request.open_kfid, request.start_time, request.end_time).map((day) => {
          const statistic = day.facts === null ? undefined : corpStatistic(day.facts);
          return statistic === undefined
            ? { stat_time: day.stat_time }
            : { stat_time: day.stat_time, statistic };
        }),
      };
    }),
    route(world, 'getServicerStatistic', ({ request }) => {
      liveAccount(world, request.open_kfid);
      return {
        statistic_list: days(world, request.open_kfid, request.start_time, request.end_time).map((day) => {
          const statistic =
            day.facts === null ? undefined : servicerStatistic(day.facts, request.servicer_userid);
          return statistic === undefined
            ? { stat_time: day.stat_time }
            : { stat_time: day.stat_time, statistic };
        }),
      };
    }),
  ];
}
