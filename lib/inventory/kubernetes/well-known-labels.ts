// Labels Kubernetes, EKS and Karpenter set on nodes and NodeClaims, read to place them in pools.
export const LABEL_INSTANCE_TYPE = "node.kubernetes.io/instance-type";
export const LABEL_ZONE = "topology.kubernetes.io/zone";
export const LABEL_NODEPOOL = "karpenter.sh/nodepool";
export const LABEL_NODEGROUP = "eks.amazonaws.com/nodegroup";

export const distinctSorted = (values: string[]): string[] => [...new Set(values)].sort();

/** Distinct values, most frequent first (ties: alphabetical), so a choice among them is stable. */
export function byFrequency(values: string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
}
