import { z } from "zod";
import { ZUsd } from "@/lib/money/usd";
import { ZPartialBucket, ZRangeDto } from "@/lib/read-model/range-dto";
import { ZTelemetryDto } from "@/lib/read-model/telemetry-dto";

// The reserved-capacity page payload: the multi-year commitment's burn and the capacity
// reservations' use over the picked range.
const nullableNumber = z.number().nullable();

// Figures defined in commitment-burn-math.ts and README "Commitment burn". Amounts are ZUsd, rounded
// once here: prior + billed + estimated foot to burned to date (largest remainder).
export const ZCommitmentBurn = z.object({
  id: z.string(),
  name: z.string(),
  totalUsd: ZUsd,
  startAt: z.string(),
  endAt: z.string(),
  /** The data end (or the term's end): burned to date is up to here. */
  asOf: z.string(),
  /** A shortfall at the end of the term is billed anyway (declared in the fleet config). */
  takeOrPay: z.boolean(),
  /** Declared: billed under the commitment before the bill's first day. */
  priorSpendUsd: ZUsd,
  /** Σ the bill's counted amount (all services, Tax excluded) over the billed days. */
  billedUsd: ZUsd,
  /** Of billedUsd, the line items mapped to a pool (not footed: a part, rounded on its own). */
  fleetBilledUsd: ZUsd,
  /** fleetBilledUsd / billedUsd × 100; null without a bill. */
  fleetSharePct: nullableNumber,
  /** Σ the estimated days: the fleet's telemetry estimate + the other services' mean per billed day. */
  estimatedUsd: ZUsd,
  otherServicesUsdPerDay: ZUsd,
  /** The first billed day and the first day the bill does not cover (the boundary); null: no bill. */
  billFrom: z.string().nullable(),
  billedUntil: z.string().nullable(),
  /** prior + billed + estimated. */
  burnedToDateUsd: ZUsd,
  /** The declared yearly plan at asOf (linear over undeclared years). */
  planToDateUsd: ZUsd,
  planAtEndUsd: ZUsd,
  /** Mean burn per day over the newest `runRateDays` complete days before asOf's day, and the lowest and highest complete-week means in them. */
  runRateUsdPerDay: ZUsd,
  runRateLowUsdPerDay: ZUsd,
  runRateHighUsdPerDay: ZUsd,
  runRateDays: z.number().int(),
  runRateWeeks: z.number().int(),
  /** burned to date + rate × days left; low and high from the lowest and highest weekly rates. */
  forecastAtEndUsd: ZUsd,
  forecastLowUsd: ZUsd,
  forecastHighUsd: ZUsd,
  /** forecast − totalUsd for mid, low, high: below 0 a shortfall, above an overage. */
  forecastVsTotalUsd: ZUsd,
  forecastLowVsTotalUsd: ZUsd,
  forecastHighVsTotalUsd: ZUsd,
  /** Each history day: billed or estimated, its burn and the fleet's part. */
  days: z.array(z.object({ day: z.string(), kind: z.enum(["billed", "estimated"]), burnedUsd: ZUsd, fleetUsd: ZUsd })),
  /** Chart coordinates in float dollars (a plotted position, not an amount to read). */
  points: z.array(
    z.object({
      t: z.string(),
      plan: z.number(),
      billed: nullableNumber,
      estimated: nullableNumber,
      forecast: nullableNumber,
      forecastLow: nullableNumber,
      forecastHigh: nullableNumber,
    }),
  ),
});
export type TCommitmentBurn = z.infer<typeof ZCommitmentBurn>;

/** A reservation's use as its source measured it, per 5-minute period (reservation_usage_5m). */
export const ZMeasuredReservationUse = z.object({
  /** The newest period with a used count: its start (ISO), used and total instances. */
  latest: z.object({ ts: z.string(), usedInstances: z.number(), totalInstances: z.number().nullable() }).nullable(),
  /** Over the range, periods with a used count only. */
  avgUsedInstances: nullableNumber,
  /** Σ used / Σ total instances over the range's periods that have both, in percent. */
  utilizationPct: nullableNumber,
  /** 5-minute periods stored in the range while the reservation was live. */
  periods: z.number().int(),
  /** Of those, periods without a used datapoint (left out of the averages). */
  missingPeriods: z.number().int(),
});
export type TMeasuredReservationUse = z.infer<typeof ZMeasuredReservationUse>;

export const ZReservationRow = z.object({
  id: z.string(),
  poolId: z.string().nullable(),
  models: z.array(z.string()),
  instanceType: z.string(),
  region: z.string(),
  availabilityZone: z.string(),
  instanceCount: z.number(),
  /** A price, not an amount: a number (shown with fmtUsdPrice). */
  usdPerInstanceHour: z.number(),
  startAt: z.string(),
  /** null: no end date (EndDateType unlimited). */
  endAt: z.string().nullable(),
  daysLeft: z.number().nullable(),
  /** Ends within EXPIRING_WITHIN_DAYS and may want renewing (not a training Capacity Block, which ends by design). */
  expiring: z.boolean(),
  measured: ZMeasuredReservationUse,
});
export type TReservationRow = z.infer<typeof ZReservationRow>;

export const ZIdleRow = z.object({
  key: z.string(),
  /** Pool rows: the pool's models; model rows: the pools. */
  related: z.array(z.string()),
  instanceType: z.string().nullable(),
  avgReservedInstances: z.number(),
  avgIdleInstances: z.number(),
  idleInstanceHours: z.number(),
  /** Footed: the rows of a table add up to usage.idleReservedUsd. */
  idleReservedUsd: ZUsd,
  reservedUtilizationPct: nullableNumber,
});
export type TIdleRow = z.infer<typeof ZIdleRow>;

export const ZCapacityOverview = z.object({
  range: ZRangeDto,
  telemetry: ZTelemetryDto,
  commitments: z.array(ZCommitmentBurn),
  reservations: z.array(ZReservationRow),
  usage: z.object({
    reservedInstanceHours: z.number(),
    idleInstanceHours: z.number(),
    idleReservedUsd: ZUsd,
    reservedUtilizationPct: nullableNumber,
    series: z.array(z.object({ t: z.string(), partial: ZPartialBucket, reserved: z.number(), used: z.number() })),
    byPool: z.array(ZIdleRow),
    byModel: z.array(ZIdleRow),
  }),
});
export type TCapacityOverview = z.infer<typeof ZCapacityOverview>;

export const EXPIRING_WITHIN_DAYS = 30;
