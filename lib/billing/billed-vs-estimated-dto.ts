import { z } from "zod";
import { ZUsd } from "@/lib/money/usd";

// The billing page's payload and its numbers, defined before they are computed
// (get-billed-vs-estimated.ts; README "Billed vs estimated"):
// - billedUsd: the sum of FOCUS EffectiveCost (after Savings Plans, RIs and negotiated discounts,
//   upfront fees amortized) of the line items mapped to the pool (map-line-item.ts: instance hours
//   and the reservation's own unused hours / purchase) whose ChargePeriodStart falls in the UTC day.
//   null on days the bill does not cover yet (from `billedUntil` on, today always).
// - estimatedUsd: the telemetry estimate for the same pool and UTC day, the one spend math
//   (lib/cost/pool-minute-cost.ts) summed: spend + idle reserved dollars of every minute stored.
//   null when no telemetry minute of the pool exists in that day.
// - driftUsd = billedUsd − estimatedUsd; driftPct = driftUsd / estimatedUsd × 100 (null when either
//   side is null or the estimate is 0).
// Amounts are ZUsd decimal strings (lib/money), rounded once at this edge: within a day the pool
// rows foot to the day's fleet total by largest remainder (billed and estimated each), a drift is
// billed − estimated of the strings shown (to the cent), and a chip family's amounts are the sums
// of its pool-day strings. driftPct and overThreshold are computed from the unrounded amounts.
// thresholdUsd is the configured floor (a setting, not an amount computed here): a number.
export const ZBilledVsEstimatedRow = z.object({
  day: z.string(),
  poolId: z.string(),
  chipFamily: z.string(),
  instanceType: z.string(),
  billedUsd: ZUsd.nullable(),
  listUsd: ZUsd.nullable(),
  estimatedUsd: ZUsd.nullable(),
  driftUsd: ZUsd.nullable(),
  driftPct: z.number().nullable(),
  /** Over BILLING_DRIFT_THRESHOLD_PCT and BILLING_DRIFT_MIN_USD. */
  overThreshold: z.boolean(),
});
export type TBilledVsEstimatedRow = z.infer<typeof ZBilledVsEstimatedRow>;

/**
 * One model's or chip family's day (group-billed-by-day.ts defines the split of a pool's bill among
 * its models). Amounts rounded once per row (a list without a footed total); driftUsd is billed −
 * estimated of the strings shown; driftPct from the unrounded amounts.
 */
export const ZBilledVsEstimatedGroupDay = z.object({
  day: z.string(),
  key: z.string(),
  billedUsd: ZUsd.nullable(),
  estimatedUsd: ZUsd.nullable(),
  driftUsd: ZUsd.nullable(),
  driftPct: z.number().nullable(),
});

export const ZBillingFile = z.object({
  key: z.string(),
  billingPeriod: z.string(),
  status: z.enum(["ingested", "failed"]),
  rowCount: z.number(),
  error: z.string().nullable(),
  ingestedAt: z.string(),
});

export const ZBilledVsEstimated = z.object({
  source: z.enum(["simulated", "s3", "none"]),
  /** Days [from, to): UTC midnights. */
  from: z.string(),
  to: z.string(),
  /** The first UTC day the bill does not cover (null: no bill ingested); days before it show the bill. */
  billedUntil: z.string().nullable(),
  thresholdPct: z.number(),
  thresholdUsd: z.number(),
  rows: z.array(ZBilledVsEstimatedRow),
  /** Fleet totals per day over the rows above (null parts stay null). */
  days: z.array(
    z.object({
      day: z.string(),
      billedUsd: ZUsd.nullable(),
      estimatedUsd: ZUsd.nullable(),
      driftUsd: ZUsd.nullable(),
      driftPct: z.number().nullable(),
    }),
  ),
  /**
   * Per chip family over the billed days only (the rows with a bill): Σ billed, Σ estimated of
   * the same pool-days, and their drift.
   */
  chipFamilies: z.array(
    z.object({
      chipFamily: z.string(),
      billedUsd: ZUsd,
      estimatedUsd: ZUsd,
      driftUsd: ZUsd,
      driftPct: z.number().nullable(),
    }),
  ),
  /** Per model (key: model id) and day: a pool-day's bill split by the models' shares of its estimate. */
  byModelDay: z.array(ZBilledVsEstimatedGroupDay),
  /** Per chip family (key) and day: the sums of its pool-day rows. */
  byChipFamilyDay: z.array(ZBilledVsEstimatedGroupDay),
  /** Billed EffectiveCost in the range not mapped to any pool (other services, storage, unknown tags). */
  unmappedUsd: ZUsd,
  files: z.array(ZBillingFile),
});
export type TBilledVsEstimated = z.infer<typeof ZBilledVsEstimated>;

export const ZBillingParams = z.object({ days: z.coerce.number().int().min(1).max(90).default(14) }).strict();
export type TBillingParams = z.infer<typeof ZBillingParams>;
