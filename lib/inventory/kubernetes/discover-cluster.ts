import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import type { UnresolvedNodegroupPool } from "@/lib/inventory/aws/discover-eks-nodegroups";
import type { DiscoveredPool } from "@/lib/inventory/types";
import { discoverKarpenterNodePools, type SkippedPool } from "./discover-karpenter-node-pools";
import type { KubeRequestCounter } from "./kube-list-client";
import { mapPoolModels, type PoolNodeFacts } from "./map-pool-models";

export type ClusterDiscovery = {
  /** "karpenter/<region>/<cluster>": the ScopeReport this pass over the cluster's API answers for. */
  scope: string;
  /** False when the cluster does not serve Karpenter's API: no NodePools, not an error. */
  karpenterInstalled: boolean;
  /** Karpenter NodePools with model labels and AZs filled from the nodes and pods. */
  karpenterPools: DiscoveredPool[];
  skipped: SkippedPool[];
  /** Per pool source key, Karpenter or EKS node group: models, zones, instance types, node count. */
  nodeFacts: Map<string, PoolNodeFacts>;
  /** HTTP requests sent to the API server (every page). */
  kubeApiCalls: number;
};

/**
 * One cluster's Kubernetes side of the inventory: its Karpenter NodePools, and which models run
 * on every pool's nodes. Errors propagate (the caller marks the scope failed); `counter`, when
 * given, still holds the requests sent before the failure.
 */
export async function discoverCluster(args: {
  kubeConfig: KubeConfig;
  clusterName: string;
  region: string;
  modelLabelKey: string;
  counter?: KubeRequestCounter;
  pageSize?: number;
}): Promise<ClusterDiscovery> {
  const counter = args.counter ?? { requests: 0 };
  const common = { ...args, counter };
  // Both run to the end even when one fails, so the request count is final when the error surfaces.
  const [karpenterResult, factsResult] = await Promise.allSettled([
    discoverKarpenterNodePools(common),
    mapPoolModels(common),
  ]);
  if (karpenterResult.status === "rejected") throw karpenterResult.reason;
  if (factsResult.status === "rejected") throw factsResult.reason;
  const karpenter = karpenterResult.value;
  const nodeFacts = factsResult.value;
  const karpenterPools = karpenter.pools.map((pool) => {
    const facts = nodeFacts.get(pool.sourceKey);
    return {
      ...pool,
      modelLabels: facts?.modelLabels ?? [],
      // Zones a requirement pins (or NodeClaims name) win; a pool without either takes its nodes' zones.
      availabilityZones: pool.availabilityZones.length > 0 ? pool.availabilityZones : (facts?.availabilityZones ?? []),
    };
  });
  return {
    scope: `karpenter/${args.region}/${args.clusterName}`,
    karpenterInstalled: karpenter.installed,
    karpenterPools,
    skipped: karpenter.skipped,
    nodeFacts,
    kubeApiCalls: counter.requests,
  };
}

/**
 * EKS node group pools completed with what their nodes say: model labels, AZs, and for a node
 * group whose launch template alone names the instance type, the type its nodes run. Without
 * node facts (the cluster's API failed, or the group has no nodes) a pool keeps empty lists, and
 * a launch-template group is skipped: its instance type cannot be known here.
 */
export function completeNodegroupPools(args: {
  pools: DiscoveredPool[];
  unresolved: UnresolvedNodegroupPool[];
  nodeFacts: Map<string, PoolNodeFacts>;
}): { pools: DiscoveredPool[]; skipped: SkippedPool[] } {
  const withFacts = (pool: DiscoveredPool): DiscoveredPool => {
    const facts = args.nodeFacts.get(pool.sourceKey);
    return facts ? { ...pool, modelLabels: facts.modelLabels, availabilityZones: facts.availabilityZones } : pool;
  };
  const pools = args.pools.map(withFacts);
  const skipped: SkippedPool[] = [];
  for (const { launchTemplate, ...pool } of args.unresolved) {
    const instanceType = args.nodeFacts.get(pool.sourceKey)?.instanceTypes[0];
    if (instanceType) pools.push(withFacts({ ...pool, instanceType }));
    else
      skipped.push({
        sourceKey: pool.sourceKey,
        reason: `node group ${pool.backingId}: only launch template ${launchTemplate} names the instance type, and no node shows it`,
      });
  }
  return { pools, skipped };
}
