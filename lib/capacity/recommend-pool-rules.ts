import {
  RECOMMENDATION_RULES as R,
  pct,
  perMonth,
  plural,
  rate,
  usd,
  wholeInstances,
  type Draft,
  type PoolFacts,
  type PricingHorizon,
  type ReservationFacts,
} from "./recommendation-rules";

// One pool's recommendations: capacity for an SLO risk, a drain of idle on-demand instances, and
// idle reserved capacity. Priced at the margin (see recommend-capacity.ts).
export function recommendForPool(p: PoolFacts, reservations: ReservationFacts[], horizon: PricingHorizon): Draft[] {
  const drafts: Draft[] = [];
  const peak = p.peakUtilizationPct;
  const idle = wholeInstances(p.avgIdleReservedInstances);
  const hot =
    (p.sloAttainmentPct !== null && p.sloAttainmentPct < R.minSloAttainmentPct) || (peak ?? 0) > R.hotPeakUtilPct;
  if (peak !== null && hot) drafts.push(launchForSlo(p, peak, idle, horizon));
  else if (peak !== null && peak < R.drainBelowPeakUtilPct) drafts.push(...drainOnDemand(p, peak, horizon));
  if (idle >= 1 && p.reservedUsdPerInstanceHour > 0) drafts.push(releaseIdle(p, idle, reservations, horizon));
  return drafts;
}

function launchForSlo(p: PoolFacts, peak: number, idle: number, h: PricingHorizon): Draft {
  const add = Math.max(1, Math.ceil((p.avgInstances * peak) / R.targetPeakUtilPct - p.avgInstances));
  const free = Math.min(add, idle);
  const cost = (add - free) * p.onDemandUsdPerHour * h.hours;
  return {
    kind: "launch_for_slo",
    severity: "critical",
    poolId: p.id,
    modelId: p.modelIds[0] ?? null,
    monthlyUsd: -cost,
    title: `${p.id} served ${pct(p.sloAttainmentPct)} of its requests within the p95 SLO (busiest hour ${pct(peak)} utilized): launch ${add} ${p.instanceType}`,
    detail:
      `Sized for a ${R.targetPeakUtilPct} % peak. ` +
      (free > 0 ? `${free} run on idle reserved capacity already paid for; ` : "") +
      `${add - free} on demand at ${rate(p.onDemandUsdPerHour)} × ${h.hours} h costs ${usd(cost)}${perMonth(h)}.`,
  };
}

function drainOnDemand(p: PoolFacts, peak: number, h: PricingHorizon): Draft[] {
  const keep = Math.max(p.minCapacity, Math.ceil((p.avgInstances * peak) / R.targetPeakUtilPct));
  const drain = Math.max(0, p.desiredCapacity - keep);
  const onDemand = Math.max(0, p.desiredCapacity - p.reservedInstances);
  const n = Math.min(drain, onDemand);
  if (n < 1) return [];
  const saving = n * p.onDemandUsdPerHour * h.hours;
  return [
    {
      kind: "drain_on_demand",
      severity: "info",
      poolId: p.id,
      modelId: p.modelIds[0] ?? null,
      monthlyUsd: saving,
      title: `${p.id} averaged ${pct(p.utilizationPct)} utilization (busiest hour ${pct(peak)}) on ${p.instanceType}: drain ${n} on-demand instance${n > 1 ? "s" : ""}, saves ${usd(saving)}${perMonth(h)}`,
      detail: `${n} × ${rate(p.onDemandUsdPerHour)} × ${h.hours} h. Keeps ${p.desiredCapacity - n} instances, enough for the busiest hour at ${R.targetPeakUtilPct} % and the pool minimum of ${p.minCapacity}; reserved instances are not drained (they bill until their reservation ends).`,
    },
  ];
}

function releaseIdle(p: PoolFacts, idle: number, reservations: ReservationFacts[], h: PricingHorizon): Draft {
  // Only a reservation without an end date can be cancelled; a dated one bills until it ends.
  let release = 0;
  let saving = 0;
  for (const r of reservations.filter((x) => x.daysLeft === null)) {
    const n = Math.min(idle - release, r.instanceCount);
    release += n;
    saving += n * r.usdPerInstanceHour * h.hours;
  }
  const idleCost = idle * p.reservedUsdPerInstanceHour * h.hours;
  const ends = reservations.flatMap((r) => (r.daysLeft === null ? [] : [r.daysLeft]));
  const lastEnd = ends.length ? Math.max(0, Math.max(...ends)).toFixed(0) : null;
  const action =
    release > 0
      ? `release ${release}, saves ${usd(saving)}${perMonth(h)}`
      : `move load onto them; they bill until their reservation ends${lastEnd ? ` in ${lastEnd} days` : ""}, so renew at most ${Math.max(0, p.reservedInstances - idle)}`;
  return {
    kind: "release_idle_reservation",
    severity: "warning",
    poolId: p.id,
    modelId: p.modelIds[0] ?? null,
    monthlyUsd: saving,
    title: `${p.id}: ${idle} of ${p.reservedInstances} reserved ${p.instanceType} sat idle on average: ${action}`,
    detail: `${plural(idle, "idle instance")} × ${rate(p.reservedUsdPerInstanceHour)} × ${h.hours} h = ${usd(idleCost)}${perMonth(h)} paid whether used or not; ${pct(p.utilizationPct)} average utilization on ${p.avgInstances.toFixed(1)} instances in service.`,
  };
}
