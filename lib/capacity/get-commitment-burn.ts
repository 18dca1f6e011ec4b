import "server-only";
import { getPrisma } from "@/lib/db";
import { deriveMetrics } from "@/lib/telemetry/sql/derive-metrics";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import { hourlyWindow } from "@/lib/read-model/telemetry-windows";
import { footUsd } from "@/lib/money/foot";
import { usd } from "@/lib/money/usd";
import type { TCommitmentBurn } from "./capacity-dto";

const HOUR_MS = 3_600_000;
const RUN_RATE_DAYS = 7;

/**
 * Each commitment's consumption: billing before tracking (priorSpendUsd) plus the spend and idle
 * reserved dollars in telemetry since its start, against the linear plan, with a forecast to its end
 * at the trailing 7-day run-rate.
 */
export async function getCommitmentBurn({ end }: { end: Date }): Promise<TCommitmentBurn[]> {
  const commitments = await getPrisma().commitment.findMany({ orderBy: { startAt: "asc" } });
  return Promise.all(
    commitments.map(async (c) => {
      const to = new Date(Math.min(end.getTime(), c.endAt.getTime()));
      const tracked = to > c.startAt;
      // Both windows are exact to the minute: the run rate is over the trailing 7 days, not 7 days
      // plus whatever precedes the hour it starts in.
      const runRate = hourlyWindow(
        new Date(Math.max(c.startAt.getTime(), to.getTime() - RUN_RATE_DAYS * 86_400_000)),
        to,
        3600,
      );
      const [daily, trailing] = tracked
        ? await Promise.all([
            queryTelemetrySums({
              range: hourlyWindow(c.startAt, to),
              groupBy: "fleet",
              bucketed: true,
              latency: false,
            }),
            queryTelemetrySums({ range: runRate, groupBy: "fleet", bucketed: false }),
          ])
        : [[], []];
      const rate = trailing[0] ? deriveMetrics(trailing[0]) : null;
      const runRateUsdPerHour = rate ? rate.spendUsdPerHour + rate.idleReservedUsdPerHour : 0;
      const term = c.endAt.getTime() - c.startAt.getTime();
      const plan = (t: number) => (c.totalUsd * Math.min(Math.max(t - c.startAt.getTime(), 0), term)) / term;

      let cumulative = c.priorSpendUsd;
      const points: TCommitmentBurn["points"] = [{ t: c.startAt.toISOString(), actual: null, plan: 0, forecast: null }];
      if (daily[0]?.bucket)
        points.push({
          t: daily[0].bucket.toISOString(),
          actual: cumulative,
          plan: plan(daily[0].bucket.getTime()),
          forecast: null,
        });
      let trackedSpendUsd = 0;
      let trackedIdleReservedUsd = 0;
      for (const day of daily) {
        trackedSpendUsd += day.spendUsd;
        trackedIdleReservedUsd += day.idleReservedUsd;
        cumulative += day.spendUsd + day.idleReservedUsd;
        const t = Math.min(day.bucket!.getTime() + 86_400_000, to.getTime());
        points.push({ t: new Date(t).toISOString(), actual: cumulative, plan: plan(t), forecast: null });
      }
      const last = points[points.length - 1]!;
      if (last.t === to.toISOString()) last.forecast = cumulative;
      else points.push({ t: to.toISOString(), actual: cumulative, plan: plan(to.getTime()), forecast: cumulative });
      const hoursLeft = Math.max(0, (c.endAt.getTime() - to.getTime()) / HOUR_MS);
      const forecastAtEndUsd = cumulative + runRateUsdPerHour * hoursLeft;
      points.push({ t: c.endAt.toISOString(), actual: null, plan: c.totalUsd, forecast: forecastAtEndUsd });

      // Spent to date is rounded once; its three parts foot to it (largest remainder, lib/money).
      const spent = footUsd([c.priorSpendUsd, trackedSpendUsd, trackedIdleReservedUsd]);
      return {
        id: c.id,
        name: c.name,
        totalUsd: usd(c.totalUsd),
        startAt: c.startAt.toISOString(),
        endAt: c.endAt.toISOString(),
        asOf: to.toISOString(),
        priorSpendUsd: spent.rows[0]!,
        trackedSpendUsd: spent.rows[1]!,
        trackedIdleReservedUsd: spent.rows[2]!,
        spentToDateUsd: spent.total,
        planToDateUsd: usd(plan(to.getTime())),
        runRateUsdPerHour: usd(runRateUsdPerHour),
        runRateFrom: (tracked ? runRate.from : to).toISOString(),
        forecastAtEndUsd: usd(forecastAtEndUsd),
        points,
      };
    }),
  );
}
