import { z } from "zod";
import { ZPoolActionDto } from "./action-dto";

// One row of the actions page and the approvals inbox.
export const ZActionListRow = ZPoolActionDto.pick({
  id: true,
  poolId: true,
  kind: true,
  count: true,
  state: true,
  requestedBy: true,
  reason: true,
  approvalReasons: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
}).extend({
  /** Who approved (the first approval) or rejected it; null while undecided or when no approval was needed. */
  decidedBy: z.string().nullable(),
  /** The bill's $/h change the requester was shown (usd-per-hour-change.ts); null when the stored preview does not say. */
  usdPerHourChange: z.number().nullable(),
});
export type TActionListRow = z.infer<typeof ZActionListRow>;

export const ZActionList = z.object({ actions: z.array(ZActionListRow), limit: z.number() });
export type TActionList = z.infer<typeof ZActionList>;
