// The capacity reservations of the fake account (fake-account-fleet.ts), placed on its pools.
import type { FakeInventoryCluster } from "../inventory-eks/fake-inventory-cluster";
import { TYPES, zoneOf } from "./fake-account-names";
import type { FakeAwsState } from "./fleet-state";

const reservationId = (n: number) => `cr-${n.toString(16).padStart(17, "0")}`;

/**
 * Per region: an open reservation for every fifth fleet ASG there (its type, its first zone) and a
 * targeted one, tagged with its source key, for every fifth NodePool. First region: a Capacity Block
 * tagged with the first ASG's pool id, an open reservation nothing matches (zone d), an expired one.
 */
export function addReservations(a: {
  aws: FakeAwsState;
  asgTypes: Map<string, string>;
  regions: string[];
  kube: Record<string, FakeInventoryCluster>;
  clusters: { name: string; region: string }[];
}): string {
  const start = new Date(Date.UTC(2026, 9, 1, 11, 30));
  const end = new Date(Date.UTC(2027, 9, 1, 11, 30));
  let n = 0;
  const base = (r: number) => ({
    id: reservationId(0xa00000 * (r + 1) + n++),
    totalInstanceCount: 4,
    availableInstanceCount: 1,
    state: "active",
    startDate: start,
    endDateType: "unlimited" as const,
    instanceMatchCriteria: "open" as const,
    tags: {},
  });
  a.regions.forEach((region, r) => {
    const reg = a.aws.regions[region]!;
    const asgs = reg.asgs.filter((g) => g.name.startsWith("asg-"));
    asgs.forEach((g, k) => {
      if (k % 5 !== 0) return;
      reg.reservations.push({
        ...base(r),
        instanceType: a.asgTypes.get(g.name)!,
        availabilityZone: g.availabilityZones[0]!,
      });
    });
    const nodePools = a.clusters
      .filter((c) => c.region === region)
      .flatMap((c) => a.kube[c.name]!.nodePools.filter((p) => p.name !== "np-experimental").map((p) => ({ c, p })));
    nodePools.forEach(({ c, p }, k) => {
      if (k % 5 !== 0) return;
      const claim = a.kube[c.name]!.nodeClaims.find((x) => x.nodePool === p.name)!;
      reg.reservations.push({
        ...base(r),
        instanceType: claim.instanceType!,
        availabilityZone: claim.zone!,
        totalInstanceCount: 2,
        availableInstanceCount: 0,
        endDate: end,
        endDateType: "limited",
        instanceMatchCriteria: "targeted",
        tags: { "fleet-console:pool": `karpenter/${region}/${c.name}/${p.name}` },
      });
    });
  });
  const first = a.aws.regions[a.regions[0]!]!;
  const block = {
    ...base(0),
    instanceType: TYPES[0]!,
    availabilityZone: zoneOf(a.regions[0]!, 0),
    availableInstanceCount: 0,
    startDate: new Date(Date.UTC(2026, 10, 20, 11, 30)),
    endDate: new Date(Date.UTC(2026, 11, 4, 11, 30)),
    endDateType: "limited" as const,
    instanceMatchCriteria: "targeted" as const,
    reservationType: "capacity-block" as const,
    tags: { "fleet-console:pool": "asg-0000" },
  };
  first.reservations.push(
    block,
    { ...base(0), instanceType: TYPES[1]!, availabilityZone: `${a.regions[0]}d` },
    {
      ...base(0),
      instanceType: TYPES[2]!,
      availabilityZone: zoneOf(a.regions[0]!, 0),
      state: "expired",
      startDate: new Date(Date.UTC(2025, 0, 1)),
      endDate: new Date(Date.UTC(2025, 6, 1)),
      endDateType: "limited",
    },
  );
  return block.id;
}
