// The fleet provider interface: what pool operations need from the outside world. Two real
// implementations: `aws` (EC2 Auto Scaling, EKS, the Kubernetes API) and `simulated` (the
// simulated fleet in PostgreSQL). The action worker (lib/fleet/worker/) is the only caller, and
// it calls each method at most once per step attempt: every method must be safe to repeat after a
// crash (absolute targets, "already done" treated as done), because a step whose provider call
// took effect but whose completion was not recorded runs again.

export type PoolTarget = {
  poolId: string;
  region: string;
  backingKind: "asg" | "eks_nodegroup" | "karpenter_nodepool";
  /** ASG name, EKS node group name or Karpenter NodePool name. */
  backingId: string;
  clusterName: string | null;
  instanceType: string;
};

export type FleetInstance = {
  instanceId: string;
  /** Kubernetes node name (EKS / Karpenter pools); null for plain ASG instances. */
  nodeName: string | null;
  lifecycle: "pending" | "in_service" | "terminating" | "terminated";
  launchedAt: Date | null;
};

export type PodRef = {
  namespace: string;
  name: string;
  nodeName: string;
  /** DaemonSet pods are skipped by a drain. */
  daemonSet: boolean;
  /** A PodDisruptionBudget selecting this pod, when one is known. */
  pdbName: string | null;
};

export type EvictionResult =
  | { status: "evicted" }
  /** The pod no longer exists (already evicted or finished). */
  | { status: "gone" }
  /** The Eviction API answered 429: a PodDisruptionBudget does not allow it now. */
  | { status: "blocked"; pdbName: string | null; message: string };

export type CordonResult = "cordoned" | "already-cordoned" | "gone";

/**
 * One instance's boot, as the provider sees it while a launch waits: "pending" (EC2 pending, or an
 * Auto Scaling instance not yet launched), "running" (the machine is up and not yet serving: an
 * Auto Scaling lifecycle hook, a Karpenter node not Ready), "in_service", "failed" (leaving or gone
 * before it served).
 */
export type InstanceBoot = {
  instanceId: string;
  nodeName: string | null;
  state: "pending" | "running" | "in_service" | "failed";
  /** The provider's launch time; null where its API has none (plain Auto Scaling groups). */
  launchedAt: Date | null;
  /** When it entered service, where the provider knows it; null: unknown (the worker then notes when it saw it). */
  inServiceAt: Date | null;
};

export type ScalingStatus = {
  state: "in_progress" | "succeeded" | "failed";
  inService: number;
  message?: string;
  /** Every instance of the pool the provider listed, with its boot state (the worker keeps the launch's own). */
  instances: InstanceBoot[];
};

export interface FleetProvider {
  readonly name: "simulated" | "aws";
  describePool(pool: PoolTarget): Promise<{ desired: number; min: number; max: number; instances: FleetInstance[] }>;
  /**
   * Sets the pool's desired capacity to an absolute value (so repeating it is harmless).
   * `idempotencyToken` (≤ 64 ASCII chars) is passed where the API accepts one (EKS clientRequestToken).
   * Returns a reference to follow the change with getScalingStatus (an EKS update id), if any.
   */
  setDesiredCapacity(
    pool: PoolTarget,
    desired: number,
    opts: { idempotencyToken: string },
  ): Promise<{ ref: string | null }>;
  getScalingStatus(pool: PoolTarget, args: { ref: string | null; desired: number }): Promise<ScalingStatus>;
  /**
   * Marks the node unschedulable (spec.unschedulable = true), and says what it found, so a drain
   * gives back only the nodes it cordoned: "cordoned" (this call made it unschedulable),
   * "already-cordoned" (it was unschedulable before, e.g. cordoned by hand; nothing is changed),
   * "gone" (the node no longer exists). A repeat after a call that took effect answers
   * "already-cordoned": the caller must remember which node it was cordoning.
   */
  cordonNode(pool: PoolTarget, nodeName: string): Promise<CordonResult>;
  /**
   * Makes a cordoned node schedulable again (spec.unschedulable = false), as `kubectl uncordon`
   * does: how a drain that stops early gives back the nodes it did not remove. Repeating it is
   * harmless; "gone" means the node no longer exists (its instance terminated), nothing to give back.
   */
  uncordonNode(pool: PoolTarget, nodeName: string): Promise<"uncordoned" | "gone">;
  /** Pods still on the node (not Succeeded/Failed), DaemonSet pods flagged. */
  listPods(pool: PoolTarget, nodeName: string): Promise<PodRef[]>;
  /** One policy/v1 Eviction attempt; the worker retries blocked ones with backoff. */
  evictPod(pool: PoolTarget, pod: PodRef): Promise<EvictionResult>;
  /**
   * Terminates exactly these instances and lowers desired capacity by as many
   * (TerminateInstanceInAutoScalingGroup with ShouldDecrementDesiredCapacity). Instances already
   * terminating or gone are skipped, so a repeat after a crash does not scale in twice.
   */
  terminateInstances(pool: PoolTarget, instanceIds: string[]): Promise<void>;
}
