import type { TChipComparison } from "@/lib/models/model-dto";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";
import type { TRecommendation } from "./review-dto";

// Monthly dollars: hourly figures × 730 (365 × 24 / 12).
const HOURS_PER_MONTH = 730;

// Ranked capacity recommendations from a month's figures. Pure: the rules and their dollar math are
// unit-tested. Savings are honest about reservations: draining an instance a reservation already
// pays for saves nothing (its cost becomes idle reserved dollars), so drains count only on-demand
// instances, and idle reservations get their own recommendation.
export const RECOMMENDATION_RULES = {
  /** Size pools so the busiest hour runs at this utilization. */
  targetPeakUtilPct: 75,
  /** Pools whose busiest hour stayed under this are candidates for a drain. */
  drainBelowPeakUtilPct: 60,
  /** Pools that met their SLO less often than this, or peaked above hotPeakUtilPct, need capacity. */
  minSloAttainmentPct: 99,
  hotPeakUtilPct: 95,
  /** Compare chip families only when the cheaper one is at least this much cheaper per unit. */
  minChipSavingPct: 10,
  /** Warn about reservations ending within this many days of the review. */
  renewWithinDays: 45,
} as const;

export type PoolFacts = {
  id: string;
  modelIds: string[];
  instanceType: string;
  minCapacity: number;
  desiredCapacity: number;
  onDemandUsdPerHour: number;
  reservedInstances: number;
  avgInstances: number;
  utilizationPct: number | null;
  peakUtilizationPct: number | null;
  sloAttainmentPct: number | null;
  avgIdleReservedInstances: number;
  reservedUsdPerInstanceHour: number;
};

export type ModelFacts = {
  id: string;
  displayName: string;
  sloP95Ms: number;
  costLabel: string;
  unitScale: number;
  comparison: TChipComparison | null;
};
export type ReservationFacts = {
  id: string;
  poolId: string | null;
  instanceType: string;
  instanceCount: number;
  /** null: no end date (nothing to renew). */
  daysLeft: number | null;
  usdPerInstanceHour: number;
  onDemandUsdPerHour: number | null;
};

type Draft = Omit<TRecommendation, "rank">;
const usd = (v: number) => `$${Math.round(Math.abs(v)).toLocaleString("en-US")}`;
const rate = (v: number) => `$${v.toFixed(2)}/h`;
const pct = (v: number | null) => (v === null ? "—" : `${v.toFixed(0)} %`);
const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

export function recommendCapacity(input: {
  pools: PoolFacts[];
  models: ModelFacts[];
  reservations: ReservationFacts[];
}): TRecommendation[] {
  const r = RECOMMENDATION_RULES;
  const drafts: Draft[] = [];
  for (const p of input.pools) {
    const peak = p.peakUtilizationPct;
    const onDemandInstances = Math.max(0, p.desiredCapacity - p.reservedInstances);
    if (
      peak !== null &&
      ((p.sloAttainmentPct !== null && p.sloAttainmentPct < r.minSloAttainmentPct) || peak > r.hotPeakUtilPct)
    ) {
      const add = Math.max(1, Math.ceil((p.avgInstances * peak) / r.targetPeakUtilPct - p.avgInstances));
      drafts.push({
        kind: "launch_for_slo",
        severity: "critical",
        poolId: p.id,
        modelId: p.modelIds[0] ?? null,
        monthlyUsd: -add * p.onDemandUsdPerHour * HOURS_PER_MONTH,
        title: `${p.id} met its p95 SLO ${pct(p.sloAttainmentPct)} of the time (busiest hour ${pct(peak)} utilized): launch ${add} ${p.instanceType}`,
        detail: `Sized for a ${r.targetPeakUtilPct} % peak; costs about ${usd(add * p.onDemandUsdPerHour * HOURS_PER_MONTH)}/month on demand.`,
      });
    } else if (peak !== null && peak < r.drainBelowPeakUtilPct) {
      const keep = Math.max(p.minCapacity, Math.ceil((p.avgInstances * peak) / r.targetPeakUtilPct));
      const drain = Math.max(0, p.desiredCapacity - keep);
      const savedInstances = Math.min(drain, onDemandInstances);
      if (savedInstances >= 1) {
        const saving = savedInstances * p.onDemandUsdPerHour * HOURS_PER_MONTH;
        drafts.push({
          kind: "drain_on_demand",
          severity: "info",
          poolId: p.id,
          modelId: p.modelIds[0] ?? null,
          monthlyUsd: saving,
          title: `${p.id} averaged ${pct(p.utilizationPct)} utilization (busiest hour ${pct(peak)}) on ${p.instanceType}: drain ${savedInstances} on-demand instance${savedInstances > 1 ? "s" : ""}, saves ${usd(saving)}/month`,
          detail: `Keeps ${p.desiredCapacity - savedInstances} instances, enough for the busiest hour at ${r.targetPeakUtilPct} % and the pool minimum of ${p.minCapacity}.`,
        });
      }
    }
    // Telemetry stores instances as float4: 12 idle instances can average 11.9999.
    const idle = Math.floor(p.avgIdleReservedInstances + 1e-3);
    if (idle >= 1 && p.reservedUsdPerInstanceHour > 0) {
      const saving = idle * p.reservedUsdPerInstanceHour * HOURS_PER_MONTH;
      drafts.push({
        kind: "release_idle_reservation",
        severity: "warning",
        poolId: p.id,
        modelId: p.modelIds[0] ?? null,
        monthlyUsd: saving,
        title: `${p.id}: ${idle} of ${p.reservedInstances} reserved ${p.instanceType} sat idle on average: move load onto them or release ${idle}, saves ${usd(saving)}/month`,
        detail: `The reservation is paid whether used or not; ${pct(p.utilizationPct)} average utilization on ${p.avgInstances.toFixed(1)} instances in service.`,
      });
    }
  }
  for (const m of input.models) {
    const c = m.comparison;
    if (!c || !c.cheaper || c.savingPct === null || c.savingPct < r.minChipSavingPct) continue;
    const cheap = c[c.cheaper];
    const dear = c[c.cheaper === "graviton" ? "trainium" : "graviton"];
    if (isOverSlo(cheap.latencyP95Ms, m.sloP95Ms)) continue; // cheaper but too slow
    const saving =
      ((dear.unitsPerSecond * 3600 * HOURS_PER_MONTH) / m.unitScale) *
      ((dear.costPerUnitUsd ?? 0) - (cheap.costPerUnitUsd ?? 0));
    const family = c.cheaper === "graviton" ? "Graviton" : "Trainium";
    drafts.push({
      kind: "shift_chip_family",
      severity: "info",
      poolId: null,
      modelId: m.id,
      monthlyUsd: saving,
      title: `${m.displayName} is ${c.savingPct.toFixed(0)} % cheaper per ${m.costLabel.replace("$/", "")} on ${family}: moving its other traffic could save up to ${usd(saving)}/month`,
      detail: `${family} p95 stays within the ${m.sloP95Ms} ms SLO. Check reservations first: traffic moved off reserved capacity leaves it idle.`,
    });
  }
  for (const res of input.reservations) {
    if (res.daysLeft === null || res.daysLeft > r.renewWithinDays || res.onDemandUsdPerHour === null) continue;
    const extra = res.instanceCount * Math.max(0, res.onDemandUsdPerHour - res.usdPerInstanceHour) * HOURS_PER_MONTH;
    drafts.push({
      kind: "renew_reservation",
      severity: "warning",
      poolId: res.poolId,
      modelId: null,
      monthlyUsd: -extra,
      title: `Reservation ${res.id} (${res.instanceCount} × ${res.instanceType}${res.poolId ? ` for ${res.poolId}` : ""}) ends in ${Math.max(0, res.daysLeft).toFixed(0)} days: renew it or pay ${usd(extra)}/month more on demand`,
      detail: `At ${rate(res.usdPerInstanceHour)} reserved vs ${rate(res.onDemandUsdPerHour)} on demand per instance.`,
    });
  }
  return drafts
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || Math.abs(b.monthlyUsd) - Math.abs(a.monthlyUsd),
    )
    .map((d, i) => ({ ...d, rank: i + 1 }));
}
