import { describe, expect, it } from "vitest";
import type { CurrentInventory } from "@/lib/inventory/sync/diff-inventory";
import { keepStaleReservationLinks } from "@/lib/inventory/sync/keep-stale-reservation-links";
import type { InventorySnapshot, ResolvedReservation } from "@/lib/inventory/types";

// A reservation's stored link to a pool that its failed scope keeps stale survives the pass.
const storedPool = (id: string, scope: string, retiredAt: Date | null = null) =>
  ({ id, inventoryScope: scope, retiredAt }) as CurrentInventory["pools"][number];
const reservation = (over: Partial<ResolvedReservation>): ResolvedReservation => ({
  id: "cr-00000000000000001",
  scope: "ec2/us-east-1",
  instanceType: "trn2.48xlarge",
  region: "us-east-1",
  availabilityZone: "us-east-1a",
  totalInstanceCount: 4,
  availableInstanceCount: 1,
  state: "active",
  startAt: new Date("2026-01-01T00:00:00Z"),
  endAt: null,
  instanceMatchCriteria: "targeted",
  reservationType: "default",
  tags: {},
  poolId: null,
  usdPerInstanceHour: 32.18,
  ...over,
});
const current = (links: Record<string, string | null>): CurrentInventory => ({
  models: [],
  pools: [
    storedPool("np-stale", "karpenter/us-east-1/ml-01"),
    storedPool("np-gone", "karpenter/us-east-1/ml-01", new Date("2026-11-01T00:00:00Z")),
    storedPool("asg-live", "autoscaling/us-east-1"),
  ],
  reservations: Object.entries(links).map(([id, poolId]) => ({
    ...reservation({ id, poolId }),
    instanceCount: 4,
    retiredAt: null,
  })),
  prices: [],
  commitments: [],
});
const snapshot = (reservations: ResolvedReservation[]): InventorySnapshot => ({
  source: "aws",
  scopes: [
    { scope: "karpenter/us-east-1/ml-01", ok: false, error: "Kubernetes 403 Forbidden", apiCalls: 1, durationMs: 1 },
    { scope: "autoscaling/us-east-1", ok: true, apiCalls: 1, durationMs: 1 },
  ],
  models: [],
  pools: [],
  reservations,
  prices: [],
  instanceTypes: [],
  commitments: [],
  problems: reservations
    .filter((r) => r.poolId === null)
    .map((r) => ({ kind: "unmatched_reservation" as const, subject: r.id, message: `${r.id} matches no pool` })),
});

describe("keepStaleReservationLinks", () => {
  it("keeps the link to a stale pool, and drops the reservation's unmatched problem", () => {
    const out = keepStaleReservationLinks({
      current: current({ "cr-00000000000000001": "np-stale" }),
      snapshot: snapshot([reservation({})]),
    });
    expect(out.reservations.map((r) => r.poolId)).toEqual(["np-stale"]);
    expect(out.problems).toEqual([]);
  });

  it("an open reservation keeps its stale pool even when another pool matches now; a targeted one follows its tag", () => {
    const out = keepStaleReservationLinks({
      current: current({ "cr-00000000000000001": "np-stale", "cr-00000000000000002": "np-stale" }),
      snapshot: snapshot([
        reservation({ id: "cr-00000000000000001", instanceMatchCriteria: "open", poolId: "asg-live" }),
        reservation({ id: "cr-00000000000000002", poolId: "asg-live" }),
      ]),
    });
    expect(out.reservations.map((r) => [r.id, r.poolId])).toEqual([
      ["cr-00000000000000001", "np-stale"],
      ["cr-00000000000000002", "asg-live"],
    ]);
  });

  it("leaves links to retired pools or pools of healthy scopes to the source's match", () => {
    const input = snapshot([reservation({ id: "cr-00000000000000001" }), reservation({ id: "cr-00000000000000002" })]);
    const out = keepStaleReservationLinks({
      current: current({ "cr-00000000000000001": "np-gone", "cr-00000000000000002": "asg-live" }),
      snapshot: input,
    });
    expect(out).toBe(input);
  });
});
