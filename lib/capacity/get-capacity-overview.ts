import "server-only";
import { minutesKeptFrom } from "@/lib/telemetry/minutes-kept-from";
import { endsAfter, reservationDaysLeft } from "@/lib/capacity/reservation-days-left";
import { getPrisma } from "@/lib/db";
import { partialMark, rangeDto } from "@/lib/read-model/range-dto";
import { readAtDataEnd, telemetryDto } from "@/lib/telemetry/read-at-data-end";
import type { DataEnd } from "@/lib/telemetry/get-data-end";
import { resolveRange, type ResolvedRange, type TRangeParams } from "@/lib/telemetry/sql/time-range";
import { EXPIRING_WITHIN_DAYS, type TCapacityOverview, type TIdleRow } from "./capacity-dto";
import { getCommitmentBurn } from "./get-commitment-burn";
import { footUsd } from "@/lib/money/foot";
import { usd } from "@/lib/money/usd";
import { getMeasuredReservationUse } from "./get-measured-reservation-use";
import { getReservedUsage, totalReserved, type ReservedUsageRow } from "./get-reserved-usage";

/** The commitment's burn (whole term) and the reservations' use over the picked range. */
export async function getCapacityOverview(args: { params: TRangeParams }): Promise<TCapacityOverview> {
  return readAtDataEnd({
    name: "capacity overview",
    key: args,
    load: (dataEnd) => loadGetCapacityOverview(args, dataEnd),
  });
}

async function loadGetCapacityOverview(
  { params }: { params: TRangeParams },
  { end, lagSeconds, dataThrough }: DataEnd,
): Promise<TCapacityOverview> {
  const range = resolveRange(params, end, { minutesKeptFrom: minutesKeptFrom(end) });
  const prisma = getPrisma();
  const [commitments, reservations, pools, usage, buckets] = await Promise.all([
    getCommitmentBurn({ end }),
    prisma.capacityReservation.findMany({
      where: endsAfter(range.from),
      orderBy: [{ endAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    }),
    prisma.pool.findMany({
      select: { id: true, instanceType: true, models: { select: { modelId: true }, orderBy: { modelId: "asc" } } },
    }),
    getReservedUsage({ range, bucketed: false }),
    getReservedUsage({ range, bucketed: true }),
  ]);
  const poolById = new Map(pools.map((p) => [p.id, p]));
  const measured = await getMeasuredReservationUse({
    reservationIds: reservations.map((r) => r.id),
    from: range.from,
    to: range.to,
  });
  const totals = totalReserved(usage);

  return {
    range: rangeDto(range),
    telemetry: telemetryDto({ lagSeconds, dataThrough }),
    commitments,
    reservations: reservations.map((r) => {
      const daysLeft = reservationDaysLeft(r.endAt, end);
      return {
        id: r.id,
        poolId: r.poolId,
        models: r.poolId ? (poolById.get(r.poolId)?.models.map((m) => m.modelId) ?? []) : [],
        instanceType: r.instanceType,
        region: r.region,
        availabilityZone: r.availabilityZone,
        instanceCount: r.instanceCount,
        usdPerInstanceHour: r.usdPerInstanceHour,
        startAt: r.startAt.toISOString(),
        endAt: r.endAt?.toISOString() ?? null,
        daysLeft,
        // A training Capacity Block (no serving pool) ends by design, not for want of a renewal: its
        // runs' finish-in-time items speak for it, as in Needs attention (get-on-call-summary.ts).
        expiring:
          !(r.reservationType === "capacity-block" && r.poolId === null) &&
          daysLeft !== null &&
          daysLeft > 0 &&
          daysLeft <= EXPIRING_WITHIN_DAYS,
        measured: measured.get(r.id)!,
      };
    }),
    usage: {
      reservedInstanceHours: totals.reservedInstanceHours,
      idleInstanceHours: totals.idleInstanceHours,
      idleReservedUsd: usd(totals.idleReservedUsd),
      reservedUtilizationPct: totals.reservedUtilizationPct,
      series: reservedSeries(buckets, range),
      byPool: idleRows(
        usage,
        (r) => r.poolId,
        (r) => r.modelId,
        (key) => poolById.get(key)?.instanceType ?? null,
      ),
      byModel: idleRows(
        usage,
        (r) => r.modelId,
        (r) => r.poolId,
        () => null,
      ),
    },
  };
}

/** Fleet reserved vs used (reserved covering an instance in service) instances per bucket. */
function reservedSeries(rows: ReservedUsageRow[], range: ResolvedRange) {
  const byBucket = new Map<string, { reserved: number; idle: number; minutes: number }>();
  for (const r of rows) {
    const t = r.bucket!.toISOString();
    const b = byBucket.get(t) ?? { reserved: 0, idle: 0, minutes: 0 };
    b.reserved += r.reservedInstanceMinutes;
    b.idle += r.idleInstanceMinutes;
    b.minutes = Math.max(b.minutes, r.observedMinutes);
    byBucket.set(t, b);
  }
  return [...byBucket.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([t, b]) => ({
      t,
      ...partialMark(range, new Date(t), range.stepSeconds),
      reserved: b.minutes > 0 ? b.reserved / b.minutes : 0,
      used: b.minutes > 0 ? (b.reserved - b.idle) / b.minutes : 0,
    }));
}

/** Idle reserved capacity grouped by pool or by model, most idle dollars first. */
function idleRows(
  rows: ReservedUsageRow[],
  keyOf: (r: ReservedUsageRow) => string,
  relatedOf: (r: ReservedUsageRow) => string,
  typeOf: (key: string) => string | null,
): TIdleRow[] {
  const groups = new Map<string, ReservedUsageRow[]>();
  for (const r of rows) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
  const figures = [...groups.entries()]
    .map(([key, group]) => {
      const t = totalReserved(group);
      // Series of one group share wall-clock minutes; the longest observed is the group's.
      const minutes = Math.max(...group.map((r) => r.observedMinutes));
      return {
        key,
        related: [...new Set(group.map(relatedOf))].sort(),
        instanceType: typeOf(key),
        avgReservedInstances: minutes > 0 ? (t.reservedInstanceHours * 60) / minutes : 0,
        avgIdleInstances: minutes > 0 ? (t.idleInstanceHours * 60) / minutes : 0,
        idleInstanceHours: t.idleInstanceHours,
        idleReservedUsd: t.idleReservedUsd,
        reservedUtilizationPct: t.reservedUtilizationPct,
      };
    })
    .sort((a, b) => b.idleReservedUsd - a.idleReservedUsd || a.key.localeCompare(b.key));
  // The groups partition the rows usage.idleReservedUsd sums: they foot to it (largest remainder).
  const idle = footUsd(figures.map((f) => f.idleReservedUsd));
  return figures.map((f, i) => ({ ...f, idleReservedUsd: idle.rows[i]! }));
}
