// One cluster's nodes, pods, NodePools and NodeClaims, written out by hand so the expected pools
// in the tests can be read off it.
import type { FakeInventoryCluster, FakeNode, FakePod } from "./fake-inventory-cluster";

export const MODEL_LABEL = "fleet-console.io/model";

const node = (name: string, pool: Record<string, string>, zone: string, type: string): FakeNode => ({
  name,
  labels: { ...pool, "topology.kubernetes.io/zone": zone, "node.kubernetes.io/instance-type": type },
});
const ng = (n: string) => ({ "eks.amazonaws.com/nodegroup": n });
const np = (n: string) => ({ "karpenter.sh/nodepool": n });
const pod = (name: string, node: string | null, phase: FakePod["phase"], model?: string): FakePod => ({
  namespace: "serving",
  name,
  node,
  phase,
  labels: model ? { [MODEL_LABEL]: model, app: name } : { app: name },
});

export function karpenterCluster(): FakeInventoryCluster {
  return {
    nodes: [
      node("n1", ng("ng-llm"), "us-west-2a", "trn2.48xlarge"),
      node("n2", ng("ng-llm"), "us-west-2b", "trn2.48xlarge"),
      node("n3", np("np-pinned"), "us-west-2c", "trn2.48xlarge"),
      node("n4", np("np-claims"), "us-west-2a", "trn1.32xlarge"),
      node("n5", {}, "us-west-2a", "m8g.large"), // a node no pool manages
      node("n6", ng("ng-lt"), "us-west-2b", "trn2.48xlarge"),
    ],
    pods: [
      pod("llama-1", "n1", "Running", "llama-70b"),
      pod("llama-2", "n2", "Running", "llama-70b"),
      pod("mistral-1", "n2", "Pending", "mistral-7b"), // a second model on ng-llm
      pod("finished-eval", "n1", "Succeeded", "old-eval"),
      pod("crashed", "n3", "Failed", "broken-model"),
      pod("lost", "n3", "Unknown", "ghost-model"),
      pod("unscheduled", null, "Pending", "qwen-32b"),
      pod("llama-3", "n3", "Running", "llama-70b"),
      pod("ranker-1", "n4", "Running", "ranker-v2"),
      pod("stray", "n5", "Running", "llama-70b"),
      ...["n1", "n2", "n3", "n4", "n6"].map((n) => ({ ...pod(`neuron-monitor-${n}`, n, "Running"), daemonSet: true })),
    ],
    nodePools: [
      {
        name: "np-pinned",
        labels: { team: "inference", "fleet-console.io/tier": "prod" },
        requirements: [
          { key: "node.kubernetes.io/instance-type", operator: "In", values: ["trn2.48xlarge", "trn2u.48xlarge"] },
          { key: "topology.kubernetes.io/zone", operator: "In", values: ["us-west-2d", "us-west-2c"] },
          { key: "karpenter.sh/capacity-type", operator: "In", values: ["reserved", "on-demand"] },
        ],
        limits: { nodes: "4", cpu: "1000" },
      },
      {
        name: "np-claims",
        requirements: [
          { key: "karpenter.k8s.aws/instance-family", operator: "In", values: ["trn1"] },
          { key: "node.kubernetes.io/instance-type", operator: "NotIn", values: ["trn1n.32xlarge"] },
        ],
        limits: { cpu: "1000" },
      },
      {
        name: "np-retiring",
        deleting: true,
        requirements: [{ key: "node.kubernetes.io/instance-type", operator: "In", values: ["trn1.2xlarge"] }],
      },
      {
        name: "np-empty",
        requirements: [{ key: "karpenter.k8s.aws/instance-family", operator: "In", values: ["trn2"] }],
      },
    ],
    nodeClaims: [
      { name: "p1", nodePool: "np-pinned", instanceType: "trn2.48xlarge", zone: "us-west-2c" },
      { name: "p2", nodePool: "np-pinned", instanceType: "trn2.48xlarge", zone: "us-west-2d", deleting: true },
      { name: "c1", nodePool: "np-claims", instanceType: "trn1.32xlarge", zone: "us-west-2a" },
      { name: "c2", nodePool: "np-claims", instanceType: "trn1.32xlarge", zone: "us-west-2b", deleting: true },
      { name: "c3", nodePool: "np-claims", instanceType: "trn1.2xlarge", zone: "us-west-2a" },
      { name: "c4", nodePool: "np-claims" }, // still launching: no type or zone yet
    ],
  };
}
