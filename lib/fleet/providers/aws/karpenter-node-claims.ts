import "server-only";
import { CustomObjectsApi, type KubeConfig } from "@kubernetes/client-node";
import { z } from "zod";
import type { FleetInstance } from "@/lib/fleet/provider";
import { instanceIdFromProviderId } from "./provider-id";

// karpenter.sh/v1 objects come back from the custom-objects API untyped; parse only what we read.
const ZNodeClaim = z.object({
  metadata: z.object({
    name: z.string(),
    creationTimestamp: z.string().optional(),
    deletionTimestamp: z.string().optional(),
  }),
  status: z
    .object({
      providerID: z.string().optional(),
      nodeName: z.string().optional(),
      conditions: z.array(z.object({ type: z.string(), status: z.string() })).optional(),
    })
    .optional(),
});
const ZNodeClaimList = z.object({ items: z.array(ZNodeClaim) });

export const KARPENTER = { group: "karpenter.sh", version: "v1" } as const;

export type NodeClaimInfo = {
  name: string;
  /** Null while the instance is still being launched. */
  instanceId: string | null;
  nodeName: string | null;
  lifecycle: FleetInstance["lifecycle"];
  createdAt: Date | null;
};

/** The NodeClaims Karpenter made for one NodePool (it labels each with karpenter.sh/nodepool). */
export async function listNodeClaims(args: { kubeConfig: KubeConfig; nodePool: string }): Promise<NodeClaimInfo[]> {
  const api = args.kubeConfig.makeApiClient(CustomObjectsApi);
  const raw: unknown = await api.listClusterCustomObject({
    ...KARPENTER,
    plural: "nodeclaims",
    labelSelector: `karpenter.sh/nodepool=${args.nodePool}`,
  });
  return ZNodeClaimList.parse(raw).items.map((claim) => {
    const ready = claim.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
    return {
      name: claim.metadata.name,
      instanceId: instanceIdFromProviderId(claim.status?.providerID),
      nodeName: claim.status?.nodeName ?? null,
      lifecycle: claim.metadata.deletionTimestamp ? "terminating" : ready ? "in_service" : "pending",
      createdAt: claim.metadata.creationTimestamp ? new Date(claim.metadata.creationTimestamp) : null,
    };
  });
}
