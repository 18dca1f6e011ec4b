import "server-only";
import { CoreV1Api, type KubeConfig, type V1Node } from "@kubernetes/client-node";
import { forEachPage, type KubeRequestCounter, makeCountedApiClient } from "./kube-list-client";
import {
  byFrequency,
  distinctSorted,
  LABEL_INSTANCE_TYPE,
  LABEL_NODEGROUP,
  LABEL_NODEPOOL,
  LABEL_ZONE,
} from "./well-known-labels";

/** What the cluster's nodes and pods say about one pool. */
export type PoolNodeFacts = {
  /** Distinct values of the model label on the pool's running or pending pods, sorted. */
  modelLabels: string[];
  /** Distinct zones of the pool's nodes, sorted. */
  availabilityZones: string[];
  /** Distinct instance types of the pool's nodes, most common first (ties: alphabetical). */
  instanceTypes: string[];
  nodes: number;
};

// Succeeded/Failed pods hold no node; asking the server to drop them keeps finished Jobs off the wire.
const LIVE_POD_SELECTOR = "status.phase!=Succeeded,status.phase!=Failed";
const LIVE_PHASES = new Set(["Running", "Pending"]);

/**
 * Which models each pool serves, from one paginated pass over the cluster's nodes and pods. A node
 * belongs to a pool by the label its manager sets: `eks.amazonaws.com/nodegroup` (EKS managed node
 * groups) or `karpenter.sh/nodepool`. Pods without the model label (DaemonSets, system pods) say nothing.
 */
export async function mapPoolModels(args: {
  kubeConfig: KubeConfig;
  clusterName: string;
  region: string;
  modelLabelKey: string;
  counter: KubeRequestCounter;
  pageSize?: number;
}): Promise<Map<string, PoolNodeFacts>> {
  const core = makeCountedApiClient(args.kubeConfig, CoreV1Api, args.counter);
  const poolOfNode = new Map<string, string>();
  const perPool = new Map<string, { models: Set<string>; zones: string[]; types: string[]; nodes: number }>();

  await forEachPage(
    async (page) => {
      const list = await core.listNode(page);
      return { items: list.items, continueToken: list.metadata?._continue };
    },
    (nodes) => {
      for (const node of nodes) {
        const sourceKey = poolKeyOfNode(node, args);
        const name = node.metadata?.name;
        if (!sourceKey || !name) continue;
        poolOfNode.set(name, sourceKey);
        let facts = perPool.get(sourceKey);
        if (!facts) perPool.set(sourceKey, (facts = { models: new Set(), zones: [], types: [], nodes: 0 }));
        facts.nodes += 1;
        const labels = node.metadata?.labels ?? {};
        if (labels[LABEL_ZONE]) facts.zones.push(labels[LABEL_ZONE]);
        if (labels[LABEL_INSTANCE_TYPE]) facts.types.push(labels[LABEL_INSTANCE_TYPE]);
      }
    },
    args.pageSize,
  );

  await forEachPage(
    async (page) => {
      const list = await core.listPodForAllNamespaces({ ...page, fieldSelector: LIVE_POD_SELECTOR });
      return { items: list.items, continueToken: list.metadata?._continue };
    },
    (pods) => {
      for (const pod of pods) {
        const model = pod.metadata?.labels?.[args.modelLabelKey];
        const nodeName = pod.spec?.nodeName;
        if (!model || !nodeName || !LIVE_PHASES.has(pod.status?.phase ?? "")) continue;
        const sourceKey = poolOfNode.get(nodeName);
        if (sourceKey) perPool.get(sourceKey)?.models.add(model);
      }
    },
    args.pageSize,
  );

  return new Map(
    [...perPool].map(([sourceKey, f]) => [
      sourceKey,
      {
        modelLabels: [...f.models].sort(),
        availabilityZones: distinctSorted(f.zones),
        instanceTypes: byFrequency(f.types),
        nodes: f.nodes,
      },
    ]),
  );
}

function poolKeyOfNode(node: V1Node, where: { clusterName: string; region: string }): string | null {
  const labels = node.metadata?.labels ?? {};
  if (labels[LABEL_NODEGROUP]) return `eks/${where.region}/${where.clusterName}/${labels[LABEL_NODEGROUP]}`;
  if (labels[LABEL_NODEPOOL]) return `karpenter/${where.region}/${where.clusterName}/${labels[LABEL_NODEPOOL]}`;
  return null;
}
