import type { FocusRow } from "./focus-row";

// Which pool a charge belongs to. Only two kinds of charge are the fleet's compute and get a pool:
//  - an instance's hours (ResourceId "i-…" or an instance ARN), by the tags AWS copies onto them:
//    karpenter.sh/nodepool, then eks:nodegroup-name (managed node groups' instances also carry
//    their generated ASG's name), then aws:autoscaling:groupName; each must match exactly one
//    inventory pool of that kind and name (in the row's region, and cluster when tagged). An
//    instance row without usable tags takes the pool its resource got from a tagged row of the same
//    billing period (tags start applying only from a tag's activation);
//  - a reservation's own charges (unused reservation hours, a Capacity Block's purchase), by
//    CapacityReservationId through the inventory's reservation → pool link.
// Everything else (storage, data transfer, other services) stays unmapped: null, never a guess.

export type FleetIndexPool = {
  id: string;
  region: string;
  backingKind: "asg" | "eks_nodegroup" | "karpenter_nodepool";
  backingId: string;
  clusterName: string | null;
};

export type FleetIndex = {
  pools: FleetIndexPool[];
  /** Reservation id → its pool (null: a reservation the inventory links to no pool). */
  reservationPool: Map<string, string | null>;
};

export type LineItemMapping = { poolId: string | null; mappedBy: string | null };

const TAG_RULES = [
  { tag: "karpenter.sh/nodepool", kind: "karpenter_nodepool" },
  { tag: "eks:nodegroup-name", kind: "eks_nodegroup" },
  { tag: "aws:autoscaling:groupName", kind: "asg" },
] as const;
const CLUSTER_TAGS = ["eks:cluster-name", "eks:eks-cluster-name"];
const INSTANCE_ID = /(?:^|:instance\/)(i-[0-9a-f]{8,17})$/;

export const instanceIdOf = (resourceId: string | null): string | null =>
  resourceId ? (INSTANCE_ID.exec(resourceId)?.[1] ?? null) : null;

export function isReservationCharge(row: FocusRow): boolean {
  return (
    row.CapacityReservationId !== null &&
    instanceIdOf(row.ResourceId) === null &&
    (row.CapacityReservationStatus === "Unused" || row.ChargeCategory === "Purchase")
  );
}

/** The pool of an instance row from its tags alone. */
export function mapByTags(row: FocusRow, index: FleetIndex): LineItemMapping {
  const cluster = CLUSTER_TAGS.map((t) => row.Tags[t]).find((v) => v !== undefined && v !== "");
  for (const rule of TAG_RULES) {
    const name = row.Tags[rule.tag];
    if (!name) continue;
    const matches = index.pools.filter(
      (p) =>
        p.backingKind === rule.kind &&
        p.backingId === name &&
        (row.RegionId === null || p.region === row.RegionId) &&
        (cluster === undefined || p.clusterName === null || p.clusterName === cluster),
    );
    if (matches.length === 1) return { poolId: matches[0]!.id, mappedBy: `tag:${rule.tag}` };
  }
  return { poolId: null, mappedBy: null };
}

/**
 * Maps a billing period's rows in order. Two passes so an untagged row of an instance finds the
 * pool a tagged row of the same instance gave, wherever it sits in the period.
 */
export function mapLineItems(rows: FocusRow[], index: FleetIndex): LineItemMapping[] {
  const byInstance = new Map<string, string>();
  const first = rows.map((row): LineItemMapping => {
    if (isReservationCharge(row)) {
      const poolId = index.reservationPool.get(row.CapacityReservationId!) ?? null;
      return poolId ? { poolId, mappedBy: "reservation" } : { poolId: null, mappedBy: null };
    }
    const instanceId = instanceIdOf(row.ResourceId);
    if (instanceId === null) return { poolId: null, mappedBy: null };
    const mapped = mapByTags(row, index);
    if (mapped.poolId && !byInstance.has(instanceId)) byInstance.set(instanceId, mapped.poolId);
    return mapped;
  });
  return first.map((m, i) => {
    if (m.poolId) return m;
    const instanceId = instanceIdOf(rows[i]!.ResourceId);
    const poolId = instanceId && !isReservationCharge(rows[i]!) ? byInstance.get(instanceId) : undefined;
    return poolId ? { poolId, mappedBy: "resource" } : m;
  });
}
