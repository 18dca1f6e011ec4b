/**
 * Idle reserved dollars, and who carries them.
 *
 * Idle reserved: per pool and minute, the reserved instances active (R) that no billed instance
 * (B: launched, not terminated) covers, at the reservation rate: (R − min(B, R)) × reservedRate / 60.
 * It is paid whether or not anything runs on it.
 *
 * Allocation (as OpenCost's "allocation" view, beside its "usage" view): each minute, a pool's
 * spend and idle reserved dollars are split between the models it serves by each model's share of
 * the pool's billed instances that minute (equally when none is billed, so idle reservations stay
 * attributed). A pool serving no model has no one to carry its reservations: their dollars are
 * "unallocated idle reserved", reported on their own line and never dropped (unallocatedIdleReserved).
 *
 * Two costs per unit follow from that:
 *   usage cost per unit        = Σ spend / Σ units × scale
 *   fully loaded cost per unit = (Σ spend + Σ allocated idle reserved) / Σ units × scale
 * summed over the model's series and minutes in the window (scale: 1e6 tokens, 1e3 images, …).
 */

/** Each series' share of a pool-minute, in input order, from its billed instances. */
export function allocationShares(billedBySeries: readonly number[]): number[] {
  const n = billedBySeries.length;
  const billed = billedBySeries.reduce((a, b) => a + b, 0);
  return billedBySeries.map((instances) => (billed > 0 ? instances / billed : 1 / n));
}

/** Usage cost per unit: spend of billed instances serving the model / units × scale. */
export function usageCostPerUnits(spendUsd: number, units: number, unitScale: number): number | null {
  return units > 0 ? (spendUsd / units) * unitScale : null;
}

/** Fully loaded cost per unit: spend plus the allocated idle reserved dollars / units × scale. */
export function fullyLoadedCostPerUnits(
  spendUsd: number,
  idleReservedUsd: number,
  units: number,
  unitScale: number,
): number | null {
  return units > 0 ? ((spendUsd + idleReservedUsd) / units) * unitScale : null;
}

export type ReservationTerm = {
  poolId: string | null;
  instanceCount: number;
  usdPerInstanceHour: number;
  startAt: Date;
  /** null: no end date. */
  endAt: Date | null;
  /** When the inventory last saw it (cancelled, expired): it bills no longer. */
  retiredAt: Date | null;
};

/**
 * Unallocated idle reserved dollars over [from, to): every reservation whose pool serves no model
 * (or that targets no pool) over the part of its term inside the window. Nothing it could cover
 * serves a model, so all of it is counted, whether or not instances run on it.
 */
export function unallocatedIdleReserved(args: {
  reservations: readonly ReservationTerm[];
  poolsWithModels: ReadonlySet<string>;
  from: Date;
  to: Date;
}): { usd: number; reservedInstanceHours: number; poolIds: string[] } {
  let usd = 0;
  let hours = 0;
  const poolIds = new Set<string>();
  for (const r of args.reservations) {
    if (r.poolId !== null && args.poolsWithModels.has(r.poolId)) continue;
    const endMs = Math.min(r.endAt?.getTime() ?? Infinity, r.retiredAt?.getTime() ?? Infinity, args.to.getTime());
    const startMs = Math.max(r.startAt.getTime(), args.from.getTime());
    if (endMs <= startMs) continue;
    const instanceHours = (r.instanceCount * (endMs - startMs)) / 3_600_000;
    hours += instanceHours;
    usd += instanceHours * r.usdPerInstanceHour;
    poolIds.add(r.poolId ?? "(no pool)");
  }
  return { usd, reservedInstanceHours: hours, poolIds: [...poolIds].sort() };
}

/** Both costs per unit of a set of metrics, as every page lists them side by side. */
export function costsPerUnit(
  m: { spendUsd: number; idleReservedUsd: number; units: number },
  unitScale: number,
): { costPerUnitUsd: number | null; fullyLoadedCostPerUnitUsd: number | null } {
  return {
    costPerUnitUsd: usageCostPerUnits(m.spendUsd, m.units, unitScale),
    fullyLoadedCostPerUnitUsd: fullyLoadedCostPerUnits(m.spendUsd, m.idleReservedUsd, m.units, unitScale),
  };
}
