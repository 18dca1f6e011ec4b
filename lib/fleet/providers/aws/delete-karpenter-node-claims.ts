import "server-only";
import { CustomObjectsApi, type KubeConfig } from "@kubernetes/client-node";
import { KARPENTER, listNodeClaims } from "./karpenter-node-claims";
import { kubeStatusCode } from "./kube-errors";

/**
 * A Karpenter drain's terminate step deletes the instances' NodeClaims, not their Node objects:
 * the NodeClaim is what owns the EC2 instance (its finalizer terminates it), it exists even for
 * an instance whose node never registered, and it is what `kubectl delete nodeclaim` documents.
 * Deleting a Node would have Karpenter delete the NodeClaim anyway, one hop later. Claims already
 * being deleted, or gone (404), count as done.
 */
export async function deleteKarpenterNodeClaims(args: {
  kubeConfig: KubeConfig;
  nodePool: string;
  instanceIds: Set<string>;
}) {
  const api = args.kubeConfig.makeApiClient(CustomObjectsApi);
  const claims = await listNodeClaims({ kubeConfig: args.kubeConfig, nodePool: args.nodePool });
  const targets = claims.filter(
    (c) => c.instanceId && args.instanceIds.has(c.instanceId) && c.lifecycle !== "terminating",
  );
  for (const claim of targets) {
    try {
      await api.deleteClusterCustomObject({ ...KARPENTER, plural: "nodeclaims", name: claim.name });
    } catch (error) {
      if (kubeStatusCode(error) !== 404) throw error;
    }
  }
}
