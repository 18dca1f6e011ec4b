import { z } from "zod";

// What the Inventory page and GET /api/inventory show: where the fleet's inventory comes from,
// how each place answered last, what the syncs changed, and what needs a person.
export const ZInventoryProblem = z.object({
  kind: z.enum([
    "pool_without_model",
    "unknown_model_label",
    "unsupported_instance_type",
    "missing_price",
    "unmatched_reservation",
    "scope_failed",
  ]),
  subject: z.string(),
  message: z.string(),
});
/** InventorySyncRun.problems as persisted: parsed where read. */
export const ZInventoryProblems = z.array(ZInventoryProblem);

export const ZInventoryScope = z.object({
  scope: z.string(),
  ok: z.boolean(),
  lastSyncAt: z.string(),
  lastSuccessAt: z.string().nullable(),
  error: z.string().nullable(),
  apiCalls: z.number(),
  durationMs: z.number(),
  /** Pools whose last known state came from this scope (stale while it fails). */
  pools: z.number(),
});

export const ZInventorySyncRun = z.object({
  id: z.string(),
  source: z.string(),
  trigger: z.string(),
  startedAt: z.string(),
  durationMs: z.number(),
  apiCalls: z.number(),
  changes: z.number(),
  problems: z.number(),
  error: z.string().nullable(),
});

export const ZInventoryChange = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  poolId: z.string().nullable(),
  modelId: z.string().nullable(),
  key: z.string(),
  /** "desiredCapacity 8 → 12; maxCapacity 16 → 20" for a change; empty otherwise. */
  summary: z.string(),
});

export const ZInventoryOverview = z.object({
  source: z.enum(["simulated", "aws"]),
  syncIntervalSeconds: z.number(),
  counts: z.object({
    pools: z.number(),
    retiredPools: z.number(),
    models: z.number(),
    reservations: z.number(),
    prices: z.number(),
  }),
  scopes: z.array(ZInventoryScope),
  runs: z.array(ZInventorySyncRun),
  /** From the latest sync that read its source (a run that could not read keeps the previous list). */
  problems: z.array(ZInventoryProblem),
  changes: z.array(ZInventoryChange),
});
export type TInventoryOverview = z.infer<typeof ZInventoryOverview>;
export type TInventoryProblem = z.infer<typeof ZInventoryProblem>;

export const ZInventorySyncResult = z.object({
  runId: z.string(),
  changes: z.number(),
  problems: z.number(),
  apiCalls: z.number(),
  durationMs: z.number(),
  failedScopes: z.array(z.string()),
  error: z.string().nullable(),
});
