import { z } from "zod";
import { ZCapacityBlockRow, ZTrainingRunRow } from "./training-dto";

// One run's page: its row, its block, and its telemetry per hour (means over the reported minutes).
export const ZTrainingRunHour = z.object({
  t: z.string(),
  tokensPerSecond: z.number().nullable(),
  neuronCoreUtilizationPct: z.number().nullable(),
  stepTimeMs: z.number().nullable(),
  /** Minutes of the hour in state progressing, of the minutes reported. */
  progressMinutes: z.number().int(),
  reportedMinutes: z.number().int(),
});
export type TTrainingRunHour = z.infer<typeof ZTrainingRunHour>;

export const ZTrainingRunDetail = z.object({
  now: z.string(),
  run: ZTrainingRunRow,
  block: ZCapacityBlockRow.nullable(),
  hours: z.array(ZTrainingRunHour),
});
export type TTrainingRunDetail = z.infer<typeof ZTrainingRunDetail>;

export const ZTrainingRunIdParam = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, "a run id: letters, digits, . _ : -");
