import "server-only";
import { CoreV1Api, type KubeConfig, PolicyV1Api, type V1Pod } from "@kubernetes/client-node";
import type { PodRef } from "@/lib/fleet/provider";
import { matchesLabelSelector } from "./matches-label-selector";

/**
 * Pods still on the node (finished ones excluded by the API server), each with the
 * PodDisruptionBudget that selects it. Mirror (static) pods are left out, as `kubectl drain`
 * does: the kubelet owns them and an eviction cannot remove them.
 */
export async function listNodePods(args: { kubeConfig: KubeConfig; nodeName: string }): Promise<PodRef[]> {
  const core = args.kubeConfig.makeApiClient(CoreV1Api);
  const list = await core.listPodForAllNamespaces({
    fieldSelector: `spec.nodeName=${args.nodeName},status.phase!=Succeeded,status.phase!=Failed`,
  });
  const pods = list.items.filter((pod) => !pod.metadata?.annotations?.["kubernetes.io/config.mirror"]);
  const evictable = pods.filter((pod) => !isDaemonSetPod(pod));
  // One cluster-wide list instead of one per namespace: drains touch many namespaces at once.
  const budgets = evictable.length
    ? (await args.kubeConfig.makeApiClient(PolicyV1Api).listPodDisruptionBudgetForAllNamespaces()).items
    : [];

  return pods.map((pod) => {
    const namespace = pod.metadata?.namespace ?? "default";
    const labels = pod.metadata?.labels ?? {};
    const daemonSet = isDaemonSetPod(pod);
    const budget = daemonSet
      ? undefined
      : budgets.find(
          (pdb) => pdb.metadata?.namespace === namespace && matchesLabelSelector(pdb.spec?.selector, labels),
        );
    return {
      namespace,
      name: pod.metadata?.name ?? "",
      nodeName: pod.spec?.nodeName ?? args.nodeName,
      daemonSet,
      pdbName: budget?.metadata?.name ?? null,
    };
  });
}

function isDaemonSetPod(pod: V1Pod): boolean {
  return (pod.metadata?.ownerReferences ?? []).some((ref) => ref.kind === "DaemonSet" && ref.controller !== false);
}
