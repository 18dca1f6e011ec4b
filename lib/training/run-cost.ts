// What a training run cost. Pure, so it is tested against hand-computed cases.

const HOUR_MS = 3_600_000;

/** The reservation (Capacity Block or On-Demand Capacity Reservation) a run launches into. */
export type RunReservation = {
  startAt: Date;
  /** null: an open-ended reservation (runs until cancelled). */
  endAt: Date | null;
  instanceCount: number;
  /** The booked Capacity Block price, or the reservation's effective rate, $ per instance-hour. */
  usdPerInstanceHour: number;
};

export type RunCostInput = {
  /** Instances the run holds from start to end. */
  instances: number;
  startedAt: Date;
  /** The run's end, or "now" for a run still going. */
  endAt: Date;
  reservation: RunReservation | null;
  /** On-demand list $ per instance-hour of the run's instance type (null: no price known). */
  onDemandUsdPerHour: number | null;
};

export type RunCost = {
  /** Instance-hours at the reservation's rate (inside its window, up to its instance count). */
  reservedInstanceHours: number;
  /** Instance-hours at on-demand: instances over the reservation's count, and time outside its window. */
  onDemandInstanceHours: number;
  reservedUsd: number;
  /** null when on-demand hours exist but no on-demand price is known (never a made-up 0). */
  onDemandUsd: number | null;
  /** reservedUsd + onDemandUsd; null when either part is unknown. */
  totalUsd: number | null;
};

/**
 * Run cost = Σ over the run's instance-hours of the rate that applies to each:
 * - inside the reservation's window [startAt, endAt), up to its instanceCount instances: the
 *   reservation's rate (a Capacity Block's booked price, paid up front; an On-Demand Capacity
 *   Reservation's effective rate);
 * - every other instance-hour (instances over the reservation's count — "overflow" — and time before
 *   the window opens or after it closes): the on-demand rate of the instance type.
 * A Capacity Block is paid whether used or not: the hours a run uses are its share, the rest is the
 * block's idle cost (block-timeline.ts), so the two never count the same hour twice.
 */
export function computeRunCost(input: RunCostInput): RunCost {
  const totalHours = Math.max(0, input.endAt.getTime() - input.startedAt.getTime()) / HOUR_MS;
  let reservedInstanceHours = 0;
  const r = input.reservation;
  if (r) {
    const from = Math.max(input.startedAt.getTime(), r.startAt.getTime());
    const to = Math.min(input.endAt.getTime(), r.endAt?.getTime() ?? Infinity);
    const insideHours = Math.max(0, to - from) / HOUR_MS;
    reservedInstanceHours = insideHours * Math.min(input.instances, r.instanceCount);
  }
  const onDemandInstanceHours = totalHours * input.instances - reservedInstanceHours;
  const reservedUsd = reservedInstanceHours * (r?.usdPerInstanceHour ?? 0);
  const onDemandUsd =
    onDemandInstanceHours <= 1e-12
      ? 0
      : input.onDemandUsdPerHour === null
        ? null
        : onDemandInstanceHours * input.onDemandUsdPerHour;
  return {
    reservedInstanceHours,
    onDemandInstanceHours,
    reservedUsd,
    onDemandUsd,
    totalUsd: onDemandUsd === null ? null : reservedUsd + onDemandUsd,
  };
}

/** Tokens per dollar: tokens trained over the run's cost so far. null when either is unknown or the cost is 0. */
export function tokensPerUsd(tokens: number | null, costUsd: number | null): number | null {
  if (tokens === null || costUsd === null || costUsd <= 0) return null;
  return tokens / costUsd;
}
