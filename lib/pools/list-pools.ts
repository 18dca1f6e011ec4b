import "server-only";
import { minutesKeptFrom } from "@/lib/telemetry/minutes-kept-from";
import { endsAfter } from "@/lib/capacity/reservation-days-left";
import { recentWindow } from "@/lib/read-model/telemetry-windows";
import { getPrisma } from "@/lib/db";
import { EMPTY_SUMS } from "@/lib/read-model/empty-sums";
import { rangeDto } from "@/lib/read-model/range-dto";
import { readAtDataEnd, telemetryDto } from "@/lib/telemetry/read-at-data-end";
import type { DataEnd } from "@/lib/telemetry/get-data-end";
import { deriveMetrics } from "@/lib/telemetry/sql/derive-metrics";
import { metricsDto } from "@/lib/read-model/metric-dto";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import {
  MAX_POINTS,
  chooseStepSeconds,
  resolveRange,
  type ResolvedRange,
  type TRangeParams,
} from "@/lib/telemetry/sql/time-range";
import type { TPoolList } from "./pool-dto";

/** "In service" is the average over the last few minutes: one minute alone is noisy. */
export const IN_SERVICE_WINDOW_MINUTES = 5;
/** A sparkline is a glance, not a chart: at most this many buckets per pool. */
const SPARK_MAX_POINTS = 24;

/**
 * The chart step, coarsened to at most SPARK_MAX_POINTS buckets (whole hours from 24 h up, so rollups
 * answer it). Spark buckets are aligned like the charts': the first and last may be partial (the
 * range DTO's from/to say where the window starts and ends; a sparkline is too small to mark it).
 */
export function sparkStepSeconds(range: ResolvedRange): number {
  const spanSeconds = (range.to.getTime() - range.from.getTime()) / 1000;
  return Math.max(range.stepSeconds, chooseStepSeconds(spanSeconds * (MAX_POINTS / SPARK_MAX_POINTS), range.table));
}

/** Every pool with its capacity now and its utilization (with a sparkline) and spend over the range. */
export async function listPools(args: { params: TRangeParams }): Promise<TPoolList> {
  return readAtDataEnd({ name: "pools list", key: args, load: (dataEnd) => loadListPools(args, dataEnd) });
}

async function loadListPools(
  { params }: { params: TRangeParams },
  { end, lagSeconds, dataThrough }: DataEnd,
): Promise<TPoolList> {
  const range = resolveRange(params, end, { minutesKeptFrom: minutesKeptFrom(end) });
  const now = recentWindow(end, IN_SERVICE_WINDOW_MINUTES);
  const [pools, totals, buckets, recent] = await Promise.all([
    getPrisma().pool.findMany({
      select: {
        id: true,
        chipFamily: true,
        instanceType: true,
        region: true,
        availabilityZone: true,
        state: true,
        retiredAt: true,
        backingKind: true,
        minCapacity: true,
        desiredCapacity: true,
        maxCapacity: true,
        models: { select: { modelId: true }, orderBy: { modelId: "asc" } },
        reservations: { where: { startAt: { lte: end }, ...endsAfter(end) }, select: { instanceCount: true } },
      },
      orderBy: { id: "asc" },
    }),
    queryTelemetrySums({ range, groupBy: "pool", bucketed: false }),
    queryTelemetrySums({ range: { ...range, stepSeconds: sparkStepSeconds(range) }, groupBy: "pool", bucketed: true }),
    queryTelemetrySums({ range: now, groupBy: "pool", bucketed: false }),
  ]);
  const totalsByPool = new Map(totals.map((r) => [r.key, r]));
  const recentByPool = new Map(recent.map((r) => [r.key, r]));
  const bucketTimes = [...new Set(buckets.map((b) => b.bucket!.getTime()))].sort((a, b) => a - b);
  const bucketIndex = new Map(bucketTimes.map((t, i) => [t, i]));
  const spark = new Map<string, Array<number | null>>();
  for (const b of buckets) {
    const line =
      spark.get(b.key) ??
      spark
        .set(
          b.key,
          bucketTimes.map(() => null),
        )
        .get(b.key)!;
    line[bucketIndex.get(b.bucket!.getTime())!] = deriveMetrics(b).utilizationPct;
  }

  return {
    range: rangeDto(range),
    telemetry: telemetryDto({ lagSeconds, dataThrough }),
    nowWindow: { from: now.from.toISOString(), to: now.to.toISOString() },
    pools: pools.map(({ models, reservations, retiredAt, ...pool }) => {
      const recentSums = recentByPool.get(pool.id);
      return {
        ...pool,
        retiredAt: retiredAt?.toISOString() ?? null,
        models: models.map((m) => m.modelId),
        inService: recentSums ? deriveMetrics(recentSums).avgInstances : null,
        reservedNow: reservations.reduce((a, r) => a + r.instanceCount, 0),
        metrics: metricsDto(deriveMetrics(totalsByPool.get(pool.id) ?? EMPTY_SUMS)),
        spark: spark.get(pool.id) ?? [],
      };
    }),
  };
}
