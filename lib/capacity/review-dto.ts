import { z } from "zod";
import { ZUsd } from "@/lib/money/usd";
import { ZModelSloMinutes } from "@/lib/read-model/slo-minutes-dto";
import { ZTelemetryDto } from "@/lib/read-model/telemetry-dto";
import { ZUnallocatedIdleReserved } from "@/lib/read-model/unallocated-idle-dto";

// The monthly capacity review payload (route handler, first paint and client).
const nullableNumber = z.number().nullable();

export const ZReviewFigures = z.object({
  utilizationPct: nullableNumber,
  spendUsd: ZUsd,
  /** Averaged over the month's observed hours. */
  spendUsdPerHour: ZUsd,
  idleReservedUsd: ZUsd,
  sloAttainmentPct: nullableNumber,
  /** Usage cost per unit, per the model's unit (null for chip-family and fleet rows, which mix units). */
  costPerUnitUsd: nullableNumber,
  /** Fully loaded: spend plus allocated idle reserved dollars / units (null where costPerUnitUsd is). */
  fullyLoadedCostPerUnitUsd: nullableNumber,
  observedHours: z.number(),
});
export type TReviewFigures = z.infer<typeof ZReviewFigures>;

export const ZReviewModelRow = z.object({
  id: z.string(),
  displayName: z.string(),
  kind: z.enum(["llm", "vlm", "ranking"]),
  costLabel: z.string(),
  sloP95Ms: z.number(),
  current: ZReviewFigures,
  previous: ZReviewFigures.nullable(),
  /** The month's minutes in which the model-level p95 was above its SLO. */
  sloMinutes: ZModelSloMinutes,
  /** Cost per unit per day of the month. */
  costTrend: z.array(nullableNumber),
});
export type TReviewModelRow = z.infer<typeof ZReviewModelRow>;

export const ZReviewChipRow = z.object({
  chipFamily: z.string(),
  current: ZReviewFigures,
  previous: ZReviewFigures.nullable(),
});
export type TReviewChipRow = z.infer<typeof ZReviewChipRow>;

export const RECOMMENDATION_KINDS = [
  "launch_for_slo",
  "renew_reservation",
  "release_idle_reservation",
  "drain_on_demand",
  "shift_chip_family",
] as const;

export const ZRecommendation = z.object({
  rank: z.number(),
  kind: z.enum(RECOMMENDATION_KINDS),
  severity: z.enum(["critical", "warning", "info"]),
  title: z.string(),
  detail: z.string(),
  /** Dollars per month: positive saves, negative costs (the price of fixing a risk). */
  monthlyUsd: ZUsd,
  poolId: z.string().nullable(),
  modelId: z.string().nullable(),
  /**
   * A saving while a take-or-pay commitment is forecast to fall short: it only widens the shortfall,
   * which is billed anyway (its detail says so), so it ranks below every recommendation that does not.
   */
  widensTakeOrPayShortfall: z.boolean(),
});
export type TRecommendation = z.infer<typeof ZRecommendation>;
/** A recommendation as the rules compute it: monthlyUsd in float dollars, rounded once where the DTO is built. */
export type TRecommendationFigures = Omit<TRecommendation, "monthlyUsd"> & { monthlyUsd: number };

/** Share of expected series-minutes stored for the reviewed window (definition: telemetry-coverage.ts). */
export const ZTelemetryCoverage = z.object({
  expectedSeriesMinutes: z.number(),
  presentSeriesMinutes: z.number(),
  /** 100 × present / expected; null when no series was expected to report. */
  coveragePct: nullableNumber,
  warnBelowPct: z.number(),
  /** Series expected to report in the window, and those of them with no minute stored. */
  series: z.number(),
  silentSeries: z.number(),
});
export type TTelemetryCoverage = z.infer<typeof ZTelemetryCoverage>;

/**
 * The fleet the recommendations were computed from: "snapshot", the fleet as it was at `asOf` (the
 * month's end; last changed at `changedAt`), or "current", today's fleet (the month in progress,
 * or a past month older than the inventory history).
 */
export const ZReviewFleetBasis = z.object({
  source: z.enum(["snapshot", "current"]),
  asOf: z.string(),
  changedAt: z.string().nullable(),
});
export type TReviewFleetBasis = z.infer<typeof ZReviewFleetBasis>;

export const ZCapacityReview = z.object({
  month: z.string(),
  previousMonth: z.string(),
  months: z.array(z.string()),
  range: z.object({ from: z.string(), to: z.string() }),
  previousRange: z.object({ from: z.string(), to: z.string() }),
  telemetry: ZTelemetryDto,
  coverage: ZTelemetryCoverage,
  /** Every recommendation's "per month" is this many hours: the length of the reviewed month. */
  pricing: z.object({ hours: z.number(), monthLabel: z.string() }),
  /** Fleet totals. Their spend is usage (idle reserved not included); idleReservedUsd is beside it. */
  fleet: z.object({ current: ZReviewFigures.nullable(), previous: ZReviewFigures.nullable() }),
  /** Reserved dollars of the month on pools serving no model: in no model's fully loaded cost. */
  unallocatedIdleReserved: ZUnallocatedIdleReserved,
  models: z.array(ZReviewModelRow),
  chipFamilies: z.array(ZReviewChipRow),
  recommendations: z.array(ZRecommendation),
  fleetBasis: ZReviewFleetBasis,
});
export type TCapacityReview = z.infer<typeof ZCapacityReview>;
