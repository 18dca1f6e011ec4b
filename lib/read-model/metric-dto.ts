import { z } from "zod";
import { usd, ZUsd } from "@/lib/money/usd";
import type { DerivedMetrics } from "@/lib/telemetry/sql/derive-metrics";

// The figures of a fleet, model or pool over a range (deriveMetrics' output), as every page's
// payload carries them. Money is a decimal string rounded once to the cent here (lib/money); the
// rest stays a number.
export const ZMetrics = z.object({
  utilizationPct: z.number().nullable(),
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  latencyP99Ms: z.number().nullable(),
  /** Null when no minute of the range had a datapoint for it (never a made-up 0). */
  requestsPerSecond: z.number().nullable(),
  unitsPerSecond: z.number().nullable(),
  units: z.number(),
  avgInstances: z.number(),
  avgReservedInstances: z.number(),
  spendUsd: ZUsd,
  /** Spend per observed hour, averaged over the whole range (not "now": see current-rate.ts). */
  spendUsdPerHour: ZUsd,
  idleReservedUsd: ZUsd,
  /** Idle reserved dollars per observed hour, averaged over the range. */
  idleReservedUsdPerHour: ZUsd,
  sloAttainmentPct: z.number().nullable(),
  latencyRequests: z.number(),
});
export type TMetrics = z.infer<typeof ZMetrics>;

/** deriveMetrics' numbers as the DTO carries them: each dollar figure rounded once, to the cent. */
export function metricsDto(m: DerivedMetrics): TMetrics {
  return {
    ...m,
    spendUsd: usd(m.spendUsd),
    spendUsdPerHour: usd(m.spendUsdPerHour),
    idleReservedUsd: usd(m.idleReservedUsd),
    idleReservedUsdPerHour: usd(m.idleReservedUsdPerHour),
  };
}
