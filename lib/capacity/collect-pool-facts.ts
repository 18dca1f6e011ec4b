import "server-only";
import { reservationDaysLeft } from "@/lib/capacity/reservation-days-left";
import type { TFleetSnapshotBody } from "@/lib/inventory/history/fleet-snapshot-body";
import { getPrisma } from "@/lib/db";
import { deriveMetrics } from "@/lib/telemetry/sql/derive-metrics";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import type { TelemetryWindow } from "@/lib/read-model/telemetry-windows";
import { getReservedUsage } from "./get-reserved-usage";
import type { PoolFacts, ReservationFacts } from "./recommend-capacity";

/**
 * What the recommendations need per pool: the month's telemetry (average and busiest-hour
 * utilization, SLO attainment, idle reserved instances) and the fleet `asOf` a time (capacity,
 * models, reservations: today's for the month in progress, a snapshot for a past month, so its
 * review does not change after a later launch). Prices are today's catalog.
 */
export async function collectPoolFacts({
  window,
  fleet,
  asOf,
}: {
  window: TelemetryWindow;
  fleet: TFleetSnapshotBody;
  asOf: Date;
}): Promise<{ pools: PoolFacts[]; reservations: ReservationFacts[] }> {
  const prisma = getPrisma();
  const end = asOf;
  const pools = fleet.pools;
  const reservations = fleet.reservations
    .map((r) => ({ ...r, startAt: new Date(r.startAt), endAt: r.endAt === null ? null : new Date(r.endAt) }))
    .filter((r) => r.endAt === null || r.endAt > end);
  const [prices, sums, hourly, reserved] = await Promise.all([
    prisma.instancePrice.findMany(),
    queryTelemetrySums({ range: window, groupBy: "pool", bucketed: false }),
    queryTelemetrySums({ range: { ...window, stepSeconds: 3600 }, groupBy: "pool", bucketed: true }),
    getReservedUsage({ range: window, bucketed: false }),
  ]);
  const onDemand = new Map(prices.map((p) => [`${p.instanceType}|${p.region}`, p.onDemandUsdPerHour]));
  const sumsByPool = new Map(sums.map((s) => [s.key, s]));
  const peak = new Map<string, number>();
  for (const h of hourly) {
    const u = deriveMetrics(h).utilizationPct;
    if (u !== null) peak.set(h.key, Math.max(peak.get(h.key) ?? 0, u));
  }
  const idle = new Map<string, { idle: number; minutes: number }>();
  for (const r of reserved) {
    const t = idle.get(r.poolId) ?? { idle: 0, minutes: 0 };
    t.idle += r.idleInstanceMinutes;
    t.minutes = Math.max(t.minutes, r.observedMinutes);
    idle.set(r.poolId, t);
  }
  const activeByPool = new Map<string, { count: number; dollars: number }>();
  for (const r of reservations) {
    if (!r.poolId || r.startAt > end) continue;
    const a = activeByPool.get(r.poolId) ?? { count: 0, dollars: 0 };
    a.count += r.instanceCount;
    a.dollars += r.instanceCount * r.usdPerInstanceHour;
    activeByPool.set(r.poolId, a);
  }
  const poolRegion = new Map(pools.map((p) => [p.id, p.region]));

  return {
    pools: pools.flatMap((p) => {
      const s = sumsByPool.get(p.id);
      if (!s) return []; // no telemetry this month: nothing to recommend from
      const m = deriveMetrics(s);
      const active = activeByPool.get(p.id);
      const i = idle.get(p.id);
      return [
        {
          id: p.id,
          modelIds: p.modelIds,
          chipFamily: p.chipFamily,
          region: p.region,
          instanceType: p.instanceType,
          minCapacity: p.minCapacity,
          desiredCapacity: p.desiredCapacity,
          onDemandUsdPerHour: onDemand.get(`${p.instanceType}|${p.region}`) ?? 0,
          reservedInstances: active?.count ?? 0,
          reservedUsdPerInstanceHour: active && active.count > 0 ? active.dollars / active.count : 0,
          avgInstances: m.avgInstances,
          unitsPerSecond: m.unitsPerSecond,
          utilizationPct: m.utilizationPct,
          peakUtilizationPct: peak.get(p.id) ?? null,
          sloAttainmentPct: m.sloAttainmentPct,
          avgIdleReservedInstances: i && i.minutes > 0 ? i.idle / i.minutes : 0,
        },
      ];
    }),
    reservations: reservations.map((r) => ({
      id: r.id,
      poolId: r.poolId,
      instanceType: r.instanceType,
      instanceCount: r.instanceCount,
      usdPerInstanceHour: r.usdPerInstanceHour,
      daysLeft: reservationDaysLeft(r.endAt, end),
      onDemandUsdPerHour:
        onDemand.get(`${r.instanceType}|${r.poolId ? (poolRegion.get(r.poolId) ?? r.region) : r.region}`) ?? null,
    })),
  };
}
