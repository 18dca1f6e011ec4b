import {
  RECOMMENDATION_RULES as R,
  perMonth,
  rate,
  usd,
  type Draft,
  type PoolFacts,
  type PricingHorizon,
  type ReservationFacts,
} from "./recommendation-rules";

/**
 * A reservation ending soon: what not renewing it would cost per month. Only the instances the pool
 * is expected to use would run on demand afterwards: its average instances in service this month,
 * less those its other reservations cover. Idle reserved instances cost nothing once the
 * reservation ends, so they are not part of the premium (and need not be renewed).
 */
export function recommendRenewal(res: ReservationFacts, pools: PoolFacts[], h: PricingHorizon): Draft[] {
  const od = res.onDemandUsdPerHour;
  if (res.daysLeft === null || res.daysLeft > R.renewWithinDays || od === null) return [];
  const pool = res.poolId ? pools.find((p) => p.id === res.poolId) : undefined;
  const others = pool ? Math.max(0, pool.reservedInstances - res.instanceCount) : 0;
  const used = pool
    ? Math.min(res.instanceCount, Math.max(0, Math.round(pool.avgInstances - others)))
    : res.instanceCount;
  if (used === 0) return []; // all idle: release_idle_reservation says so
  const extra = used * Math.max(0, od - res.usdPerInstanceHour) * h.hours;
  const usage = pool
    ? `Expected use: ${pool.id} averaged ${pool.avgInstances.toFixed(1)} instances in service this month, ${others} covered by its other reservations` +
      (used < res.instanceCount ? `; the ${res.instanceCount - used} idle need not be renewed.` : ".")
    : "No pool telemetry for it: assumes all its instances are in use.";
  return [
    {
      kind: "renew_reservation",
      severity: "warning",
      poolId: res.poolId,
      modelId: null,
      monthlyUsd: -extra,
      title: `Reservation ${res.id} (${res.instanceCount} × ${res.instanceType}${res.poolId ? ` for ${res.poolId}` : ""}) ends in ${Math.max(0, res.daysLeft).toFixed(0)} days: renew ${used < res.instanceCount ? `${used} of them` : "it"} or pay ${usd(extra)}${perMonth(h)} more on demand`,
      detail: `${used} in use × (${rate(od)} on demand − ${rate(res.usdPerInstanceHour)} reserved) × ${h.hours} h. ${usage}`,
    },
  ];
}
