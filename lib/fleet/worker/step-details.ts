import { z } from "zod";
import type { StepName } from "./step-plan";

// What each worker step saves as its detail (PoolActionStep.detail), one schema per step. The
// worker parses a detail where it reads it, and the progress UI parses the same JSON with these
// schemas, so this file stays client-safe (zod only). Fields are optional where a step saves
// progress before it is done, or where a failed attempt saved nothing before its `error`.

/** A failed attempt's message, added to whatever the step had saved (run-worker-tick.ts). */
const error = z.string().optional();
const names = z.array(z.string());
/**
 * Transient failures in a row (run-worker-tick.ts retries them with backoff within a budget): how
 * many, the last one's message, and when the first of them happened (ISO time).
 */
const transient = z.object({ failures: z.number().int(), lastError: z.string(), since: z.string() }).optional();

const ZSetDesiredCapacityDetail = z.object({
  target: z.number().optional(),
  desiredBefore: z.number().optional(),
  /** The pool's instances before the change, saved before the call: the launch's own are the others. */
  instancesBefore: names.optional(),
  /** The provider's change id (null: it has none); absent when the pool was already at target. */
  ref: z.string().nullable().optional(),
  skippedCall: z.string().optional(),
  error,
  transient,
});
/** One instance the launch started, as the wait-for-instances step last saw it (launch-progress.ts). */
export const ZLaunchedInstance = z.object({
  instanceId: z.string(),
  nodeName: z.string().nullable(),
  state: z.enum(["pending", "running", "in_service", "failed"]),
  /** ISO time: the provider's launch time or, where its API has none, when the worker first saw it. */
  launchedAt: z.string(),
  /** true: launchedAt is when the worker first saw the instance (within one poll of its launch). */
  launchedAtSeen: z.boolean(),
  /** ISO time it entered service: the provider's, else the poll that first saw it in service. */
  inServiceAt: z.string().nullable(),
  /** ISO time it should be in service: launchedAt + the median observed boot; null without one. */
  etaAt: z.string().nullable(),
});
export type TLaunchedInstance = z.infer<typeof ZLaunchedInstance>;

const ZWaitForInstancesDetail = z.object({
  inService: z.number().optional(),
  target: z.number().optional(),
  instances: z.array(ZLaunchedInstance).optional(),
  /** The boot times the ETAs rest on: this pool's launches as the worker observed them. */
  boot: z.object({ samples: z.number().int(), medianSeconds: z.number() }).nullable().optional(),
  /** ISO time the last instance still booting should be in service (null: no observed boot yet). */
  etaAt: z.string().nullable().optional(),
  /** ISO time of the poll this detail reflects. */
  observedAt: z.string().optional(),
  /** What the provider said about the change (e.g. InsufficientInstanceCapacity while it retries). */
  message: z.string().optional(),
  error,
  transient,
});
const ZSelectInstancesDetail = z.object({
  instances: z.array(z.object({ instanceId: z.string(), nodeName: z.string().nullable() })).optional(),
  error,
  transient,
});
const ZCordonNodesDetail = z.object({
  /** Why the step did nothing (no Kubernetes nodes); a string here, unlike uncordon-nodes'. */
  skipped: z.string().optional(),
  cordoned: names.optional(),
  alreadyCordoned: names.optional(),
  gone: names.optional(),
  /** The node whose cordon call is in flight: saved before the call. */
  cordoning: z.string().optional(),
  error,
  transient,
});
const ZEvictPodsDetail = z.object({
  skipped: z.string().optional(),
  evicted: names.optional(),
  blocked: z.array(z.object({ pod: z.string(), pdbName: z.string().nullable(), message: z.string() })).optional(),
  skippedDaemonSet: z.number().optional(),
  /** Per node at the last attempt: its pods other than DaemonSet ones still listed (evicted ones still terminating included), and how many a PDB blocked. */
  nodes: z.array(z.object({ node: z.string(), pods: z.number().int(), blocked: z.number().int() })).optional(),
  error,
  transient,
});
const ZWaitForPodsDetail = z.object({
  remaining: names.optional(),
  /** Per node: its pods other than DaemonSet ones still listed. */
  nodes: z.array(z.object({ node: z.string(), remaining: z.number().int() })).optional(),
  error,
  transient,
});
const ZTerminateInstancesDetail = z.object({ terminated: names.optional(), error, transient });
const ZWaitForTerminationDetail = z.object({ left: names.optional(), error, transient });
const ZUncordonNodesDetail = z.object({
  uncordoned: names.optional(),
  /** Nodes not given back and why; a list here, unlike the string of cordon-nodes and evict-pods. */
  skipped: z.array(z.object({ node: z.string(), reason: z.string() })).optional(),
  failed: z.array(z.object({ node: z.string(), error: z.string() })).optional(),
  error,
  transient,
});

export type StepDetails = {
  "set-desired-capacity": z.infer<typeof ZSetDesiredCapacityDetail>;
  "wait-for-instances": z.infer<typeof ZWaitForInstancesDetail>;
  "select-instances": z.infer<typeof ZSelectInstancesDetail>;
  "cordon-nodes": z.infer<typeof ZCordonNodesDetail>;
  "evict-pods": z.infer<typeof ZEvictPodsDetail>;
  "wait-for-pods": z.infer<typeof ZWaitForPodsDetail>;
  "terminate-instances": z.infer<typeof ZTerminateInstancesDetail>;
  "wait-for-termination": z.infer<typeof ZWaitForTerminationDetail>;
  "uncordon-nodes": z.infer<typeof ZUncordonNodesDetail>;
};
export type StepDetail<N extends StepName = StepName> = StepDetails[N];

// Typed per name (not as the union of all schemas) so a parse by a generic name keeps its type.
export const STEP_DETAIL_SCHEMAS: { [N in StepName]: z.ZodType<StepDetails[N]> } = {
  "set-desired-capacity": ZSetDesiredCapacityDetail,
  "wait-for-instances": ZWaitForInstancesDetail,
  "select-instances": ZSelectInstancesDetail,
  "cordon-nodes": ZCordonNodesDetail,
  "evict-pods": ZEvictPodsDetail,
  "wait-for-pods": ZWaitForPodsDetail,
  "terminate-instances": ZTerminateInstancesDetail,
  "wait-for-termination": ZWaitForTerminationDetail,
  "uncordon-nodes": ZUncordonNodesDetail,
};

export function isStepName(name: string): name is StepName {
  return Object.prototype.hasOwnProperty.call(STEP_DETAIL_SCHEMAS, name);
}

export function parseStepName(name: string): StepName {
  if (!isStepName(name)) throw new Error(`unknown step ${name}`);
  return name;
}

/** A step's saved detail as stored (JSON, or null before its first save), checked against its schema. */
export function parseStepDetail<N extends StepName>(name: N, json: unknown): StepDetail<N> | null {
  return json === null || json === undefined ? null : STEP_DETAIL_SCHEMAS[name].parse(json);
}
