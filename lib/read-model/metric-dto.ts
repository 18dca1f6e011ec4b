import { z } from "zod";

// The figures of a fleet, model or pool over a range (deriveMetrics' output), as every page's
// payload carries them.
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
  spendUsd: z.number(),
  spendUsdPerHour: z.number(),
  idleReservedUsd: z.number(),
  idleReservedUsdPerHour: z.number(),
  sloAttainmentPct: z.number().nullable(),
  latencyRequests: z.number(),
});
