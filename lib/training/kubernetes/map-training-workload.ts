import { z } from "zod";

// A Kubernetes training workload (batch Job, Kubeflow PyTorchJob, JobSet, LeaderWorkerSet) carrying
// the run label, as a training run. Pure: each kind's rules are unit-tested. Instances are counted as
// worker pods: Neuron training runs one worker pod per Trainium node.

export const DEFAULT_TRAINING_RUN_LABEL = "fleet-console.io/training-run";
/** Labels a workload may carry for the run's model and team (absent: unknown, shown as such). */
export const MODEL_LABEL = "fleet-console.io/model";
export const TEAM_LABEL = "fleet-console.io/team";
const INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";

export const TRAINING_WORKLOAD_KINDS = [
  { kind: "Job", group: "batch", version: "v1", plural: "jobs" },
  { kind: "PyTorchJob", group: "kubeflow.org", version: "v1", plural: "pytorchjobs" },
  { kind: "JobSet", group: "jobset.x-k8s.io", version: "v1alpha2", plural: "jobsets" },
  { kind: "LeaderWorkerSet", group: "leaderworkerset.x-k8s.io", version: "v1", plural: "leaderworkersets" },
] as const;
export type TrainingWorkloadKind = (typeof TRAINING_WORKLOAD_KINDS)[number]["kind"];

const ZPodTemplate = z
  .object({
    spec: z
      .object({ nodeSelector: z.record(z.string(), z.string()).optional() })
      .loose()
      .optional(),
  })
  .loose()
  .optional();
const ZCondition = z
  .object({ type: z.string(), status: z.string(), lastTransitionTime: z.string().optional() })
  .loose();
const ZMeta = z
  .object({
    name: z.string(),
    namespace: z.string().optional(),
    creationTimestamp: z.string(),
    labels: z.record(z.string(), z.string()).optional(),
    ownerReferences: z.array(z.object({ kind: z.string() }).loose()).optional(),
  })
  .loose();
const ZStatus = z
  .object({
    startTime: z.string().optional(),
    completionTime: z.string().optional(),
    conditions: z.array(ZCondition).optional(),
    failed: z.number().optional(),
    restarts: z.number().optional(),
    readyReplicas: z.number().optional(),
  })
  .loose()
  .optional();

/** The fields read from any of the four kinds (the rest of the object is ignored). */
export const ZTrainingWorkload = z
  .object({
    metadata: ZMeta,
    spec: z
      .object({
        suspend: z.boolean().optional(),
        parallelism: z.number().optional(),
        template: ZPodTemplate,
        pytorchReplicaSpecs: z
          .record(z.string(), z.object({ replicas: z.number().optional(), template: ZPodTemplate }).loose())
          .optional(),
        replicatedJobs: z
          .array(
            z
              .object({
                replicas: z.number().optional(),
                template: z
                  .object({ spec: z.object({ parallelism: z.number().optional(), template: ZPodTemplate }).loose() })
                  .loose()
                  .optional(),
              })
              .loose(),
          )
          .optional(),
        replicas: z.number().optional(),
        leaderWorkerTemplate: z
          .object({ size: z.number().optional(), workerTemplate: ZPodTemplate })
          .loose()
          .optional(),
      })
      .loose(),
    status: ZStatus,
  })
  .loose();
export type TTrainingWorkload = z.infer<typeof ZTrainingWorkload>;

export type DiscoveredTrainingRun = {
  /** "k8s/<cluster>/<namespace>/<kind>/<name>". */
  sourceKey: string;
  kind: TrainingWorkloadKind;
  /** The run label's value. */
  name: string;
  model: string | null;
  team: string | null;
  /** Worker pods (one per instance). */
  instances: number;
  /** From the pod template's node selector; null when it does not pin one. */
  instanceType: string | null;
  queuedAt: Date;
  /** null where the kind does not report it (JobSet, LeaderWorkerSet). */
  startedAt: Date | null;
  endedAt: Date | null;
  outcome: "queued" | "running" | "succeeded" | "failed";
  /** null where the kind does not count restarts. */
  restarts: number | null;
};

const date = (s: string | undefined) => (s ? new Date(s) : null);
const isTrue = (w: TTrainingWorkload, type: string) =>
  w.status?.conditions?.find((c) => c.type === type && c.status === "True");

/**
 * The run a workload stands for, or null when it is not one: no run label, or a Job owned by another
 * workload (a JobSet's or PyTorchJob's Jobs are counted with their owner, not twice).
 */
export function mapTrainingWorkload(args: {
  kind: TrainingWorkloadKind;
  cluster: string;
  runLabel: string;
  workload: TTrainingWorkload;
}): DiscoveredTrainingRun | null {
  const { kind, workload: w } = args;
  const labels = w.metadata.labels ?? {};
  const runName = labels[args.runLabel];
  if (!runName) return null;
  if (kind === "Job" && (w.metadata.ownerReferences?.length ?? 0) > 0) return null;
  const s = w.spec;
  let instances = 0;
  let selector: Record<string, string> | undefined;
  if (kind === "Job") {
    instances = s.parallelism ?? 1;
    selector = s.template?.spec?.nodeSelector;
  } else if (kind === "PyTorchJob") {
    const specs = Object.entries(s.pytorchReplicaSpecs ?? {});
    instances = specs.reduce((n, [, r]) => n + (r.replicas ?? 1), 0);
    selector = (s.pytorchReplicaSpecs?.Worker ?? s.pytorchReplicaSpecs?.Master)?.template?.spec?.nodeSelector;
  } else if (kind === "JobSet") {
    instances = (s.replicatedJobs ?? []).reduce(
      (n, r) => n + (r.replicas ?? 1) * (r.template?.spec.parallelism ?? 1),
      0,
    );
    selector = s.replicatedJobs?.[0]?.template?.spec.template?.spec?.nodeSelector;
  } else {
    instances = (s.replicas ?? 1) * (s.leaderWorkerTemplate?.size ?? 1);
    selector = s.leaderWorkerTemplate?.workerTemplate?.spec?.nodeSelector;
  }
  const done = isTrue(w, "Complete") ?? isTrue(w, "Succeeded") ?? isTrue(w, "Completed");
  const failed = isTrue(w, "Failed");
  const startedAt = date(w.status?.startTime);
  const outcome = done
    ? "succeeded"
    : failed
      ? "failed"
      : s.suspend
        ? "queued"
        : startedAt || (w.status?.readyReplicas ?? 0) > 0
          ? "running"
          : "queued";
  return {
    sourceKey: `k8s/${args.cluster}/${w.metadata.namespace ?? "default"}/${kind}/${w.metadata.name}`,
    kind,
    name: runName,
    model: labels[MODEL_LABEL] ?? null,
    team: labels[TEAM_LABEL] ?? null,
    instances,
    instanceType: selector?.[INSTANCE_TYPE_LABEL] ?? null,
    queuedAt: new Date(w.metadata.creationTimestamp),
    startedAt,
    endedAt:
      date(w.status?.completionTime) ?? date(done?.lastTransitionTime) ?? date(failed?.lastTransitionTime) ?? null,
    outcome,
    restarts: kind === "Job" ? (w.status?.failed ?? 0) : kind === "JobSet" ? (w.status?.restarts ?? 0) : null,
  };
}
