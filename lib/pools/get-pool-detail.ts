import "server-only";
import { minutesKeptFrom } from "@/lib/telemetry/minutes-kept-from";
import { reservationDaysLeft } from "@/lib/capacity/reservation-days-left";
import { recentWindow } from "@/lib/read-model/telemetry-windows";
import { getPrisma } from "@/lib/db";
import { loadPool } from "@/lib/fleet/load-pool";
import { EMPTY_SUMS } from "@/lib/read-model/empty-sums";
import { modelFigures } from "@/lib/read-model/model-figures";
import { partialMark, rangeDto } from "@/lib/read-model/range-dto";
import { readAtDataEnd, telemetryDto } from "@/lib/telemetry/read-at-data-end";
import type { DataEnd } from "@/lib/telemetry/get-data-end";
import { deriveMetrics } from "@/lib/telemetry/sql/derive-metrics";
import { metricsDto } from "@/lib/read-model/metric-dto";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import { resolveRange, type TRangeParams } from "@/lib/telemetry/sql/time-range";
import { IN_SERVICE_WINDOW_MINUTES } from "./list-pools";
import type { TPoolDetail, TPoolPoint } from "./pool-dto";

/** One pool over a range: capacity, reservations, per-model figures and series. Actions come from listPoolActions. */
export async function getPoolDetail(args: { poolId: string; params: TRangeParams }): Promise<TPoolDetail> {
  return readAtDataEnd({ name: "pool detail", key: args, load: (dataEnd) => loadPoolDetail(args, dataEnd) });
}

async function loadPoolDetail(
  { poolId, params }: { poolId: string; params: TRangeParams },
  { end, lagSeconds, dataThrough }: DataEnd,
): Promise<TPoolDetail> {
  const pool = await loadPool(poolId);
  const range = resolveRange(params, end, { minutesKeptFrom: minutesKeptFrom(end) });
  const poolIds = [poolId];
  const prisma = getPrisma();
  const [models, reservations, price, totals, byModel, poolBuckets, modelBuckets, recent] = await Promise.all([
    prisma.model.findMany({
      where: { id: { in: pool.models.map((m) => m.model.id) } },
      select: { id: true, displayName: true, kind: true, sloP95Ms: true },
      orderBy: { id: "asc" },
    }),
    prisma.capacityReservation.findMany({ where: { poolId }, orderBy: { endAt: { sort: "asc", nulls: "last" } } }),
    prisma.instancePrice.findUnique({
      where: { instanceType_region: { instanceType: pool.instanceType, region: pool.region } },
    }),
    queryTelemetrySums({ range, groupBy: "pool", bucketed: false, poolIds }),
    queryTelemetrySums({ range, groupBy: "model", bucketed: false, poolIds }),
    queryTelemetrySums({ range, groupBy: "pool", bucketed: true, poolIds }),
    queryTelemetrySums({ range, groupBy: "model", bucketed: true, poolIds }),
    queryTelemetrySums({
      range: recentWindow(end, IN_SERVICE_WINDOW_MINUTES),
      groupBy: "pool",
      bucketed: false,
      poolIds,
    }),
  ]);
  const byModelId = new Map(byModel.map((r) => [r.key, r]));

  const series = new Map<string, TPoolPoint>();
  for (const row of poolBuckets) {
    const m = deriveMetrics(row);
    const t = row.bucket!.toISOString();
    series.set(t, {
      t,
      ...partialMark(range, row.bucket!, range.stepSeconds),
      instances: m.avgInstances,
      reservedInstances: m.avgReservedInstances,
      spendUsdPerHour: m.spendUsdPerHour,
      idleReservedUsdPerHour: m.idleReservedUsdPerHour,
      models: {},
    });
  }
  for (const row of modelBuckets) {
    const m = deriveMetrics(row);
    const point = series.get(row.bucket!.toISOString());
    if (point) point.models[row.key] = { utilizationPct: m.utilizationPct, latencyP95Ms: m.latencyP95Ms };
  }
  const active = reservations.filter((r) => r.startAt <= end && (r.endAt === null || r.endAt > end));

  return {
    range: rangeDto(range),
    telemetry: telemetryDto({ lagSeconds, dataThrough }),
    pool: {
      id: pool.id,
      chipFamily: pool.chipFamily,
      instanceType: pool.instanceType,
      region: pool.region,
      availabilityZone: pool.availabilityZone,
      state: pool.state,
      retiredAt: pool.retiredAt?.toISOString() ?? null,
      backingKind: pool.backingKind,
      backingId: pool.backingId,
      clusterName: pool.clusterName,
      models: models.map((m) => m.id),
      minCapacity: pool.minCapacity,
      desiredCapacity: pool.desiredCapacity,
      maxCapacity: pool.maxCapacity,
      inService: recent[0] ? deriveMetrics(recent[0]).avgInstances : null,
      reservedNow: active.reduce((a, r) => a + r.instanceCount, 0),
      onDemandUsdPerHour: price?.onDemandUsdPerHour ?? null,
      priceSource: price?.source ?? null,
      priceReadAt: price?.readAt?.toISOString() ?? null,
      metrics: metricsDto(deriveMetrics(totals[0] ?? EMPTY_SUMS)),
    },
    models: models.map((model) => modelFigures(model, byModelId.get(model.id))),
    reservations: reservations.map((r) => ({
      id: r.id,
      instanceType: r.instanceType,
      availabilityZone: r.availabilityZone,
      instanceCount: r.instanceCount,
      startAt: r.startAt.toISOString(),
      endAt: r.endAt?.toISOString() ?? null,
      usdPerInstanceHour: r.usdPerInstanceHour,
      active: active.includes(r),
      daysLeft: reservationDaysLeft(r.endAt, end),
    })),
    series: [...series.values()],
  };
}
