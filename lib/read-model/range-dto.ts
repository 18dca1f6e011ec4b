import { z } from "zod";
import { isPartialBucket, windowMinutes, type ResolvedRange } from "@/lib/telemetry/sql/time-range";

// The range every page payload reports (the client shows it and tests read it): one shape for
// overview, models, pools and capacity, so no page's folder has to import another's. `from`, `to`
// and `minutes` are the window every total on the page sums, exactly; chart buckets are aligned to
// `stepSeconds`, so a series' first and last points may cover only part of their bucket (`partial`).
export const ZRangeDto = z.object({
  from: z.string(),
  to: z.string(),
  /** Whole minutes summed: (to − from) / 1 min. */
  minutes: z.number(),
  stepSeconds: z.number(),
  table: z.enum(["minute", "hourly"]),
  preset: z.string(),
});
export type TRangeDto = z.infer<typeof ZRangeDto>;

export function rangeDto(range: ResolvedRange): TRangeDto {
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    minutes: windowMinutes(range),
    stepSeconds: range.stepSeconds,
    table: range.table,
    preset: range.preset,
  };
}

/** A chart point's bucket reaching outside the window (only its minutes inside were summed). */
export const ZPartialBucket = z.literal(true).optional();

/** `{ partial: true }` for a bucket that reaches outside the window, nothing for a whole one. */
export function partialMark(
  range: Pick<ResolvedRange, "from" | "to">,
  bucketStart: Date,
  stepSeconds: number,
): { partial?: true } {
  return isPartialBucket(range, bucketStart, stepSeconds) ? { partial: true } : {};
}
