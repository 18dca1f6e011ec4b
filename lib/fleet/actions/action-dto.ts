import { z } from "zod";

// A pool action as the API returns it and the pages render it.
export const ZActionStepDto = z.object({
  seq: z.number(),
  name: z.string(),
  state: z.string(),
  attempts: z.number(),
  detail: z.unknown().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const ZPoolActionDto = z.object({
  id: z.string(),
  poolId: z.string(),
  kind: z.enum(["launch", "drain"]),
  count: z.number(),
  state: z.enum(["awaiting_approval", "pending", "running", "succeeded", "failed", "cancelled"]),
  requestedBy: z.string(),
  reason: z.string(),
  requestHash: z.string(),
  preview: z.unknown(),
  overrides: z.record(z.string(), z.string()).nullable(),
  approvalReasons: z.array(z.string()),
  approvalDeadline: z.string().nullable(),
  approvals: z.array(z.object({ approvedBy: z.string(), approvedAt: z.string(), expiresAt: z.string() })),
  error: z.string().nullable(),
  cancelRequested: z.boolean(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  steps: z.array(ZActionStepDto),
});
export type PoolActionDto = z.infer<typeof ZPoolActionDto>;

export const ZPoolActionList = z.object({ actions: z.array(ZPoolActionDto) });

/** What lists and chart annotations show of an action (overview, model page). */
export const ZActionSummary = ZPoolActionDto.pick({
  id: true, poolId: true, kind: true, count: true, state: true, requestedBy: true, reason: true, createdAt: true, startedAt: true, finishedAt: true,
});
export type TActionSummary = z.infer<typeof ZActionSummary>;

export const ACTIVE_STATES = ["awaiting_approval", "pending", "running"] as const;
