import { z } from "zod";

/** The params of an audit row written by the inventory sync (persisted JSON: parsed where read). */
export const ZInventoryAuditParams = z.object({
  key: z.string(),
  source: z.enum(["simulated", "aws"]),
  trigger: z.string(),
  /** For a change: each field's value before and after (dates as ISO strings). */
  fields: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).optional(),
});
export type TInventoryAuditParams = z.infer<typeof ZInventoryAuditParams>;
