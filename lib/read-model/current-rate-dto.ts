import { z } from "zod";
import { ZUsd } from "@/lib/money/usd";

// "Now" dollar rates as page payloads carry them (definition: current-rate.ts): the average over
// the last complete minutes [from, to) before the data end; null when a minute of it is missing.
export const ZCurrentRateDto = z.object({
  from: z.string(),
  to: z.string(),
  spendUsdPerHour: ZUsd.nullable(),
  idleReservedUsdPerHour: ZUsd.nullable(),
});
export type TCurrentRateDto = z.infer<typeof ZCurrentRateDto>;
