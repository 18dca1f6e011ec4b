// The one place spend is computed. Every page sums the figures this produces (stored per series
// and minute), so the overview, model, pool and capacity-review pages reconcile by construction.
//
// Per pool and minute, with I instances in service and R reserved instances active:
//   covered      = min(I, R)                          hours billed at the reserved rate
//   spend $/h    = covered × reservedRate + (I − covered) × onDemandRate
//   idle $/h     = (R − covered) × reservedRate       reserved capacity paid for but unused
// A pool serving several models splits all three by each model's share of the instances
// (equally when the pool has none in service, so idle reservations stay attributed).

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
  instancesBySeries: number[];
}): SeriesMinuteCost[] {
  const { pricing, at, instancesBySeries } = args;
  const n = instancesBySeries.length;
  if (n === 0) return [];
  const inService = instancesBySeries.reduce((a, b) => a + b, 0);
  const reserved = activeReservation(pricing, at);
  const covered = Math.min(inService, reserved.count);
  const spendUsdPerHour = covered * reserved.usdPerInstanceHour + (inService - covered) * pricing.onDemandUsdPerHour;
  const idleUsdPerHour = (reserved.count - covered) * reserved.usdPerInstanceHour;
  return instancesBySeries.map((instances) => {
    const share = inService > 0 ? instances / inService : 1 / n;
    return {
      reservedInstances: reserved.count * share,
      spendUsd: (spendUsdPerHour * share) / 60,
      idleReservedUsd: (idleUsdPerHour * share) / 60,
    };
  });
}

/** Cost per unit of work over one window: spend / units × unitScale (1e6 tokens, 1e3 images). */
export function costPerUnits(spendUsd: number, units: number, unitScale: number): number | null {
  return units > 0 ? (spendUsd / units) * unitScale : null;
}
