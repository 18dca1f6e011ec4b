import "server-only";
import { CoreV1Api, type KubeConfig, PolicyV1Api } from "@kubernetes/client-node";
import type { EvictionResult, PodRef } from "@/lib/fleet/provider";
import { kubeStatusBody, kubeStatusCode, type KubeStatus } from "./kube-errors";
import { matchesLabelSelector } from "./matches-label-selector";

/**
 * One policy/v1 Eviction (POST pods/{name}/eviction); the API server applies the pod's own
 * grace period. 201 evicted, 404 gone, 429 blocked by a PodDisruptionBudget (the worker retries
 * with backoff). Anything else, a 500 included, is an error.
 */
export async function evictPod(args: { kubeConfig: KubeConfig; pod: PodRef }): Promise<EvictionResult> {
  const { namespace, name } = args.pod;
  const core = args.kubeConfig.makeApiClient(CoreV1Api);
  try {
    await core.createNamespacedPodEviction({
      name,
      namespace,
      body: { apiVersion: "policy/v1", kind: "Eviction", metadata: { name, namespace } },
    });
    return { status: "evicted" };
  } catch (error) {
    const code = kubeStatusCode(error);
    if (code === 404) return { status: "gone" };
    if (code !== 429) throw error;
    const status = kubeStatusBody(error);
    return {
      status: "blocked",
      pdbName: await blockingBudgetName({ ...args, status }),
      message: status.message ?? "Too many requests",
    };
  }
}

// The API server names the budget in a cause: "The disruption budget web-pdb needs 2 healthy
// pods and has 2 currently". Older servers omit it; then we look the budget up ourselves. A 429
// that is not about a budget (API priority and fairness throttling) blocks with no name.
async function blockingBudgetName(args: {
  kubeConfig: KubeConfig;
  pod: PodRef;
  status: KubeStatus;
}): Promise<string | null> {
  const causes = args.status.details?.causes ?? [];
  for (const cause of causes) {
    const named = /disruption budget (\S+)/.exec(cause.message ?? "");
    if (named?.[1]) return named[1];
  }
  const aboutBudget =
    causes.some((c) => (c.reason ?? c.type) === "DisruptionBudget") ||
    /disruption budget/i.test(args.status.message ?? "");
  if (!aboutBudget) return null;
  if (args.pod.pdbName) return args.pod.pdbName;

  const { namespace, name } = args.pod;
  const pod = await args.kubeConfig.makeApiClient(CoreV1Api).readNamespacedPod({ name, namespace });
  const budgets = await args.kubeConfig.makeApiClient(PolicyV1Api).listNamespacedPodDisruptionBudget({ namespace });
  const budget = budgets.items.find((pdb) => matchesLabelSelector(pdb.spec?.selector, pod.metadata?.labels ?? {}));
  return budget?.metadata?.name ?? null;
}
