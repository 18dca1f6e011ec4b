import "server-only";
import { listBillingDrift } from "@/lib/billing/list-billing-drift";
import { listInventoryProblems } from "@/lib/inventory/read/list-inventory-problems";
import { reservationDaysLeft } from "@/lib/capacity/reservation-days-left";
import { getReservedUsage, totalReserved } from "@/lib/capacity/get-reserved-usage";
import { monthToDateWindow, recentWindow, todayWindow } from "@/lib/read-model/telemetry-windows";
import { getPrisma } from "@/lib/db";
import { CURRENT_RATE_MINUTES, getCurrentRates } from "@/lib/read-model/current-rate";
import { usd } from "@/lib/money/usd";
import { deriveMetrics } from "@/lib/telemetry/sql/derive-metrics";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import type { ResolvedRange } from "@/lib/telemetry/sql/time-range";
import { listRunsAtRisk } from "@/lib/training/list-runs-at-risk";
import { listRecentActions } from "./list-recent-actions";
import type { TOnCall } from "./on-call-dto";
import { ATTENTION_THRESHOLDS, rankNeedsAttention } from "./rank-needs-attention";

/** "Now" for on-call checks: long enough to smooth minute noise, short enough to be current. */
export const NOW_WINDOW_MINUTES = 15;
const DAY_MS = 86_400_000;

/**
 * The on-call block of the overview. Chip-family utilization follows the picked range; the rest
 * uses fixed windows ending where the data ends: the last 15 minutes, today, the month to date.
 */
export async function getOnCallSummary(args: {
  range: ResolvedRange;
  end: Date;
  lagSeconds: number | null;
}): Promise<TOnCall> {
  const { range, end } = args;
  const now = recentWindow(end, NOW_WINDOW_MINUTES);
  // Idle reservations are priced "now" like the overview's tiles: the same 5 minutes, the same function.
  const current = recentWindow(end, CURRENT_RATE_MINUTES);
  const today = todayWindow(end);
  const mtd = monthToDateWindow(end);
  const prisma = getPrisma();
  const [
    chipFamilies,
    models,
    pools,
    nowSeries,
    nowPools,
    nowReserved,
    todayReserved,
    month,
    expiring,
    recentActions,
    inventoryProblems,
    currentRates,
    billingDrift,
    trainingAtRisk,
    pendingApprovals,
  ] = await Promise.all([
    queryTelemetrySums({ range, groupBy: "chipFamily", bucketed: false }),
    prisma.model.findMany({ select: { id: true, displayName: true, sloP95Ms: true } }),
    prisma.pool.findMany({ select: { id: true, instanceType: true } }),
    queryTelemetrySums({ range: now, groupBy: "modelPool", bucketed: false }),
    queryTelemetrySums({ range: now, groupBy: "pool", bucketed: false }),
    getReservedUsage({ range: current, bucketed: false }),
    getReservedUsage({ range: today, bucketed: false }),
    queryTelemetrySums({ range: mtd, groupBy: "fleet", bucketed: false }),
    prisma.capacityReservation.findMany({
      where: {
        retiredAt: null,
        endAt: { gt: end, lte: new Date(end.getTime() + ATTENTION_THRESHOLDS.expiringDays * DAY_MS) },
        // Training Capacity Blocks end by design: their runs' finish-in-time items speak for them.
        NOT: { reservationType: "capacity-block", poolId: null },
      },
      select: { id: true, poolId: true, instanceType: true, instanceCount: true, endAt: true },
    }),
    listRecentActions({ limit: 10 }),
    listInventoryProblems(),
    getCurrentRates({ end, scope: "pool" }),
    listBillingDrift({ now: end }),
    listRunsAtRisk({ now: end }),
    prisma.poolAction.findMany({
      where: { state: "awaiting_approval" },
      select: {
        id: true,
        poolId: true,
        kind: true,
        count: true,
        requestedBy: true,
        createdAt: true,
        approvalDeadline: true,
      },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const modelsById = new Map(models.map((m) => [m.id, m]));
  const poolTypes = new Map(pools.map((p) => [p.id, p.instanceType]));

  const attention = rankNeedsAttention({
    inventoryProblems,
    billingDrift,
    trainingAtRisk,
    pendingApprovals: pendingApprovals.map((a) => ({
      actionId: a.id,
      poolId: a.poolId,
      kind: a.kind,
      count: a.count,
      requestedBy: a.requestedBy,
      requestedAt: a.createdAt,
      deadline: a.approvalDeadline,
    })),
    lagSeconds: args.lagSeconds,
    sloRows: nowSeries.flatMap((s) => {
      const [modelId = "", poolId = ""] = s.key.split("|");
      const model = modelsById.get(modelId);
      const p95 = deriveMetrics(s).latencyP95Ms;
      return model && p95 !== null
        ? [{ modelId, modelName: model.displayName, poolId, latencyP95Ms: p95, sloP95Ms: model.sloP95Ms }]
        : [];
    }),
    poolUtilization: nowPools.flatMap((p) => {
      const u = deriveMetrics(p).utilizationPct;
      return u === null ? [] : [{ poolId: p.key, utilizationPct: u }];
    }),
    idleReserved: perPool(nowReserved).map((p) => ({
      ...p,
      instanceType: poolTypes.get(p.poolId) ?? "",
      idleUsdPerHour: currentRates.rates.get(p.poolId)?.idleReservedUsdPerHour ?? null,
    })),
    expiring: expiring.map((r) => ({
      reservationId: r.id,
      poolId: r.poolId,
      instanceType: r.instanceType,
      instanceCount: r.instanceCount,
      // endAt is set: the query asked for reservations ending within the window.
      daysLeft: reservationDaysLeft(r.endAt, end) ?? Infinity,
    })),
  });

  const reserved = totalReserved(todayReserved);
  return {
    nowWindow: { from: now.from.toISOString(), to: now.to.toISOString() },
    chipFamilies: chipFamilies.map((c) => {
      const m = deriveMetrics(c);
      return {
        chipFamily: c.key,
        utilizationPct: m.utilizationPct,
        avgInstances: m.avgInstances,
        spendUsdPerHour: usd(m.spendUsdPerHour),
      };
    }),
    monthToDate: {
      from: mtd.from.toISOString(),
      spendUsd: usd(month[0]?.spendUsd ?? 0),
      idleReservedUsd: usd(month[0]?.idleReservedUsd ?? 0),
    },
    reservedToday: {
      from: today.from.toISOString(),
      reservedUtilizationPct: reserved.reservedUtilizationPct,
      idleReservedUsd: usd(reserved.idleReservedUsd),
      idleInstanceHours: reserved.idleInstanceHours,
    },
    attention,
    recentActions,
  };
}

/** Average reserved and idle instances per pool over the window (models of a pool added up). */
function perPool(rows: Awaited<ReturnType<typeof getReservedUsage>>) {
  const pools = new Map<string, { reserved: number; idle: number; minutes: number }>();
  for (const r of rows) {
    const p = pools.get(r.poolId) ?? { reserved: 0, idle: 0, minutes: 0 };
    p.reserved += r.reservedInstanceMinutes;
    p.idle += r.idleInstanceMinutes;
    p.minutes = Math.max(p.minutes, r.observedMinutes);
    pools.set(r.poolId, p);
  }
  return [...pools.entries()].map(([poolId, p]) => ({
    poolId,
    reservedInstances: p.minutes > 0 ? p.reserved / p.minutes : 0,
    idleInstances: p.minutes > 0 ? p.idle / p.minutes : 0,
  }));
}
