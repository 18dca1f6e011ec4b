import "server-only";
import { getConfig } from "@/lib/config";
import { getPrisma } from "@/lib/db";
import { footCents } from "@/lib/money/foot";
import { centsToUsd, toCents, usd, usdOrNull, type TUsd } from "@/lib/money/usd";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import type { TBilledVsEstimated, TBilledVsEstimatedRow } from "./billed-vs-estimated-dto";
import { billedUntilOf, computeDrift, DAY_MS, dayKey, utcDay } from "./compare-billed";
import { type GroupDay, groupByChipFamilyDay, groupByModelDay } from "./group-billed-by-day";
import { queryBillEnd, queryBilledByPoolDay } from "./query-billed-by-pool-day";

// Billed vs estimated per pool and UTC day over the last `days` days, today included (figures are
// defined in billed-vs-estimated-dto.ts). The estimate is the stored per-minute spend (lib/cost's
// one computation) summed by the shared telemetry read; the bill covers whole days up to the day
// before its newest charge period ends, and never today: from `billedUntil` on only the estimate shows.

const MINUTE_MS = 60_000;

/** A pool-day in float dollars, before the amounts are rounded at the edge (toDto). */
type FloatRow = Omit<TBilledVsEstimatedRow, "billedUsd" | "listUsd" | "estimatedUsd" | "driftUsd"> & {
  billedUsd: number | null;
  listUsd: number | null;
  estimatedUsd: number | null;
  driftUsd: number | null;
};

export async function getBilledVsEstimated(args: { days: number; now?: Date }): Promise<TBilledVsEstimated> {
  const config = getConfig();
  const now = args.now ?? new Date();
  const today = utcDay(now);
  const from = new Date(today.getTime() - (args.days - 1) * DAY_MS);
  const to = new Date(today.getTime() + DAY_MS);
  // The estimate's window ends at the current minute: minutes not yet stored add nothing either way.
  const estimateTo = new Date(Math.min(to.getTime(), Math.ceil(now.getTime() / MINUTE_MS) * MINUTE_MS));
  const range = { from, to: estimateTo, stepSeconds: 86_400, table: "hourly" } as const;
  const [sums, modelSums, poolModels, billed, billEnd, pools, files] = await Promise.all([
    queryTelemetrySums({ range, groupBy: "pool", bucketed: true, latency: false }),
    queryTelemetrySums({ range, groupBy: "modelPool", bucketed: true, latency: false }),
    getPrisma().poolModel.findMany({ select: { poolId: true, modelId: true }, orderBy: { modelId: "asc" } }),
    queryBilledByPoolDay({ from, to }),
    queryBillEnd(),
    getPrisma().pool.findMany({ select: { id: true, chipFamily: true, instanceType: true } }),
    getPrisma().billingExportFile.findMany({ orderBy: [{ billingPeriod: "desc" }, { key: "asc" }], take: 50 }),
  ]);
  const billedUntil = billedUntilOf(billEnd, now);
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

  const rows: FloatRow[] = [];
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
  const { rows: rowsDto, days } = toDto(rows, thresholds);
  const families = new Map<
    string,
    { billed: number; estimated: number; billedFloat: number; estimatedFloat: number }
  >();
  rowsDto.forEach((r, i) => {
    if (r.billedUsd === null) return;
    const f = families.get(r.chipFamily) ?? { billed: 0, estimated: 0, billedFloat: 0, estimatedFloat: 0 };
    f.billed += usdCents(r.billedUsd);
    f.estimated += r.estimatedUsd === null ? 0 : usdCents(r.estimatedUsd);
    f.billedFloat += rows[i]!.billedUsd ?? 0;
    f.estimatedFloat += rows[i]!.estimatedUsd ?? 0;
    families.set(r.chipFamily, f);
  });
  const chipFamilies = [...families]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([chipFamily, f]) => {
      const { driftPct } = computeDrift({ billedUsd: f.billedFloat, estimatedUsd: f.estimatedFloat, ...thresholds });
      return {
        chipFamily,
        billedUsd: centsToUsd(f.billed),
        estimatedUsd: centsToUsd(f.estimated),
        driftUsd: centsToUsd(f.billed - f.estimated),
        driftPct,
      };
    });
  const modelEstimates = modelSums.flatMap((s) => {
    const [modelId, poolId] = s.key.split("|") as [string, string];
    return s.bucket ? [{ day: dayKey(s.bucket), poolId, modelId, estimatedUsd: s.spendUsd + s.idleReservedUsd }] : [];
  });
  const servedBy = new Map<string, string[]>();
  for (const pm of poolModels) servedBy.set(pm.poolId, [...(servedBy.get(pm.poolId) ?? []), pm.modelId]);
  const groupDto = (g: GroupDay) => {
    const billedUsd = usdOrNull(g.billedUsd);
    const estimatedUsd = usdOrNull(g.estimatedUsd);
    return {
      day: g.day,
      key: g.key,
      billedUsd,
      estimatedUsd,
      driftUsd:
        billedUsd === null || estimatedUsd === null ? null : centsToUsd(usdCents(billedUsd) - usdCents(estimatedUsd)),
      driftPct: computeDrift({ billedUsd: g.billedUsd, estimatedUsd: g.estimatedUsd, ...thresholds }).driftPct,
    };
  };
  return {
    byModelDay: groupByModelDay({ rows, modelEstimates, poolModels: servedBy }).map(groupDto),
    byChipFamilyDay: groupByChipFamilyDay(rows).map(groupDto),
    source: config.BILLING_SOURCE,
    from: from.toISOString(),
    to: to.toISOString(),
    billedUntil: billedUntil?.toISOString() ?? null,
    thresholdPct: thresholds.thresholdPct,
    thresholdUsd: thresholds.thresholdUsd,
    rows: rowsDto,
    days,
    chipFamilies,
    unmappedUsd: usd(unmappedUsd),
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

const usdCents = (v: TUsd) => toCents(Number(v));

/**
 * The amounts rounded once, at the edge: per day, each side's pool rows foot by largest remainder
 * to the day's total (lib/money/foot.ts); a drift is the difference of the two strings shown.
 * driftPct and overThreshold stay those of the unrounded amounts.
 */
function toDto(
  rows: FloatRow[],
  thresholds: { thresholdPct: number; thresholdUsd: number },
): { rows: TBilledVsEstimatedRow[]; days: TBilledVsEstimated["days"] } {
  const out: TBilledVsEstimatedRow[] = rows.map((r) => ({
    ...r,
    billedUsd: null,
    listUsd: r.listUsd === null ? null : usd(r.listUsd),
    estimatedUsd: null,
    driftUsd: null,
  }));
  const days = [...new Set(rows.map((r) => r.day))].map((day) => {
    const idx = rows.flatMap((r, i) => (r.day === day ? [i] : []));
    const side = (pick: (r: FloatRow) => number | null) => {
      const present = idx.filter((i) => pick(rows[i]!) !== null);
      if (present.length === 0) return { total: null, float: null, cents: new Map<number, number>() };
      const footed = footCents(present.map((i) => pick(rows[i]!)!));
      return {
        total: footed.total,
        float: present.reduce((a, i) => a + pick(rows[i]!)!, 0),
        cents: new Map(present.map((i, k) => [i, footed.rows[k]!])),
      };
    };
    const billed = side((r) => r.billedUsd);
    const estimated = side((r) => r.estimatedUsd);
    for (const i of idx) {
      const b = billed.cents.get(i);
      const e = estimated.cents.get(i);
      out[i]!.billedUsd = b === undefined ? null : centsToUsd(b);
      out[i]!.estimatedUsd = e === undefined ? null : centsToUsd(e);
      out[i]!.driftUsd = b === undefined || e === undefined ? null : centsToUsd(b - e);
    }
    const { driftPct } = computeDrift({ billedUsd: billed.float, estimatedUsd: estimated.float, ...thresholds });
    return {
      day,
      billedUsd: billed.total === null ? null : centsToUsd(billed.total),
      estimatedUsd: estimated.total === null ? null : centsToUsd(estimated.total),
      driftUsd: billed.total === null || estimated.total === null ? null : centsToUsd(billed.total - estimated.total),
      driftPct,
    };
  });
  return { rows: out, days };
}
