import { z } from "zod";

/**
 * SLO attainment by minute (lib/telemetry/sql/query-model-slo-minutes.ts): of the minutes with a
 * measured latency for a model, those whose model-level p95 was above its p95 SLO.
 */
export const ZModelSloMinutes = z.object({
  minutes: z.number(),
  overSloMinutes: z.number(),
});
export type TModelSloMinutes = z.infer<typeof ZModelSloMinutes>;
