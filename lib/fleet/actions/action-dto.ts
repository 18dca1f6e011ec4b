import { z } from "zod";
import { ZRole } from "@/lib/auth/roles";
import { STEP_DETAIL_SCHEMAS } from "../worker/step-details";
import type { StepName } from "../worker/step-plan";

// A pool action as the API returns it and the pages render it.
export const ACTION_STATES = [
  "awaiting_approval",
  "pending",
  "running",
  "succeeded",
  "failed",
  "cancelled",
  "rejected",
] as const;
export const ACTION_KINDS = ["launch", "drain"] as const;

const stepDtoOf = <N extends StepName>(name: N) =>
  z.object({
    seq: z.number(),
    name: z.literal(name),
    state: z.string(),
    attempts: z.number(),
    detail: STEP_DETAIL_SCHEMAS[name].nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  });

/** A step with its detail, typed by the step's name (the worker's schemas, lib/fleet/worker/step-details.ts). */
export const ZActionStepDto = z.discriminatedUnion("name", [
  stepDtoOf("set-desired-capacity"),
  stepDtoOf("wait-for-instances"),
  stepDtoOf("select-instances"),
  stepDtoOf("cordon-nodes"),
  stepDtoOf("evict-pods"),
  stepDtoOf("wait-for-pods"),
  stepDtoOf("terminate-instances"),
  stepDtoOf("wait-for-termination"),
  stepDtoOf("uncordon-nodes"),
]);
export type TActionStepDto = z.infer<typeof ZActionStepDto>;

export const ZPoolActionDto = z.object({
  id: z.string(),
  poolId: z.string(),
  kind: z.enum(ACTION_KINDS),
  count: z.number(),
  state: z.enum(ACTION_STATES),
  requestedBy: z.string(),
  requestedRole: ZRole,
  reason: z.string(),
  requestHash: z.string(),
  preview: z.unknown(),
  overrides: z.record(z.string(), z.string()).nullable(),
  approvalReasons: z.array(z.string()),
  approvalDeadline: z.string().nullable(),
  approvals: z.array(
    z.object({ approvedBy: z.string(), approvedAt: z.string(), expiresAt: z.string(), comment: z.string().nullable() }),
  ),
  /** Set when an admin rejected the action (state rejected). */
  rejection: z.object({ rejectedBy: z.string(), rejectedAt: z.string(), comment: z.string() }).nullable(),
  error: z.string().nullable(),
  cancelRequested: z.boolean(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  steps: z.array(ZActionStepDto),
});
export type PoolActionDto = z.infer<typeof ZPoolActionDto>;

export const ZPoolActionList = z.object({ actions: z.array(ZPoolActionDto) });

/** The fields lists and chart annotations show of an action; also the Prisma select that reads them. */
export const ACTION_SUMMARY_FIELDS = {
  id: true,
  poolId: true,
  kind: true,
  count: true,
  state: true,
  requestedBy: true,
  reason: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

/** What lists and chart annotations show of an action (overview, model page). */
export const ZActionSummary = ZPoolActionDto.pick(ACTION_SUMMARY_FIELDS);
export type TActionSummary = z.infer<typeof ZActionSummary>;

/** The states of an action that is not over yet: a pool has at most one such action. */
export const ACTIVE_STATES = ["awaiting_approval", "pending", "running"] as const satisfies ReadonlyArray<
  PoolActionDto["state"]
>;
export type TActiveState = (typeof ACTIVE_STATES)[number];

export function isActiveState(state: string): state is TActiveState {
  return ACTIVE_STATES.some((s) => s === state);
}
