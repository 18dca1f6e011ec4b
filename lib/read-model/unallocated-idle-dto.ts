import { z } from "zod";
import { ZUsd } from "@/lib/money/usd";

/**
 * Reserved dollars over a window that no model carries: reservations of pools serving no model
 * (or targeting no pool), listed on their own line beside the models (lib/cost/allocate-idle-reserved.ts).
 */
export const ZUnallocatedIdleReserved = z.object({
  /** Dollars over the window, rounded once to the cent (lib/money). */
  usd: ZUsd,
  reservedInstanceHours: z.number(),
  /** The pools it sits on ("(no pool)" for reservations that target none). */
  poolIds: z.array(z.string()),
});
export type TUnallocatedIdleReserved = z.infer<typeof ZUnallocatedIdleReserved>;
