// A fake cluster's API for inventory discovery: nodes, pods (all namespaces), Karpenter NodePools
// and NodeClaims, each list paged with limit/continue like the API server, pods filtered by the
// status.phase field selector, and RBAC refusals or a missing Karpenter on demand.
import { type FakeRoute, kubeStatus, listPage, notFound } from "../fleet-aws/fake-kube-server";

export type FakeNode = { name: string; labels: Record<string, string> };
export type FakePod = {
  namespace: string;
  name: string;
  node: string | null;
  phase: "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";
  labels?: Record<string, string>;
  daemonSet?: boolean;
};
export type FakeNodePool = {
  name: string;
  labels?: Record<string, string>;
  requirements?: { key: string; operator: string; values?: string[] }[];
  limits?: Record<string, string | number>;
  deleting?: boolean;
};
export type FakeNodeClaim = {
  name: string;
  nodePool: string;
  /** Set once launched: Karpenter then labels the claim with the type and zone it got. */
  instanceType?: string;
  zone?: string;
  deleting?: boolean;
};

export type FakeInventoryCluster = {
  nodes: FakeNode[];
  pods: FakePod[];
  nodePools: FakeNodePool[];
  nodeClaims: FakeNodeClaim[];
  /** false: the karpenter.sh API is not served (404), as in a cluster without Karpenter. */
  karpenter?: boolean;
  /** Plurals the caller may not list: answered 403 Forbidden as RBAC would. */
  forbidden?: string[];
  /** Only this bearer token is accepted (401 otherwise), when set. */
  acceptToken?: (token: string) => boolean;
};

const KARPENTER = "/apis/karpenter.sh/v1/";

export function inventoryClusterRoute(cluster: FakeInventoryCluster): FakeRoute {
  return (r) => {
    const token = /^Bearer (.+)$/.exec(String(r.headers.authorization ?? ""))?.[1] ?? "";
    if (cluster.acceptToken && !cluster.acceptToken(token))
      return { status: 401, body: kubeStatus(401, "Unauthorized", "Unauthorized") };
    if (r.method !== "GET") return notFound(r.path);
    const plural = r.path.split("/").pop() ?? "";
    if (cluster.forbidden?.includes(plural)) {
      const group = r.path.startsWith(KARPENTER) ? "karpenter.sh" : "";
      const resource = group ? `${plural}.${group}` : plural;
      return {
        status: 403,
        body: kubeStatus(
          403,
          "Forbidden",
          `${resource} is forbidden: User "fleet-console" cannot list resource "${plural}" in API group "${group}" at the cluster scope`,
          { group, kind: plural },
        ),
      };
    }
    if (r.path.startsWith(KARPENTER) && cluster.karpenter === false)
      return notFound("the server could not find the requested resource");

    switch (r.path) {
      case "/api/v1/nodes":
        return listPage(
          "NodeList",
          cluster.nodes.map((n) => ({ metadata: { name: n.name, labels: n.labels }, spec: {} })),
          r.query,
        );
      case "/api/v1/pods": {
        const excluded = [...(r.query.get("fieldSelector") ?? "").matchAll(/status\.phase!=(\w+)/g)].map((m) => m[1]);
        const pods = cluster.pods.filter((p) => !excluded.includes(p.phase));
        return listPage("PodList", pods.map(podObject), r.query);
      }
      case `${KARPENTER}nodepools`:
        return listPage("NodePoolList", cluster.nodePools.map(nodePoolObject), r.query);
      case `${KARPENTER}nodeclaims`:
        return listPage("NodeClaimList", cluster.nodeClaims.map(nodeClaimObject), r.query);
      default:
        return notFound(r.path);
    }
  };
}

const podObject = (p: FakePod) => ({
  metadata: {
    namespace: p.namespace,
    name: p.name,
    labels: p.labels ?? {},
    ownerReferences: [
      {
        apiVersion: "apps/v1",
        kind: p.daemonSet ? "DaemonSet" : "ReplicaSet",
        name: p.name,
        uid: "u",
        controller: true,
      },
    ],
  },
  spec: { ...(p.node ? { nodeName: p.node } : {}), containers: [{ name: "main", image: "serve:1" }] },
  status: { phase: p.phase },
});

const nodePoolObject = (np: FakeNodePool) => ({
  apiVersion: "karpenter.sh/v1",
  kind: "NodePool",
  metadata: {
    name: np.name,
    ...(np.labels ? { labels: np.labels } : {}),
    ...(np.deleting ? { deletionTimestamp: "2025-03-01T00:00:00Z" } : {}),
  },
  spec: {
    template: {
      spec: {
        nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" },
        requirements: np.requirements ?? [],
      },
    },
    ...(np.limits ? { limits: np.limits } : {}),
    disruption: { consolidationPolicy: "WhenEmpty", consolidateAfter: "5m" },
  },
});

const nodeClaimObject = (c: FakeNodeClaim) => ({
  apiVersion: "karpenter.sh/v1",
  kind: "NodeClaim",
  metadata: {
    name: c.name,
    labels: {
      "karpenter.sh/nodepool": c.nodePool,
      ...(c.instanceType ? { "node.kubernetes.io/instance-type": c.instanceType } : {}),
      ...(c.zone ? { "topology.kubernetes.io/zone": c.zone } : {}),
    },
    ...(c.deleting ? { deletionTimestamp: "2025-03-01T00:00:00Z" } : {}),
  },
  spec: { nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" } },
  status: c.instanceType ? { nodeName: `node-${c.name}`, providerID: `aws:///${c.zone}/i-${c.name}` } : {},
});

/**
 * The Kubernetes side of a generated EKS cluster (generateEksFleet): `desired` nodes per node group
 * spread over three zones, each running one pod of the model its node group's labels name, plus a
 * DaemonSet pod without a model. For benchmarks that walk a whole generated fleet.
 */
export function inventoryClusterFor(
  cluster: {
    nodegroups: {
      name: string;
      instanceTypes: string[] | null;
      scaling: { desired: number };
      labels?: Record<string, string>;
    }[];
  },
  opts: { region: string; modelLabelKey: string },
): FakeInventoryCluster {
  const nodes: FakeNode[] = [];
  const pods: FakePod[] = [];
  for (const ng of cluster.nodegroups) {
    for (let i = 0; i < ng.scaling.desired; i++) {
      const name = `${ng.name}-node-${i}`;
      nodes.push({
        name,
        labels: {
          "eks.amazonaws.com/nodegroup": ng.name,
          "topology.kubernetes.io/zone": `${opts.region}${"abc"[i % 3]}`,
          ...(ng.instanceTypes?.[0] ? { "node.kubernetes.io/instance-type": ng.instanceTypes[0] } : {}),
        },
      });
      const model = ng.labels?.[opts.modelLabelKey];
      if (model)
        pods.push({
          namespace: "serving",
          name: `${name}-serve`,
          node: name,
          phase: "Running",
          labels: { [opts.modelLabelKey]: model },
        });
      pods.push({
        namespace: "kube-system",
        name: `${name}-neuron-monitor`,
        node: name,
        phase: "Running",
        daemonSet: true,
      });
    }
  }
  return { nodes, pods, nodePools: [], nodeClaims: [] };
}
