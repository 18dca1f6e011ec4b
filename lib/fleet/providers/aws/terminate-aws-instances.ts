import "server-only";
import {
  type AutoScalingClient,
  type Instance,
  SetInstanceProtectionCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from "@aws-sdk/client-auto-scaling";
import type { PoolTarget } from "@/lib/fleet/provider";
import { ProviderError } from "@/lib/fleet/provider-error";
import { describeAsgGroups, isLeaving } from "./asg-groups";
import { requireClusterName, type AwsProviderContext } from "./context";
import { deleteKarpenterNodeClaims } from "./delete-karpenter-node-claims";
import { describeNodegroup } from "./describe-nodegroup";

const PROTECTION_BATCH = 50; // SetInstanceProtection takes at most 50 instance ids

/**
 * Terminates exactly these instances and lowers desired capacity by as many. The group's own
 * listing decides what is left to do: instances already Terminating/Terminated, or no longer in
 * the pool's group(s), are skipped, so a repeat after a crash never scales in twice, and an id
 * that is not this pool's is never terminated.
 */
export async function terminateAwsInstances(args: {
  ctx: AwsProviderContext;
  pool: PoolTarget;
  instanceIds: string[];
}): Promise<void> {
  const { ctx, pool } = args;
  const wanted = new Set(args.instanceIds);
  if (wanted.size === 0) return;
  if (pool.backingKind === "karpenter_nodepool") {
    await deleteKarpenterNodeClaims({
      kubeConfig: await ctx.kubeConfig(pool),
      nodePool: pool.backingId,
      instanceIds: wanted,
    });
    return;
  }

  const asgNames =
    pool.backingKind === "asg"
      ? [pool.backingId]
      : (
          await describeNodegroup({
            eks: ctx.eks(pool.region),
            clusterName: requireClusterName(pool),
            nodegroupName: pool.backingId,
          })
        ).asgNames;
  const client = ctx.autoScaling(pool.region);
  const groups = await describeAsgGroups({ client, names: asgNames });
  const plan = groups.map((group) => ({
    name: group.AutoScalingGroupName ?? "",
    instances: (group.Instances ?? []).filter(
      (i) => i.InstanceId && wanted.has(i.InstanceId) && !isLeaving(i.LifecycleState),
    ),
  }));

  // Checked before terminating anything: otherwise the group refuses mid-way, leaving a half-done drain.
  for (const [index, { name, instances }] of plan.entries()) {
    const group = groups[index];
    const after = (group?.DesiredCapacity ?? 0) - instances.length;
    if (instances.length > 0 && after < (group?.MinSize ?? 0)) {
      // A ProviderError, not an HTTP one: only the worker calls this, and it keeps the message on the action.
      throw new ProviderError(
        "BelowMinSize",
        `Terminating ${instances.length} instance(s) would take ${name} to ${after}, below its minimum of ${group?.MinSize}; lower the minimum first`,
      );
    }
  }

  for (const { name, instances } of plan) {
    await removeScaleInProtection({ client, groupName: name, instances });
    for (const instance of instances) {
      await terminateOne({ client, instanceId: instance.InstanceId ?? "" });
    }
  }
}

// Groups that protect new instances from scale-in: the AWS guide has said both that manual
// termination ignores protection and (lately) nothing about it, so we clear it on exactly the
// instances we terminate; it costs one call and leaves every other instance protected.
async function removeScaleInProtection(args: { client: AutoScalingClient; groupName: string; instances: Instance[] }) {
  const ids = args.instances.filter((i) => i.ProtectedFromScaleIn).map((i) => i.InstanceId ?? "");
  for (let start = 0; start < ids.length; start += PROTECTION_BATCH) {
    await args.client.send(
      new SetInstanceProtectionCommand({
        AutoScalingGroupName: args.groupName,
        InstanceIds: ids.slice(start, start + PROTECTION_BATCH),
        ProtectedFromScaleIn: false,
      }),
    );
  }
}

async function terminateOne(args: { client: AutoScalingClient; instanceId: string }) {
  try {
    await args.client.send(
      new TerminateInstanceInAutoScalingGroupCommand({
        InstanceId: args.instanceId,
        ShouldDecrementDesiredCapacity: true,
      }),
    );
  } catch (error) {
    // Gone between our listing and this call (e.g. a health replacement): nothing left to do.
    if (error instanceof Error && error.name === "ValidationError" && /not found/i.test(error.message)) return;
    throw error;
  }
}
