import "server-only";
import { CustomObjectsApi, type KubeConfig } from "@kubernetes/client-node";
import { z } from "zod";
import { kubeStatusCode } from "@/lib/fleet/providers/aws/kube-errors";
import type { DiscoveredPool } from "@/lib/inventory/types";
import { type KubeRequestCounter, listAllPages, makeCountedApiClient } from "./kube-list-client";
import { byFrequency, distinctSorted, LABEL_INSTANCE_TYPE, LABEL_NODEPOOL, LABEL_ZONE } from "./well-known-labels";

// karpenter.sh/v1 objects come back from the custom-objects API untyped; parse only what we read.
const ZMetadata = z.object({
  name: z.string(),
  labels: z.record(z.string(), z.string()).optional(),
  deletionTimestamp: z.string().optional(),
});
const ZRequirement = z.object({ key: z.string(), operator: z.string(), values: z.array(z.string()).optional() });
const ZNodePool = z.object({
  metadata: ZMetadata,
  spec: z
    .object({
      template: z.object({ spec: z.object({ requirements: z.array(ZRequirement).optional() }) }).optional(),
      limits: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    })
    .optional(),
});
const ZNodeClaim = z.object({ metadata: ZMetadata });
const ZList = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), metadata: z.object({ continue: z.string().optional() }).optional() });

export type SkippedPool = { sourceKey: string; reason: string };

export type KarpenterDiscovery = {
  /** False when the API server does not serve nodepools.karpenter.sh/v1 (Karpenter not installed). */
  installed: boolean;
  pools: DiscoveredPool[];
  skipped: SkippedPool[];
};

/**
 * The cluster's Karpenter NodePools as inventory pools. Karpenter has no desired/min/max, so:
 * desired = the pool's NodeClaims not being deleted, min = 0, max = `spec.limits.nodes` when set
 * (a ResourceList entry Karpenter enforces like cpu), else desired: a cpu or memory limit cannot be
 * turned into nodes here, and we promise no headroom Karpenter may not give (as describePool does).
 * A NodePool being deleted is skipped: Karpenter is draining it and it takes no new work.
 */
export async function discoverKarpenterNodePools(args: {
  kubeConfig: KubeConfig;
  clusterName: string;
  region: string;
  counter: KubeRequestCounter;
  pageSize?: number;
}): Promise<KarpenterDiscovery> {
  const api = makeCountedApiClient(args.kubeConfig, CustomObjectsApi, args.counter);
  const list = async <T extends z.ZodType>(plural: string, item: T) =>
    listAllPages(async (page) => {
      const raw: unknown = await api.listClusterCustomObject({ group: "karpenter.sh", version: "v1", plural, ...page });
      const parsed = ZList(item).parse(raw);
      return { items: parsed.items as z.infer<T>[], continueToken: parsed.metadata?.continue };
    }, args.pageSize);
  let nodePools: z.infer<typeof ZNodePool>[];
  try {
    nodePools = await list("nodepools", ZNodePool);
  } catch (error) {
    // A list 404s only when the resource type is not served: a cluster without Karpenter.
    if (kubeStatusCode(error) === 404) return { installed: false, pools: [], skipped: [] };
    throw error;
  }
  const claims = await list("nodeclaims", ZNodeClaim);

  const scope = `karpenter/${args.region}/${args.clusterName}`;
  const pools: DiscoveredPool[] = [];
  const skipped: SkippedPool[] = [];
  for (const nodePool of nodePools) {
    const name = nodePool.metadata.name;
    const sourceKey = `${scope}/${name}`;
    if (nodePool.metadata.deletionTimestamp) {
      skipped.push({ sourceKey, reason: `NodePool ${name} is being deleted` });
      continue;
    }
    const own = claims.filter((c) => c.metadata.labels?.[LABEL_NODEPOOL] === name);
    const requirements = nodePool.spec?.template?.spec.requirements ?? [];
    const instanceType =
      requiredValues(requirements, LABEL_INSTANCE_TYPE)[0] ??
      byFrequency(own.flatMap((c) => c.metadata.labels?.[LABEL_INSTANCE_TYPE] ?? []))[0];
    if (!instanceType) {
      skipped.push({
        sourceKey,
        reason: `NodePool ${name} names no instance type (no "${LABEL_INSTANCE_TYPE} In" requirement) and has no launched NodeClaims`,
      });
      continue;
    }
    const requiredZones = requiredValues(requirements, LABEL_ZONE);
    const claimZones = own.flatMap((c) => c.metadata.labels?.[LABEL_ZONE] ?? []);
    const desired = own.filter((c) => !c.metadata.deletionTimestamp).length;
    const nodeLimit = Number(nodePool.spec?.limits?.nodes);
    pools.push({
      sourceKey,
      scope,
      backingKind: "karpenter_nodepool",
      backingId: name,
      clusterName: args.clusterName,
      region: args.region,
      instanceType,
      availabilityZones: distinctSorted(requiredZones.length > 0 ? requiredZones : claimZones),
      minCapacity: 0,
      desiredCapacity: desired,
      maxCapacity: Number.isInteger(nodeLimit) && nodeLimit >= 0 ? nodeLimit : desired,
      modelLabels: [],
      tags: nodePool.metadata.labels ?? {},
    });
  }
  return { installed: true, pools, skipped };
}

/** Values of an `In` requirement on `key`, in the order written; other operators say nothing definite. */
function requiredValues(requirements: z.infer<typeof ZRequirement>[], key: string): string[] {
  return requirements.find((r) => r.key === key && r.operator === "In")?.values ?? [];
}
