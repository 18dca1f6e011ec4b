import "server-only";
import { getConfig } from "@/lib/config";
import { getPrisma } from "@/lib/db";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import type { TBilledVsEstimated, TBilledVsEstimatedRow } from "./billed-vs-estimated-dto";
import { computeDrift, DAY_MS, dayKey, utcDay } from "./compare-billed";
import { queryBillEnd, queryBilledByPoolDay } from "./query-billed-by-pool-day";

// Billed vs estimated per pool and UTC day over the last `days` days, today included (figures are
// defined in billed-vs-estimated-dto.ts). The estimate is the stored per-minute spend (lib/cost's
// one computation) summed by the shared telemetry read; the bill covers whole days up to the day
// before its newest charge period ends, and never today: from `billedUntil` on only the estimate shows.

const MINUTE_MS = 60_000;

export async function getBilledVsEstimated(args: { days: number; now?: Date }): Promise<TBilledVsEstimated> {
  const config = getConfig();
  const now = args.now ?? new Date();
  const today = utcDay(now);
  const from = new Date(today.getTime() - (args.days - 1) * DAY_MS);
  const to = new Date(today.getTime() + DAY_MS);
  // The estimate's window ends at the current minute: minutes not yet stored add nothing either way.
  const estimateTo = new Date(Math.min(to.getTime(), Math.ceil(now.getTime() / MINUTE_MS) * MINUTE_MS));
  const [sums, billed, billEnd, pools, files] = await Promise.all([
    queryTelemetrySums({
      range: { from, to: estimateTo, stepSeconds: 86_400, table: "hourly" },
      groupBy: "pool",
      bucketed: true,
    }),
    queryBilledByPoolDay({ from, to }),
    queryBillEnd(),
    getPrisma().pool.findMany({ select: { id: true, chipFamily: true, instanceType: true } }),
    getPrisma().billingExportFile.findMany({ orderBy: [{ billingPeriod: "desc" }, { key: "asc" }], take: 50 }),
  ]);
  const billedUntil = billEnd === null ? null : new Date(Math.min(utcDay(billEnd).getTime(), today.getTime()));
  const isBilled = (day: Date) => billedUntil !== null && day < billedUntil;

  const key = (poolId: string, day: Date) => `${poolId}|${dayKey(day)}`;
  const estimated = new Map<string, number>();
  for (const s of sums) if (s.bucket) estimated.set(key(s.key, s.bucket), s.spendUsd + s.idleReservedUsd);
  const billedByKey = new Map<string, { effectiveUsd: number; listUsd: number }>();
  let unmappedUsd = 0;
  for (const b of billed) {
    if (b.poolId === null) unmappedUsd += b.effectiveUsd;
    else billedByKey.set(key(b.poolId, b.day), b);
  }

  const rows: TBilledVsEstimatedRow[] = [];
  const thresholds = { thresholdPct: config.BILLING_DRIFT_THRESHOLD_PCT, thresholdUsd: config.BILLING_DRIFT_MIN_USD };
  for (let t = from.getTime(); t < to.getTime(); t += DAY_MS) {
    const day = new Date(t);
    for (const pool of pools) {
      const k = key(pool.id, day);
      const estimatedUsd = estimated.get(k) ?? null;
      const bill = billedByKey.get(k);
      // A billed day without rows for a pool the telemetry saw running is a $0 bill for it: a
      // discrepancy to show, not a gap. A pool with neither is not listed.
      const billedUsd = isBilled(day) ? (bill?.effectiveUsd ?? (estimatedUsd !== null ? 0 : null)) : null;
      if (billedUsd === null && estimatedUsd === null) continue;
      rows.push({
        day: dayKey(day),
        poolId: pool.id,
        chipFamily: pool.chipFamily,
        instanceType: pool.instanceType,
        billedUsd,
        listUsd: isBilled(day) ? (bill?.listUsd ?? (billedUsd !== null ? 0 : null)) : null,
        estimatedUsd,
        ...computeDrift({ billedUsd, estimatedUsd, ...thresholds }),
      });
    }
  }
  const days = [...new Set(rows.map((r) => r.day))].map((day) => {
    const of = rows.filter((r) => r.day === day);
    const sum = (pick: (r: TBilledVsEstimatedRow) => number | null) =>
      of.some((r) => pick(r) !== null) ? of.reduce((a, r) => a + (pick(r) ?? 0), 0) : null;
    const billedUsd = sum((r) => r.billedUsd);
    const estimatedUsd = sum((r) => r.estimatedUsd);
    const { driftUsd, driftPct } = computeDrift({ billedUsd, estimatedUsd, ...thresholds });
    return { day, billedUsd, estimatedUsd, driftUsd, driftPct };
  });
  const families = new Map<string, { billedUsd: number; estimatedUsd: number }>();
  for (const r of rows) {
    if (r.billedUsd === null) continue;
    const f = families.get(r.chipFamily) ?? { billedUsd: 0, estimatedUsd: 0 };
    f.billedUsd += r.billedUsd;
    f.estimatedUsd += r.estimatedUsd ?? 0;
    families.set(r.chipFamily, f);
  }
  const chipFamilies = [...families]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([chipFamily, f]) => {
      const { driftUsd, driftPct } = computeDrift({ ...f, ...thresholds });
      return { chipFamily, ...f, driftUsd: driftUsd ?? 0, driftPct };
    });
  return {
    source: config.BILLING_SOURCE,
    from: from.toISOString(),
    to: to.toISOString(),
    billedUntil: billedUntil?.toISOString() ?? null,
    thresholdPct: thresholds.thresholdPct,
    thresholdUsd: thresholds.thresholdUsd,
    rows,
    days,
    chipFamilies,
    unmappedUsd,
    files: files.map((f) => ({
      key: f.key,
      billingPeriod: f.billingPeriod,
      status: f.status === "failed" ? "failed" : "ingested",
      rowCount: f.rowCount,
      error: f.error,
      ingestedAt: f.ingestedAt.toISOString(),
    })),
  };
}
