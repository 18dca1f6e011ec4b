import "server-only";
import { type AutoScalingGroup, DescribeScalingActivitiesCommand } from "@aws-sdk/client-auto-scaling";
import { DescribeUpdateCommand } from "@aws-sdk/client-eks";
import type { PoolTarget, ScalingStatus } from "@/lib/fleet/provider";
import { asgInstanceBoots, nodeClaimBoots } from "./instance-boots";
import { asgLifecycle, describeAsgGroups } from "./asg-groups";
import { requireClusterName, type AwsProviderContext } from "./context";
import { describeNodegroup } from "./describe-nodegroup";
import { listNodeClaims } from "./karpenter-node-claims";

/**
 * Where a change of desired capacity stands. An EKS update (ref) must succeed first; then, for
 * both kinds, the group is done when exactly `desired` instances are InService and none pending.
 */
export async function getAwsScalingStatus(args: {
  ctx: AwsProviderContext;
  pool: PoolTarget;
  ref: string | null;
  desired: number;
}): Promise<ScalingStatus> {
  const { ctx, pool, ref, desired } = args;
  if (pool.backingKind === "karpenter_nodepool") return karpenterStatus(args);
  if (pool.backingKind === "asg") return asgStatus({ ctx, pool, asgNames: [pool.backingId], desired });

  const clusterName = requireClusterName(pool);
  const eks = ctx.eks(pool.region);
  let update: { status?: string; errors?: { errorCode?: string; errorMessage?: string }[] } | undefined;
  if (ref) {
    ({ update } = await eks.send(
      new DescribeUpdateCommand({ name: clusterName, nodegroupName: pool.backingId, updateId: ref }),
    ));
  }
  const nodegroup = await describeNodegroup({ eks, clusterName, nodegroupName: pool.backingId });
  if (update && update.status !== "Successful") {
    const groups = await describeAsgGroups({ client: ctx.autoScaling(pool.region), names: nodegroup.asgNames });
    const inService = countInService(groups);
    const instances = asgInstanceBoots(groups);
    if (update.status === "Failed" || update.status === "Cancelled") {
      const reasons = (update.errors ?? []).map((e) => [e.errorCode, e.errorMessage].filter(Boolean).join(": "));
      return {
        state: "failed",
        inService,
        instances,
        message: `EKS update ${ref} ${update.status}${reasons.length ? `: ${reasons.join("; ")}` : ""}`,
      };
    }
    return {
      state: "in_progress",
      inService,
      instances,
      message: `EKS update ${ref} ${update.status ?? "pending"}`,
    };
  }
  return asgStatus({ ctx, pool, asgNames: nodegroup.asgNames, desired });
}

function countInService(groups: AutoScalingGroup[]): number {
  return groups.flatMap((g) => g.Instances ?? []).filter((i) => i.LifecycleState === "InService").length;
}

async function asgStatus(args: {
  ctx: AwsProviderContext;
  pool: PoolTarget;
  asgNames: string[];
  desired: number;
}): Promise<ScalingStatus> {
  const client = args.ctx.autoScaling(args.pool.region);
  const groups = await describeAsgGroups({ client, names: args.asgNames });
  const groupDesired = groups.reduce((sum, g) => sum + (g.DesiredCapacity ?? 0), 0);
  const lifecycles = groups.flatMap((g) => g.Instances ?? []).map((i) => asgLifecycle(i.LifecycleState));
  const inService = lifecycles.filter((l) => l === "in_service").length;
  const pending = lifecycles.filter((l) => l === "pending").length;
  const instances = asgInstanceBoots(groups);

  // Someone else (a scaling policy, cluster-autoscaler, a person) moved the target: waiting for
  // our number would never end, and reporting success would hide it.
  if (groupDesired !== args.desired) {
    return {
      state: "failed",
      inService,
      instances,
      message: `Desired capacity is now ${groupDesired}, not ${args.desired}: it was changed outside this action`,
    };
  }
  if (inService === args.desired && pending === 0) return { state: "succeeded", inService, instances };

  // The usual reason a Trainium launch stalls is InsufficientInstanceCapacity; the group keeps
  // retrying, so this is progress with a reason, not a failure.
  const activities = await Promise.all(
    args.asgNames.map((name) =>
      client.send(new DescribeScalingActivitiesCommand({ AutoScalingGroupName: name, MaxRecords: 1 })),
    ),
  );
  const latestFailure = activities
    .flatMap((a) => a.Activities ?? [])
    .find((a) => a.StatusCode === "Failed" || a.StatusCode === "Cancelled");
  const message = latestFailure ? (latestFailure.StatusMessage ?? latestFailure.Description) : undefined;
  return { state: "in_progress", inService, instances, ...(message ? { message } : {}) };
}

// No desired capacity to reach: only deletions (a drain's terminate step) can be in progress.
async function karpenterStatus(args: {
  ctx: AwsProviderContext;
  pool: PoolTarget;
  desired: number;
}): Promise<ScalingStatus> {
  requireClusterName(args.pool);
  const claims = await listNodeClaims({
    kubeConfig: await args.ctx.kubeConfig(args.pool),
    nodePool: args.pool.backingId,
  });
  const inService = claims.filter((c) => c.lifecycle === "in_service").length;
  const deleting = claims.filter((c) => c.lifecycle === "terminating").length;
  const instances = nodeClaimBoots(claims);
  if (deleting > 0)
    return { state: "in_progress", inService, instances, message: `${deleting} NodeClaim(s) still being deleted` };
  const live = claims.length;
  return {
    state: "succeeded",
    inService,
    instances,
    ...(live !== args.desired
      ? { message: `${live} NodeClaim(s) live (Karpenter sizes the pool from pending pods)` }
      : {}),
  };
}
