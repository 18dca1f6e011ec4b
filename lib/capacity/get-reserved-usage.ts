import "server-only";
import { endsAfter } from "@/lib/capacity/reservation-days-left";
import { getPrisma } from "@/lib/db";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import type { TelemetryWindow } from "@/lib/read-model/telemetry-windows";

export type ReservedUsageRow = {
  modelId: string;
  poolId: string;
  bucket: Date | null;
  reservedInstanceMinutes: number;
  /** Reserved instance-minutes not covering an instance in service. */
  idleInstanceMinutes: number;
  idleReservedUsd: number;
  observedMinutes: number;
  usdPerInstanceHour: number;
};

/**
 * Reserved capacity and how much of it sat idle, per model's share of each reserved pool. The
 * dollars are the stored per-minute figures (lib/cost); idle instance-minutes are those dollars at
 * the pool's reservation rate (count-weighted over its reservations in the window), which is exact
 * while a pool's reservations share one rate — true for one reservation per pool.
 */
export async function getReservedUsage({
  range,
  bucketed,
}: {
  range: TelemetryWindow;
  bucketed: boolean;
}): Promise<ReservedUsageRow[]> {
  const [sums, reservations] = await Promise.all([
    queryTelemetrySums({ range, groupBy: "modelPool", bucketed, latency: false }),
    getPrisma().capacityReservation.findMany({
      where: { poolId: { not: null }, startAt: { lt: range.to }, ...endsAfter(range.from) },
      select: { poolId: true, instanceCount: true, usdPerInstanceHour: true },
    }),
  ]);
  const totals = new Map<string, { count: number; dollars: number }>();
  for (const r of reservations) {
    const t = totals.get(r.poolId!) ?? { count: 0, dollars: 0 };
    t.count += r.instanceCount;
    t.dollars += r.instanceCount * r.usdPerInstanceHour;
    totals.set(r.poolId!, t);
  }
  return sums
    .filter((s) => s.reservedInstanceMinutes > 0)
    .map((s) => {
      const [modelId = "", poolId = ""] = s.key.split("|");
      const t = totals.get(poolId);
      const usdPerInstanceHour = t && t.count > 0 ? t.dollars / t.count : 0;
      return {
        modelId,
        poolId,
        bucket: s.bucket,
        reservedInstanceMinutes: s.reservedInstanceMinutes,
        idleInstanceMinutes:
          usdPerInstanceHour > 0
            ? Math.min(s.reservedInstanceMinutes, (s.idleReservedUsd * 60) / usdPerInstanceHour)
            : 0,
        idleReservedUsd: s.idleReservedUsd,
        observedMinutes: s.observedMinutes,
        usdPerInstanceHour,
      };
    });
}

export type ReservedTotals = {
  reservedInstanceHours: number;
  idleInstanceHours: number;
  idleReservedUsd: number;
  reservedUsd: number;
  /** Share of reserved instance-hours that covered an instance in service. */
  reservedUtilizationPct: number | null;
};

/** Adds rows up (all their fields are sums, so any grouping is exact). */
export function totalReserved(rows: ReservedUsageRow[]): ReservedTotals {
  let reserved = 0;
  let idle = 0;
  let idleUsd = 0;
  let reservedUsd = 0;
  for (const r of rows) {
    reserved += r.reservedInstanceMinutes;
    idle += r.idleInstanceMinutes;
    idleUsd += r.idleReservedUsd;
    reservedUsd += (r.reservedInstanceMinutes / 60) * r.usdPerInstanceHour;
  }
  return {
    reservedInstanceHours: reserved / 60,
    idleInstanceHours: idle / 60,
    idleReservedUsd: idleUsd,
    reservedUsd,
    reservedUtilizationPct: reserved > 0 ? 100 * (1 - idle / reserved) : null,
  };
}
