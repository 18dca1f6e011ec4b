// What an inventory source reports: the fleet as found in one pass over AWS, Kubernetes and the
// fleet config file (or the simulated catalog). The sync (lib/inventory/sync/) diffs it against the
// database and applies the difference; sources never write.

export type ChipFamilyName = "trainium" | "graviton";
export type BackingKindName = "asg" | "eks_nodegroup" | "karpenter_nodepool";

/**
 * One place the sync looked (a service in a region, a cluster's Kubernetes API). A scope that
 * failed keeps its last known pools and reservations: they are marked stale, never retired.
 * Keys: "autoscaling/<region>", "eks/<region>", "karpenter/<region>/<cluster>",
 * "ec2/<region>" (instance types and capacity reservations), "pricing/<region>".
 */
export type ScopeReport = {
  scope: string;
  ok: boolean;
  /** The error as an operator should read it (service, code, message), when !ok. */
  error?: string;
  /** Requests sent (each page and each retry counts: that is what quotas and bills count). */
  apiCalls: number;
  durationMs: number;
};

export type DiscoveredPool = {
  /** Stable identity of the backing object: "asg/<region>/<name>", "eks/<region>/<cluster>/<nodegroup>", "karpenter/<region>/<cluster>/<nodepool>". */
  sourceKey: string;
  /** The ScopeReport.scope that found it. */
  scope: string;
  backingKind: BackingKindName;
  /** ASG name, node group name or NodePool name. */
  backingId: string;
  clusterName: string | null;
  region: string;
  /** The first instance type the pool launches (node groups and NodePools may list several). */
  instanceType: string;
  availabilityZones: string[];
  minCapacity: number;
  desiredCapacity: number;
  maxCapacity: number;
  /** Model label values found on the pool (pod labels on its nodes, or the ASG's model tag). */
  modelLabels: string[];
  tags: Record<string, string>;
};

export type DiscoveredInstanceType = {
  instanceType: string;
  /** null: neither Trainium (Neuron devices named Trainium*) nor Graviton (arm64): not supported. */
  chipFamily: ChipFamilyName | null;
  architectures: string[];
  vcpus: number;
  memoryMib: number;
  /** Neuron devices (chips) and NeuronCores per device; 0 when the type has none. */
  neuronDevices: number;
  neuronCoresPerDevice: number;
  /** e.g. "Trainium2", "Inferentia2"; null without Neuron devices. */
  acceleratorName: string | null;
};

export type DiscoveredReservation = {
  id: string;
  scope: string;
  instanceType: string;
  region: string;
  availabilityZone: string;
  totalInstanceCount: number;
  /** As last reported by EC2; null where the source has no live count (the simulated fleet). */
  availableInstanceCount: number | null;
  /** As EC2 reports it: active, expired, cancelled, pending, failed, scheduled, payment-pending, … */
  state: string;
  startAt: Date;
  /** null for EndDateType "unlimited". */
  endAt: Date | null;
  instanceMatchCriteria: "open" | "targeted";
  reservationType: "default" | "capacity-block";
  tags: Record<string, string>;
};

export type DiscoveredPrice = {
  instanceType: string;
  region: string;
  onDemandUsdPerHour: number;
  /** The Price List API's SKU, to say where a number came from. */
  sku: string | null;
};

export type DeclaredModel = {
  id: string;
  displayName: string;
  team: string;
  kind: "llm" | "vlm" | "ranking";
  sloP95Ms: number;
  minServingInstances: number;
  /** The value of the model label on pods / the model tag on ASGs that identifies it. */
  labelValue: string;
  /** The model dimension's value on CloudWatch application metrics (default: the id). */
  cloudwatchDimension?: string;
};

/** A price row as stored: list $/h and the effective rate actually paid (after discounts). */
export type DeclaredPrice = {
  instanceType: string;
  region: string;
  onDemandUsdPerHour: number;
  reservedUsdPerHour: number;
  source: "price-list" | "config" | "simulated";
  sku: string | null;
};

export type DeclaredCommitment = {
  id: string;
  name: string;
  totalUsd: number;
  startAt: Date;
  endAt: Date;
  priorSpendUsd: number;
  /** UTC year → planned dollars; null: the plan is linear over the term. */
  yearlyPlanUsd: Record<string, number> | null;
  /** A shortfall at the end is billed anyway. */
  takeOrPay: boolean;
};

/** Everything one pass found. Prices are final $/h (discounts already applied by the source). */
export type InventorySnapshot = {
  source: "simulated" | "aws";
  scopes: ScopeReport[];
  models: DeclaredModel[];
  /** Pools with their model mapping resolved and the pool id chosen (override or derived). */
  pools: ResolvedPool[];
  reservations: ResolvedReservation[];
  prices: DeclaredPrice[];
  instanceTypes: DiscoveredInstanceType[];
  commitments: DeclaredCommitment[];
  /** Things found that need a person: a pool with no model, a type without a price, … */
  problems: InventoryProblem[];
};

export type ResolvedPool = DiscoveredPool & { id: string; chipFamily: ChipFamilyName; modelIds: string[] };
export type ResolvedReservation = DiscoveredReservation & { poolId: string | null; usdPerInstanceHour: number };

/** Where the sync gets its snapshot: the simulated catalog or AWS + Kubernetes + the fleet config file. */
export type InventorySource = {
  name: "simulated" | "aws";
  /** `poolIds`: the id each known source key already has (ids never change once given). */
  discover(args: { poolIds: ReadonlyMap<string, string>; now: Date }): Promise<InventorySnapshot>;
};

export type InventoryProblem = {
  kind:
    | "pool_without_model"
    | "unknown_model_label"
    | "unsupported_instance_type"
    | "missing_price"
    | "unmatched_reservation"
    | "scope_failed";
  /** What it is about: a pool source key, an instance type, a reservation id, a scope. */
  subject: string;
  message: string;
};
