// The one place spend is computed. Every page sums the figures this produces (stored per series
// and minute), so the overview, model, pool and capacity-review pages reconcile by construction.
//
// Per pool and minute, with B instances billed (launched, not terminated: EC2 bills from launch,
// so a booting instance counts) and R reserved instances active:
//   covered      = min(B, R)                          hours billed at the reserved rate
//   spend $/h    = covered × reservedRate + (B − covered) × onDemandRate
//   idle $/h     = (R − covered) × reservedRate       reserved capacity paid for but unused
// A pool serving several models splits all three by each model's share of the billed instances
// (allocationShares in ./allocate-idle-reserved.ts, which defines the allocation).

import { allocationShares, usageCostPerUnits } from "./allocate-idle-reserved";

export type ReservationWindow = {
  startAt: Date;
  /** null: no end date (EndDateType unlimited). */
  endAt: Date | null;
  instanceCount: number;
  usdPerInstanceHour: number;
};

export type PoolPricing = {
  onDemandUsdPerHour: number;
  reservations: ReservationWindow[];
};

export type SeriesMinuteCost = {
  reservedInstances: number;
  spendUsd: number;
  idleReservedUsd: number;
};

/** Reserved instances active at `at` and their count-weighted $/instance-hour. */
export function activeReservation(pricing: PoolPricing, at: Date): { count: number; usdPerInstanceHour: number } {
  let count = 0;
  let dollars = 0;
  const t = at.getTime();
  for (const r of pricing.reservations) {
    if (r.startAt.getTime() <= t && (r.endAt === null || t < r.endAt.getTime())) {
      count += r.instanceCount;
      dollars += r.instanceCount * r.usdPerInstanceHour;
    }
  }
  return { count, usdPerInstanceHour: count > 0 ? dollars / count : 0 };
}

/** Splits one pool-minute's cost across the series (models) it serves, in input order. */
export function computePoolMinuteCost(args: {
  pricing: PoolPricing;
  at: Date;
  /** Each series' billed instances (launched, not terminated) this minute. */
  billedBySeries: number[];
}): SeriesMinuteCost[] {
  const { pricing, at, billedBySeries } = args;
  if (billedBySeries.length === 0) return [];
  const billed = billedBySeries.reduce((a, b) => a + b, 0);
  const reserved = activeReservation(pricing, at);
  const covered = Math.min(billed, reserved.count);
  const spendUsdPerHour = covered * reserved.usdPerInstanceHour + (billed - covered) * pricing.onDemandUsdPerHour;
  const idleUsdPerHour = (reserved.count - covered) * reserved.usdPerInstanceHour;
  return allocationShares(billedBySeries).map((share) => {
    return {
      reservedInstances: reserved.count * share,
      spendUsd: (spendUsdPerHour * share) / 60,
      idleReservedUsd: (idleUsdPerHour * share) / 60,
    };
  });
}

/** Usage cost per unit of work over one window: spend / units × unitScale (1e6 tokens, 1e3 images). */
export const costPerUnits = usageCostPerUnits;
