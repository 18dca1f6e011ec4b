import { describe, expect, it } from "vitest";
import { diffInventory, type CurrentInventory } from "@/lib/inventory/sync/diff-inventory";
import type { InventorySnapshot, ResolvedPool, ResolvedReservation } from "@/lib/inventory/types";

// Hand-written cases for each rule of the diff: new, changed field by field, gone (retired),
// back again, and left alone while the scope that would see it fails.
const pool = (over: Partial<ResolvedPool> = {}): ResolvedPool => ({
  id: "atlas-use1",
  sourceKey: "asg/us-east-1/atlas",
  scope: "autoscaling/us-east-1",
  backingKind: "asg",
  backingId: "atlas",
  clusterName: null,
  region: "us-east-1",
  instanceType: "trn2.48xlarge",
  availabilityZones: ["us-east-1b", "us-east-1a"],
  minCapacity: 2,
  desiredCapacity: 8,
  maxCapacity: 16,
  modelLabels: ["atlas"],
  tags: {},
  chipFamily: "trainium",
  modelIds: ["atlas"],
  ...over,
});
const stored = (over: Partial<ResolvedPool> = {}) => {
  const p = pool(over);
  return {
    ...p,
    availabilityZone: [...p.availabilityZones].sort().join(","),
    inventoryScope: p.scope,
    retiredAt: null,
  };
};
const reservation = (over: Partial<ResolvedReservation> = {}): ResolvedReservation => ({
  id: "cr-0123456789abcdef0",
  scope: "ec2/us-east-1",
  instanceType: "trn2.48xlarge",
  region: "us-east-1",
  availabilityZone: "us-east-1a",
  totalInstanceCount: 4,
  availableInstanceCount: 1,
  state: "active",
  startAt: new Date("2026-01-01T00:00:00Z"),
  endAt: new Date("2027-01-01T00:00:00Z"),
  instanceMatchCriteria: "open",
  reservationType: "default",
  tags: {},
  poolId: "atlas-use1",
  usdPerInstanceHour: 32.18,
  ...over,
});
const storedReservation = (over: Partial<ResolvedReservation> = {}) => {
  const r = reservation(over);
  return { ...r, instanceCount: r.totalInstanceCount, retiredAt: null };
};
const model = {
  id: "atlas",
  displayName: "Atlas",
  team: "a",
  kind: "llm" as const,
  sloP95Ms: 900,
  minServingInstances: 1,
  labelValue: "atlas",
};
const empty: CurrentInventory = { models: [], pools: [], reservations: [], prices: [], commitments: [] };
const snap = (over: Partial<InventorySnapshot>): InventorySnapshot => ({
  source: "aws",
  scopes: [
    { scope: "autoscaling/us-east-1", ok: true, apiCalls: 1, durationMs: 5 },
    { scope: "ec2/us-east-1", ok: true, apiCalls: 1, durationMs: 5 },
  ],
  models: [model],
  pools: [],
  reservations: [],
  prices: [],
  instanceTypes: [],
  commitments: [],
  problems: [],
  ...over,
});
const withModel: CurrentInventory = { ...empty, models: [{ ...model, cloudwatchDimension: "atlas", retiredAt: null }] };

describe("diffInventory", () => {
  it("an empty database: everything is new, and the pool is mapped to its model", () => {
    expect(diffInventory(empty, snap({ pools: [pool()], reservations: [reservation()] }))).toEqual([
      { entity: "model", kind: "added", key: "atlas", modelId: "atlas" },
      { entity: "pool", kind: "added", key: "atlas-use1", poolId: "atlas-use1" },
      { entity: "pool_model", kind: "added", key: "atlas-use1|atlas", poolId: "atlas-use1", modelId: "atlas" },
      { entity: "reservation", kind: "added", key: "cr-0123456789abcdef0", poolId: "atlas-use1" },
    ]);
  });

  it("the same snapshot again changes nothing (AZ order does not matter)", () => {
    const current = {
      ...withModel,
      pools: [stored()],
      reservations: [{ ...storedReservation(), scope: "ec2/us-east-1" }],
    };
    expect(
      diffInventory(
        current,
        snap({ pools: [pool({ availabilityZones: ["us-east-1a", "us-east-1b"] })], reservations: [reservation()] }),
      ),
    ).toEqual([]);
  });

  it("a scaled pool is one change with the fields before and after", () => {
    const current = { ...withModel, pools: [stored()] };
    expect(diffInventory(current, snap({ pools: [pool({ desiredCapacity: 12, maxCapacity: 20 })] }))).toEqual([
      {
        entity: "pool",
        kind: "changed",
        key: "atlas-use1",
        poolId: "atlas-use1",
        fields: { desiredCapacity: { before: 8, after: 12 }, maxCapacity: { before: 16, after: 20 } },
      },
    ]);
  });

  it("a pool gone from a scope that answered is retired; from a scope that failed it is kept", () => {
    const current = { ...withModel, pools: [stored()] };
    expect(diffInventory(current, snap({ pools: [] }))).toEqual([
      { entity: "pool", kind: "retired", key: "atlas-use1", poolId: "atlas-use1" },
    ]);
    const failing = snap({
      pools: [],
      scopes: [
        { scope: "autoscaling/us-east-1", ok: false, error: "AutoScaling AccessDenied", apiCalls: 1, durationMs: 5 },
      ],
    });
    expect(diffInventory(current, failing)).toEqual([]);
  });

  it("a retired pool that comes back is returned, keeping its id", () => {
    const current = { ...withModel, pools: [{ ...stored(), retiredAt: new Date("2026-11-01T00:00:00Z") }] };
    expect(diffInventory(current, snap({ pools: [pool()] }))).toEqual([
      { entity: "pool", kind: "returned", key: "atlas-use1", poolId: "atlas-use1", fields: undefined },
    ]);
  });

  it("a reservation EC2 reports expired is retired; one no longer listed is retired; a failed EC2 scope keeps it", () => {
    const current = {
      ...withModel,
      pools: [stored()],
      reservations: [{ ...storedReservation(), scope: "ec2/us-east-1" }],
    };
    const expired = diffInventory(
      current,
      snap({ pools: [pool()], reservations: [reservation({ state: "expired", availableInstanceCount: 0 })] }),
    );
    expect(expired).toEqual([
      {
        entity: "reservation",
        kind: "changed",
        key: "cr-0123456789abcdef0",
        poolId: "atlas-use1",
        fields: { availableInstanceCount: { before: 1, after: 0 }, state: { before: "active", after: "expired" } },
      },
      { entity: "reservation", kind: "retired", key: "cr-0123456789abcdef0", poolId: "atlas-use1" },
    ]);
    expect(diffInventory(current, snap({ pools: [pool()], reservations: [] }))).toEqual([
      { entity: "reservation", kind: "retired", key: "cr-0123456789abcdef0", poolId: "atlas-use1" },
    ]);
    const ec2Failed = snap({
      pools: [pool()],
      scopes: [
        { scope: "autoscaling/us-east-1", ok: true, apiCalls: 1, durationMs: 5 },
        { scope: "ec2/us-east-1", ok: false, error: "EC2 RequestLimitExceeded", apiCalls: 3, durationMs: 5 },
      ],
    });
    expect(diffInventory(current, ec2Failed)).toEqual([]);
  });

  it("a model no longer declared is retired; a new mapping is added, an existing one is not repeated", () => {
    const current = { ...withModel, pools: [stored()] };
    const next = snap({
      models: [{ ...model, id: "helios", labelValue: "helios" }],
      pools: [pool({ modelIds: ["atlas", "helios"] })],
    });
    expect(diffInventory(current, next)).toEqual([
      { entity: "model", kind: "added", key: "helios", modelId: "helios" },
      { entity: "model", kind: "retired", key: "atlas", modelId: "atlas" },
      { entity: "pool_model", kind: "added", key: "atlas-use1|helios", poolId: "atlas-use1", modelId: "helios" },
    ]);
  });

  it("a price change names the field; an equal price within float noise is no change", () => {
    const price = {
      instanceType: "trn2.48xlarge",
      region: "us-east-1",
      onDemandUsdPerHour: 44.7,
      reservedUsdPerHour: 32.18,
      source: "price-list" as const,
      sku: "SKU1",
    };
    const current = { ...withModel, prices: [price] };
    expect(diffInventory(current, snap({ prices: [{ ...price, reservedUsdPerHour: 32.18 + 1e-12 }] }))).toEqual([]);
    expect(diffInventory(current, snap({ prices: [{ ...price, onDemandUsdPerHour: 46.1 }] }))).toEqual([
      {
        entity: "price",
        kind: "changed",
        key: "trn2.48xlarge|us-east-1",
        fields: { onDemandUsdPerHour: { before: 44.7, after: 46.1 } },
      },
    ]);
  });
});
