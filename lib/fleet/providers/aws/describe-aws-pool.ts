import "server-only";
import type { AutoScalingGroup } from "@aws-sdk/client-auto-scaling";
import { CustomObjectsApi } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";
import type { FleetInstance, PoolTarget } from "@/lib/fleet/provider";
import { asgLifecycle, describeAsgGroups } from "./asg-groups";
import { requireClusterName, type AwsProviderContext } from "./context";
import { describeNodegroup } from "./describe-nodegroup";
import { KARPENTER, listNodeClaims } from "./karpenter-node-claims";
import { kubeStatusCode } from "./kube-errors";
import { listNodeNamesByInstance, type NodeByInstance } from "./list-node-names";

type PoolDescription = { desired: number; min: number; max: number; instances: FleetInstance[] };

export async function describeAwsPool(args: { ctx: AwsProviderContext; pool: PoolTarget }): Promise<PoolDescription> {
  const { ctx, pool } = args;
  if (pool.backingKind === "karpenter_nodepool") return describeKarpenterPool(args);

  const autoScaling = ctx.autoScaling(pool.region);
  if (pool.backingKind === "asg") {
    const [group] = await describeAsgGroups({ client: autoScaling, names: [pool.backingId] });
    // An ASG of self-managed EKS nodes still has node names, when the pool names its cluster.
    const nodes = pool.clusterName
      ? await listNodeNamesByInstance({ kubeConfig: await ctx.kubeConfig(pool) })
      : new Map();
    return {
      desired: group?.DesiredCapacity ?? 0,
      min: group?.MinSize ?? 0,
      max: group?.MaxSize ?? 0,
      instances: toFleetInstances(group ? [group] : [], nodes),
    };
  }

  const clusterName = requireClusterName(pool);
  const nodegroup = await describeNodegroup({ eks: ctx.eks(pool.region), clusterName, nodegroupName: pool.backingId });
  const groups = await describeAsgGroups({ client: autoScaling, names: nodegroup.asgNames });
  const nodes = await listNodeNamesByInstance({
    kubeConfig: await ctx.kubeConfig(pool),
    labelSelector: `eks.amazonaws.com/nodegroup=${pool.backingId}`,
  });
  return {
    desired: nodegroup.desired,
    min: nodegroup.min,
    max: nodegroup.max,
    instances: toFleetInstances(groups, nodes),
  };
}

// The Auto Scaling API has no launch time; a node's creation (registration) time is the closest
// thing we have without EC2 DescribeInstances, and plain ASG instances get null.
function toFleetInstances(groups: AutoScalingGroup[], nodes: NodeByInstance): FleetInstance[] {
  return groups.flatMap((group) =>
    (group.Instances ?? []).flatMap((instance) => {
      if (!instance.InstanceId) return [];
      const node = nodes.get(instance.InstanceId);
      return [
        {
          instanceId: instance.InstanceId,
          nodeName: node?.nodeName ?? null,
          lifecycle: asgLifecycle(instance.LifecycleState),
          launchedAt: node?.createdAt ?? null,
        },
      ];
    }),
  );
}

// Karpenter has no desired/min/max. We report desired = NodeClaims not being deleted, min = 0,
// and max = the NodePool's `limits.nodes` when it sets one, else the current count (no headroom
// promised: Karpenter only adds nodes for pending pods).
async function describeKarpenterPool(args: { ctx: AwsProviderContext; pool: PoolTarget }): Promise<PoolDescription> {
  requireClusterName(args.pool);
  const kubeConfig = await args.ctx.kubeConfig(args.pool);
  const nodePool = await getNodePool(kubeConfig.makeApiClient(CustomObjectsApi), args.pool.backingId);
  const claims = await listNodeClaims({ kubeConfig, nodePool: args.pool.backingId });
  const desired = claims.filter((c) => c.lifecycle !== "terminating").length;
  const nodeLimit = Number(nodePool.spec?.limits?.nodes);
  return {
    desired,
    min: 0,
    max: Number.isInteger(nodeLimit) && nodeLimit >= 0 ? nodeLimit : desired,
    instances: claims.flatMap((c) =>
      c.instanceId
        ? [{ instanceId: c.instanceId, nodeName: c.nodeName, lifecycle: c.lifecycle, launchedAt: c.createdAt }]
        : [],
    ),
  };
}

type NodePoolObject = { spec?: { limits?: Record<string, string | number | undefined> } };

async function getNodePool(api: CustomObjectsApi, name: string): Promise<NodePoolObject> {
  try {
    return (await api.getClusterCustomObject({ ...KARPENTER, plural: "nodepools", name })) as NodePoolObject;
  } catch (error) {
    if (kubeStatusCode(error) === 404) throw new AppError("NOT_FOUND", `Karpenter NodePool ${name} does not exist`);
    throw error;
  }
}
