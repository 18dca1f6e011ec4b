import "server-only";
import { ApiException, CustomObjectsApi, type KubeConfig } from "@kubernetes/client-node";
import { z } from "zod";
import {
  listAllPages,
  makeCountedApiClient,
  type KubeRequestCounter,
} from "@/lib/inventory/kubernetes/kube-list-client";
import {
  mapTrainingWorkload,
  TRAINING_WORKLOAD_KINDS,
  ZTrainingWorkload,
  type DiscoveredTrainingRun,
} from "./map-training-workload";

const ZList = z.object({
  items: z.array(ZTrainingWorkload),
  metadata: z.object({ continue: z.string().optional() }).loose().optional(),
});

/**
 * Training runs in one cluster: every Job, PyTorchJob, JobSet and LeaderWorkerSet in any namespace
 * carrying `runLabel` (a label selector, so the API server filters), paged. A kind whose API the
 * cluster does not serve (404: the Kubeflow or JobSet controller is not installed) has no runs;
 * any other error (403 from RBAC, 5xx) propagates, so a failing cluster is never read as "no runs".
 */
export async function discoverTrainingRuns(args: {
  kubeConfig: KubeConfig;
  cluster: string;
  runLabel: string;
  counter: KubeRequestCounter;
  pageSize?: number;
}): Promise<DiscoveredTrainingRun[]> {
  const api = makeCountedApiClient(args.kubeConfig, CustomObjectsApi, args.counter);
  const runs: DiscoveredTrainingRun[] = [];
  for (const k of TRAINING_WORKLOAD_KINDS) {
    let items: z.infer<typeof ZTrainingWorkload>[];
    try {
      items = await listAllPages(async (page) => {
        const raw: unknown = await api.listClusterCustomObject({
          group: k.group,
          version: k.version,
          plural: k.plural,
          labelSelector: args.runLabel,
          ...page,
        });
        const parsed = ZList.parse(raw);
        return { items: parsed.items, continueToken: parsed.metadata?.continue };
      }, args.pageSize);
    } catch (err) {
      if (err instanceof ApiException && err.code === 404) continue;
      throw err;
    }
    for (const workload of items) {
      const run = mapTrainingWorkload({ kind: k.kind, cluster: args.cluster, runLabel: args.runLabel, workload });
      if (run) runs.push(run);
    }
  }
  return runs;
}
