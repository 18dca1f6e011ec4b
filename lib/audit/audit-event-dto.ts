import { z } from "zod";
import { AUDIT_OUTCOMES } from "./audit-filters";

// An audit event as GET /api/audit returns it and the audit page renders it.
export const ZAuditEventDto = z.object({
  /** BigInt in the database: a string, so no id is rounded in JSON. */
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  actorRole: z.string(),
  action: z.string(),
  poolId: z.string().nullable(),
  modelId: z.string().nullable(),
  params: z.unknown(),
  outcome: z.enum(AUDIT_OUTCOMES),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  sourceIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** Identical refusals counted on this row (1: just this one); see recordRefusal. */
  repeatCount: z.number().int().min(1),
  /** When the last repeat came; null without repeats. */
  lastAt: z.string().nullable(),
});
export type TAuditEventDto = z.infer<typeof ZAuditEventDto>;

export const ZAuditPage = z.object({
  events: z.array(ZAuditEventDto),
  /** Pass as `before` for the next (older) page; null when this page is the last. */
  nextBefore: z.string().nullable(),
  range: z.object({ from: z.string(), to: z.string() }),
});
export type TAuditPage = z.infer<typeof ZAuditPage>;
