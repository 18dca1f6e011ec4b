import { z } from "zod";

// Which telemetry source answered a page and how far behind it is (the staleness banner).
// `heldFrom`: the database is unreachable, and this is the answer computed at that time (ISO),
// served until it is back (the outage banner).
export const ZTelemetryDto = z.object({
  source: z.enum(["simulated", "cloudwatch"]),
  lagSeconds: z.number().nullable(),
  /** "Data as of": the end of the newest stored minute (ISO, UTC); null before the first is stored. */
  dataThrough: z.string().nullable(),
  /** How the page's latency percentiles were computed (said on screen beside them). */
  latencyMethod: z.string(),
  heldFrom: z.string().optional(),
});
export type TTelemetryDto = z.infer<typeof ZTelemetryDto>;
