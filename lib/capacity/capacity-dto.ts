import { z } from "zod";
import { ZUsd } from "@/lib/money/usd";
import { ZPartialBucket, ZRangeDto } from "@/lib/read-model/range-dto";
import { ZTelemetryDto } from "@/lib/read-model/telemetry-dto";

// The reserved-capacity page payload: the multi-year commitment's burn and the capacity
// reservations' use over the picked range.
const nullableNumber = z.number().nullable();

export const ZCommitmentBurn = z.object({
  id: z.string(),
  name: z.string(),
  totalUsd: ZUsd,
  startAt: z.string(),
  endAt: z.string(),
  asOf: z.string(),
  priorSpendUsd: ZUsd,
  trackedSpendUsd: ZUsd,
  trackedIdleReservedUsd: ZUsd,
  /** priorSpendUsd + spend + idle reserved dollars from telemetry; the three foot to it (lib/money). */
  spentToDateUsd: ZUsd,
  /** The linear plan: totalUsd × elapsed share of the term. */
  planToDateUsd: ZUsd,
  /** Spend + idle reserved per observed hour over exactly [runRateFrom, asOf): the trailing 7 days, or less for a younger commitment. */
  runRateUsdPerHour: ZUsd,
  runRateFrom: z.string(),
  forecastAtEndUsd: ZUsd,
  /** Chart coordinates in float dollars (a plotted position, not an amount to read). */
  points: z.array(z.object({ t: z.string(), actual: nullableNumber, plan: nullableNumber, forecast: nullableNumber })),
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
