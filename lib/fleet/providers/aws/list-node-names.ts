import "server-only";
import { CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { instanceIdFromProviderId } from "./provider-id";

export type NodeByInstance = Map<string, { nodeName: string; createdAt: Date | null }>;

/** Kubernetes nodes keyed by their EC2 instance id (from spec.providerID). */
export async function listNodeNamesByInstance(args: {
  kubeConfig: KubeConfig;
  labelSelector?: string;
}): Promise<NodeByInstance> {
  const core = args.kubeConfig.makeApiClient(CoreV1Api);
  const list = await core.listNode({ labelSelector: args.labelSelector });
  const byInstance: NodeByInstance = new Map();
  for (const node of list.items) {
    const instanceId = instanceIdFromProviderId(node.spec?.providerID);
    const nodeName = node.metadata?.name;
    if (instanceId && nodeName) {
      byInstance.set(instanceId, { nodeName, createdAt: node.metadata?.creationTimestamp ?? null });
    }
  }
  return byInstance;
}
