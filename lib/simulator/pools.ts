// The simulated fleet's pools: ~40 pools across three regions. Two are deliberate incidents an
// on-call engineer should find at once: a hot pool breaching its SLO and an idle reserved pool.
import { SIM_MODELS, instanceTypeByName, regionByName, type SimRegionName } from "./catalog";

type Backing = "asg" | "eks_nodegroup" | "karpenter_nodepool";

export type SimPool = {
  id: string;
  modelId: string;
  /** The catalog model whose traffic profile this pool's model follows (defaults to modelId). */
  profileModelId?: string;
  region: SimRegionName;
  availabilityZone: string;
  instanceType: string;
  chipFamily: "trainium" | "graviton";
  backingKind: Backing;
  backingId: string;
  clusterName: string | null;
  minCapacity: number;
  desiredCapacity: number;
  maxCapacity: number;
  /** Utilization at the daily peak with the initial capacity (0..1). */
  peakUtil: number;
  /** Demand does not follow the day (a pinned batch workload): used for the hot pool. */
  flatDemand: boolean;
  reservedInstances: number;
  /** Days until the pool's reservation ends (from seeding time). */
  reservationEndsInDays: number;
};

// model, region, instance type, letter, desired, reserved, peak utilization, backing, options
type Row = [
  string,
  SimRegionName,
  string,
  string,
  number,
  number,
  number,
  Backing,
  { flat?: boolean; endsInDays?: number }?,
];

const ROWS: Row[] = [
  ["atlas-70b-chat", "us-east-1", "trn2.48xlarge", "a", 16, 16, 0.72, "eks_nodegroup"],
  ["atlas-70b-chat", "us-east-1", "trn2.48xlarge", "b", 12, 8, 0.975, "eks_nodegroup", { flat: true }],
  ["atlas-70b-chat", "us-west-2", "trn2.48xlarge", "a", 16, 16, 0.7, "karpenter_nodepool"],
  ["atlas-70b-chat", "us-east-2", "trn2.48xlarge", "a", 8, 8, 0.66, "eks_nodegroup"],
  ["atlas-8b-instruct", "us-east-1", "trn1.32xlarge", "a", 12, 12, 0.7, "eks_nodegroup"],
  ["atlas-8b-instruct", "us-west-2", "trn1.32xlarge", "a", 10, 8, 0.68, "eks_nodegroup"],
  ["atlas-8b-instruct", "us-east-1", "c8g.16xlarge", "a", 60, 0, 0.62, "asg"],
  ["atlas-8b-instruct", "us-east-2", "trn1.32xlarge", "a", 6, 6, 0.6, "asg"],
  ["helios-405b", "us-east-1", "trn2.48xlarge", "a", 16, 16, 0.74, "karpenter_nodepool"],
  ["helios-405b", "us-west-2", "trn2.48xlarge", "a", 12, 12, 0.7, "eks_nodegroup"],
  ["helios-405b", "us-east-2", "trn2.48xlarge", "a", 4, 16, 0.2, "eks_nodegroup"],
  ["scribe-13b-code", "us-east-1", "trn1.32xlarge", "a", 10, 10, 0.66, "eks_nodegroup", { endsInDays: 12 }],
  ["scribe-13b-code", "us-west-2", "trn1.32xlarge", "a", 8, 8, 0.64, "eks_nodegroup"],
  ["scribe-13b-code", "us-east-2", "trn1.32xlarge", "a", 6, 0, 0.6, "asg"],
  ["atlas-1b-edge", "us-east-1", "c8g.16xlarge", "a", 48, 40, 0.64, "asg"],
  ["atlas-1b-edge", "us-west-2", "c8g.16xlarge", "a", 40, 0, 0.6, "eks_nodegroup"],
  ["atlas-1b-edge", "us-east-1", "trn1.32xlarge", "a", 4, 4, 0.55, "eks_nodegroup"],
  ["guard-2b-safety", "us-east-1", "c7g.16xlarge", "a", 64, 0, 0.6, "asg"],
  ["guard-2b-safety", "us-west-2", "c7g.16xlarge", "a", 48, 0, 0.58, "asg"],
  ["guard-2b-safety", "us-east-2", "c7g.16xlarge", "a", 32, 0, 0.55, "eks_nodegroup"],
  ["iris-vl-34b", "us-east-1", "trn2.48xlarge", "a", 10, 10, 0.7, "karpenter_nodepool"],
  ["iris-vl-34b", "us-west-2", "trn2.48xlarge", "a", 8, 8, 0.68, "eks_nodegroup"],
  ["iris-vl-34b", "us-east-2", "trn2.48xlarge", "a", 6, 6, 0.62, "eks_nodegroup"],
  ["iris-vl-7b", "us-east-1", "trn1.32xlarge", "a", 8, 8, 0.68, "eks_nodegroup"],
  ["iris-vl-7b", "us-east-1", "c8g.16xlarge", "a", 40, 0, 0.6, "asg"],
  ["iris-vl-7b", "us-west-2", "trn1.32xlarge", "a", 6, 4, 0.64, "eks_nodegroup"],
  ["lumen-caption-3b", "us-east-1", "c7g.16xlarge", "a", 48, 0, 0.62, "asg"],
  ["lumen-caption-3b", "us-west-2", "c7g.16xlarge", "a", 36, 0, 0.6, "eks_nodegroup"],
  ["lumen-caption-3b", "us-east-2", "trn1.32xlarge", "a", 4, 4, 0.5, "eks_nodegroup"],
  ["rank-xl-ctr", "us-east-1", "r8g.8xlarge", "a", 80, 64, 0.68, "asg"],
  ["rank-xl-ctr", "us-east-1", "r8g.8xlarge", "b", 60, 0, 0.66, "eks_nodegroup"],
  ["rank-xl-ctr", "us-west-2", "r8g.8xlarge", "a", 64, 0, 0.64, "eks_nodegroup"],
  ["rank-xl-ctr", "us-east-2", "r8g.8xlarge", "a", 40, 0, 0.6, "asg"],
  ["rank-embed-v4", "us-east-1", "m7g.8xlarge", "a", 50, 0, 0.62, "asg"],
  ["rank-embed-v4", "us-west-2", "m7g.8xlarge", "a", 40, 0, 0.6, "eks_nodegroup"],
  ["rank-embed-v4", "us-east-1", "trn1.32xlarge", "a", 4, 4, 0.5, "eks_nodegroup"],
  ["rerank-mini", "us-east-1", "c7g.16xlarge", "a", 32, 0, 0.6, "asg"],
  ["rerank-mini", "us-west-2", "c7g.16xlarge", "a", 24, 0, 0.58, "eks_nodegroup"],
];

function shortType(instanceType: string): string {
  return instanceType.split(".")[0]!;
}

export const SIM_POOLS: SimPool[] = ROWS.map(
  ([modelId, region, instanceType, letter, desired, reserved, peakUtil, backingKind, opts]) => {
    if (!SIM_MODELS.some((m) => m.id === modelId)) throw new Error(`pool references unknown model ${modelId}`);
    const r = regionByName(region);
    const id = `${modelId}-${r.short}-${shortType(instanceType)}-${letter}`;
    const clusterName = backingKind === "asg" ? null : `inference-${r.short}`;
    const prefix = { asg: "asg", eks_nodegroup: "ng", karpenter_nodepool: "np" }[backingKind];
    return {
      id,
      modelId,
      region,
      availabilityZone: `${region}${letter === "a" ? "a" : "b"}`,
      instanceType,
      chipFamily: instanceTypeByName(instanceType).chipFamily,
      backingKind,
      backingId: `${prefix}-${id}`,
      clusterName,
      minCapacity: Math.max(1, Math.ceil(desired / 4)),
      desiredCapacity: desired,
      maxCapacity: desired * 2,
      peakUtil,
      flatDemand: opts?.flat ?? false,
      reservedInstances: reserved,
      reservationEndsInDays: opts?.endsInDays ?? 240,
    };
  },
);

/** The incidents the simulator stages, for tests and docs. */
export const SIM_HOT_POOL_ID = "atlas-70b-chat-use1-trn2-b";
export const SIM_IDLE_RESERVED_POOL_ID = "helios-405b-use2-trn2-a";
