import "server-only";
import { SetDesiredCapacityCommand } from "@aws-sdk/client-auto-scaling";
import { UpdateNodegroupConfigCommand } from "@aws-sdk/client-eks";
import { AppError } from "@/lib/errors";
import type { PoolTarget } from "@/lib/fleet/provider";
import { requireClusterName, type AwsProviderContext } from "./context";
import { describeNodegroup } from "./describe-nodegroup";

/**
 * Sets an absolute desired capacity, so a repeat after a crash asks for the same thing again.
 * ASG: SetDesiredCapacity without cooldown (an operator asked for it now); the ASG refuses a
 * value outside its min/max and we let that error through rather than moving its bounds.
 * EKS node group: UpdateNodegroupConfig with the idempotency token; a repeat with the same token
 * returns the same update, which is the ref to follow.
 */
export async function setAwsDesiredCapacity(args: {
  ctx: AwsProviderContext;
  pool: PoolTarget;
  desired: number;
  idempotencyToken: string;
}): Promise<{ ref: string | null }> {
  const { ctx, pool, desired } = args;
  if (!Number.isInteger(desired) || desired < 0) {
    throw new AppError("BAD_REQUEST", `Desired capacity must be a non-negative integer, got ${desired}`);
  }

  if (pool.backingKind === "karpenter_nodepool") {
    throw new AppError(
      "UNPROCESSABLE",
      `Karpenter NodePool ${pool.backingId} has no desired capacity: Karpenter launches nodes for pending pods. ` +
        "Scale the workload (replicas) instead; drains are supported.",
    );
  }

  if (pool.backingKind === "asg") {
    await ctx.autoScaling(pool.region).send(
      new SetDesiredCapacityCommand({
        AutoScalingGroupName: pool.backingId,
        DesiredCapacity: desired,
        HonorCooldown: false,
      }),
    );
    return { ref: null };
  }

  const clusterName = requireClusterName(pool);
  const eks = ctx.eks(pool.region);
  const current = await describeNodegroup({ eks, clusterName, nodegroupName: pool.backingId });
  // EKS rejects desired outside [min, max]; widen the bounds just enough. The result is a fixed
  // point (describe → same config), so a repeat sends the same request with the same token.
  const scalingConfig = {
    minSize: Math.min(current.min, desired),
    maxSize: Math.max(current.max, desired, 1),
    desiredSize: desired,
  };
  if (scalingConfig.minSize === current.min && scalingConfig.maxSize === current.max && desired === current.desired) {
    // Already there (or an earlier attempt's update already applied): nothing to change, no update to follow.
    return { ref: null };
  }
  const { update } = await eks.send(
    new UpdateNodegroupConfigCommand({
      clusterName,
      nodegroupName: pool.backingId,
      scalingConfig,
      clientRequestToken: args.idempotencyToken,
    }),
  );
  if (!update?.id)
    throw new AppError("UNAVAILABLE", `EKS accepted the update of ${pool.backingId} but returned no update id`);
  return { ref: update.id };
}
