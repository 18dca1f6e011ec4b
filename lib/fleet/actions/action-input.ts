import { z } from "zod";

// One schema per input, shared by the launch/drain dialog and the server.
export const ABSOLUTE_MAX_COUNT = 1000;

const ZTarget = {
  kind: z.enum(["launch", "drain"]),
  /** count: N instances; all: drain every instance; to-max: launch up to the pool's max. */
  mode: z.enum(["count", "all", "to-max"]).default("count"),
  count: z.number().int().min(1).max(ABSOLUTE_MAX_COUNT).optional(),
};

function checkTarget(v: { kind: string; mode: string; count?: number }, ctx: z.RefinementCtx) {
  if (v.mode === "count" && v.count === undefined)
    ctx.addIssue({ code: "custom", path: ["count"], message: "Enter how many instances (a whole number)." });
  if (v.mode !== "count" && v.count !== undefined)
    ctx.addIssue({
      code: "custom",
      path: ["count"],
      message: `A number of instances is not used with “${v.mode === "all" ? "the whole pool" : "up to the pool's max"}”.`,
    });
  if (v.mode === "all" && v.kind !== "drain")
    ctx.addIssue({ code: "custom", path: ["mode"], message: "Only a drain can take the whole pool." });
  if (v.mode === "to-max" && v.kind !== "launch")
    ctx.addIssue({ code: "custom", path: ["mode"], message: "Only a launch can go up to the pool's max." });
}

export const ZPoolActionPreviewRequest = z.object(ZTarget).strict().superRefine(checkTarget);
export type TPoolActionPreviewRequest = z.infer<typeof ZPoolActionPreviewRequest>;

const ZOverrideReason = z.string().trim().min(5, "an override needs a reason of at least 5 characters").max(500);

/** Guardrails deliberately overridden, each with its reason (also the stored PoolAction.overrides). */
export const ZOverrides = z
  .object({
    reservedIdle: ZOverrideReason.optional(),
    onDemand: ZOverrideReason.optional(),
    shareLimit: ZOverrideReason.optional(),
    sloRisk: ZOverrideReason.optional(),
  })
  .strict();

export const ZPoolActionRequest = z
  .object({
    ...ZTarget,
    reason: z.string().trim().min(5, "give a reason of at least 5 characters").max(500),
    /** The operator types the pool's name to confirm. */
    confirmPoolName: z.string().max(200),
    /** Guardrails deliberately overridden, each with its reason. */
    overrides: ZOverrides.default({}),
  })
  .strict()
  .superRefine(checkTarget);
export type TPoolActionRequest = z.infer<typeof ZPoolActionRequest>;

const ZParamsHash = z.string().regex(/^[0-9a-f]{64}$/, "paramsHash must be the 64-hex hash shown with the action");
const ZDecisionComment = z.string().trim().max(1000, "a comment is at most 1000 characters");

/** An approval binds the exact parameters the approver reviewed; a comment is optional. */
export const ZApproveRequest = z
  .object({
    paramsHash: ZParamsHash,
    comment: ZDecisionComment.optional().transform((c) => (c ? c : undefined)),
  })
  .strict();
export type TApproveRequest = z.infer<typeof ZApproveRequest>;

/** A rejection says why: the requester reads it (a comment of at least 5 characters). */
export const ZRejectRequest = z
  .object({
    paramsHash: ZParamsHash,
    comment: ZDecisionComment.pipe(z.string().min(5, "a rejection needs a comment of at least 5 characters")),
  })
  .strict();
export type TRejectRequest = z.infer<typeof ZRejectRequest>;

export const ZIdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,64}$/, "Idempotency-Key must be 8-64 characters of letters, digits, _ . : -");
