import { z } from "zod";
import type { TPoolActionRequest } from "./action-input";

// What a launch or drain would do, as the preview endpoint returns it: computed by the server
// (compute-action-preview.ts, whose types are these), parsed by the dialog with the same schemas.

/** How a model on the pool fares after the change (an estimate: predict-model-impact.ts). */
export const ZModelImpact = z.object({
  utilizationPctNow: z.number().nullable(),
  utilizationPctAfter: z.number().nullable(),
  latencyP95MsNow: z.number().nullable(),
  latencyP95MsAfter: z.number().nullable(),
  sloP95Ms: z.number(),
  /** SLO minus predicted p95 (negative: predicted breach); null when it cannot be served. */
  headroomMsAfter: z.number().nullable(),
  saturated: z.boolean(),
});
export type ModelImpact = z.infer<typeof ZModelImpact>;

export const ZActionPreview = z.object({
  poolId: z.string(),
  kind: z.enum(["launch", "drain"]),
  count: z.number(),
  capacity: z.object({
    desiredBefore: z.number(),
    inServiceBefore: z.number(),
    after: z.number(),
    min: z.number(),
    max: z.number(),
    reserved: z.number(),
  }),
  spendUsdPerHour: z.object({ before: z.number(), after: z.number() }),
  idleReserved: z.object({
    instancesAfter: z.number(),
    usdPerHourAfter: z.number(),
    instancesBefore: z.number(),
    /** Absent from previews stored before it was added (the $/h change is then unknown). */
    usdPerHourBefore: z.number().optional(),
  }),
  onDemandInstancesAfter: z.number(),
  models: z.array(
    ZModelImpact.extend({
      modelId: z.string(),
      displayName: z.string(),
      servingInstancesBefore: z.number(),
      servingInstancesAfter: z.number(),
      minServingInstances: z.number(),
    }),
  ),
  /** Drain: the instances that would go, newest first, and the pods a PodDisruptionBudget protects. */
  drain: z
    .object({
      instances: z.array(z.object({ instanceId: z.string(), nodeName: z.string().nullable() })),
      pdbProtectedPods: z.array(z.object({ pod: z.string(), pdbName: z.string() })),
      pdbs: z.array(z.string()),
    })
    .nullable(),
  computedAt: z.string(),
});
export type ActionPreview = z.infer<typeof ZActionPreview>;

const ZOverrideKey = z.enum(["reservedIdle", "onDemand", "shareLimit", "sloRisk"]) satisfies z.ZodType<
  keyof TPoolActionRequest["overrides"]
>;

export const ZGuardrailVerdict = z.object({
  /** Hard limits: the action is refused. */
  refusals: z.array(z.string()),
  /** Guardrails the request must explicitly override (with a reason) to proceed. */
  overridesRequired: z.array(z.object({ key: ZOverrideKey, message: z.string() })),
  /** Why the two-person rule applies (empty: it does not). */
  approvalReasons: z.array(z.string()),
  /** What the approval policy lets this requester do alone that would otherwise need a second person. */
  allowedAlone: z.array(z.string()),
  /** The approval policy levels that decided (approval-policy.ts), least specific first. */
  policySources: z.array(z.string()),
});
export type GuardrailVerdict = z.infer<typeof ZGuardrailVerdict>;

/** POST /api/pools/:poolId/actions/preview */
export const ZPreviewResponse = z.object({ preview: ZActionPreview, guardrails: ZGuardrailVerdict });
