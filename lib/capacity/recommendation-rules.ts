import type { TChipComparison } from "@/lib/models/model-dto";
import { fmtUsd, fmtUsdPrice } from "@/lib/money/format-usd";
import type { TRecommendationFigures } from "./review-dto";

// The recommendation rules' thresholds, their inputs and the marginal-price helpers they share
// (the pricing basis is described at the top of recommend-capacity.ts).
export const RECOMMENDATION_RULES = {
  /** Size pools so the busiest hour runs at this utilization. */
  targetPeakUtilPct: 75,
  /** Pools whose busiest hour stayed under this are candidates for a drain. */
  drainBelowPeakUtilPct: 60,
  /**
   * Pools that served a smaller share of their requests within their model's p95 SLO than this
   * (a p95 SLO is met when 95 % are), or peaked above hotPeakUtilPct, need capacity.
   */
  minSloAttainmentPct: 95,
  hotPeakUtilPct: 95,
  /** Compare chip families only when the cheaper one is at least this much cheaper per unit. */
  minChipSavingPct: 10,
  /** Warn about reservations ending within this many days of the review. */
  renewWithinDays: 45,
} as const;

export type PoolFacts = {
  id: string;
  modelIds: string[];
  chipFamily: "trainium" | "graviton";
  region: string;
  instanceType: string;
  minCapacity: number;
  desiredCapacity: number;
  onDemandUsdPerHour: number;
  /** Instances covered by reservations active now. */
  reservedInstances: number;
  avgInstances: number;
  /** Units (tokens, images, items) per second served this month; null when no minute measured them. */
  unitsPerSecond: number | null;
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
  /** "tokens/s", "images/s", "items/s". */
  rateLabel: string;
  unitScale: number;
  comparison: TChipComparison | null;
};

export type ReservationFacts = {
  id: string;
  poolId: string | null;
  instanceType: string;
  instanceCount: number;
  /** Days from now to the end; null: no end date (runs until cancelled, so it can be cancelled). */
  daysLeft: number | null;
  usdPerInstanceHour: number;
  onDemandUsdPerHour: number | null;
};

/** The hours every monthly figure is priced over, and the month they are the length of. */
export type PricingHorizon = { hours: number; monthLabel: string };

/**
 * A take-or-pay commitment whose forecast at its end falls short of it (forecast − total < 0, the
 * headline forecast of lib/capacity/commitment-burn-math.ts): the shortfall is billed anyway.
 */
export type TakeOrPayShortfall = {
  commitmentName: string;
  endAt: Date;
  /** totalUsd − forecast at end, > 0. */
  shortfallUsd: number;
};

export type RecommendInput = {
  pools: PoolFacts[];
  models: ModelFacts[];
  reservations: ReservationFacts[];
  horizon: PricingHorizon;
  /** null (or left out): no take-or-pay commitment is forecast to fall short. */
  takeOrPayShortfall?: TakeOrPayShortfall | null;
};

export type Draft = Omit<TRecommendationFigures, "rank" | "widensTakeOrPayShortfall">;

/** An amount in a sentence: "$9,390.55" (the same format as every amount on screen; sign in the words). */
export const usd = (v: number) => fmtUsd(Math.abs(v));
/** A price per instance-hour: "$27.40/h". */
export const rate = (v: number) => `${fmtUsdPrice(v)}/h`;
export const pct = (v: number | null) => (v === null ? "—" : `${v.toFixed(0)} %`);
/** "/month (720 h)": the basis every monthly figure states. */
export const perMonth = (h: PricingHorizon) => `/month (${h.hours} h)`;
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Telemetry stores instances as float4: 12 idle instances can average 11.9999. */
export const wholeInstances = (avg: number) => Math.floor(avg + 1e-3);

/** Hours of the horizon after a reservation ends (0 while it outlives the horizon or has no end). */
export function hoursAfterEnd(r: Pick<ReservationFacts, "daysLeft">, hours: number): number {
  if (r.daysLeft === null) return 0;
  return Math.min(hours, Math.max(0, hours - r.daysLeft * 24));
}

/**
 * What removing `count` instances from a pool saves over the horizon: its on-demand instances
 * first (on-demand price × hours), then instances of the reservations that end soonest (on-demand
 * price × the hours after the end: until then the reservation bills whether used or not).
 */
export function removalSavingUsd(
  pool: Pick<PoolFacts, "desiredCapacity" | "reservedInstances" | "onDemandUsdPerHour">,
  reservations: ReservationFacts[],
  count: number,
  hours: number,
): { usd: number; onDemandInstances: number; endingInstances: number } {
  const onDemandInstances = Math.min(count, Math.max(0, pool.desiredCapacity - pool.reservedInstances));
  let usdSaved = onDemandInstances * pool.onDemandUsdPerHour * hours;
  let left = Math.min(count - onDemandInstances, pool.reservedInstances);
  let endingInstances = 0;
  const soonestFirst = [...reservations].sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity));
  for (const r of soonestFirst) {
    if (left <= 0) break;
    const n = Math.min(left, r.instanceCount);
    left -= n;
    const after = hoursAfterEnd(r, hours);
    if (after > 0) endingInstances += n;
    usdSaved += n * pool.onDemandUsdPerHour * after;
  }
  return { usd: usdSaved, onDemandInstances, endingInstances };
}
