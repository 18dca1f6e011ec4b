import { z } from "zod";
import type { ResolvedRange } from "@/lib/telemetry/sql/time-range";

// The range every page payload reports (the client shows it and tests read it): one shape for
// overview, models, pools and capacity, so no page's folder has to import another's.
export const ZRangeDto = z.object({
  from: z.string(),
  to: z.string(),
  stepSeconds: z.number(),
  table: z.enum(["minute", "hourly"]),
  preset: z.string(),
});
export type TRangeDto = z.infer<typeof ZRangeDto>;

export function rangeDto(range: ResolvedRange): TRangeDto {
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    stepSeconds: range.stepSeconds,
    table: range.table,
    preset: range.preset,
  };
}
