import { describe, expect, it } from "vitest";
import { newPoolId, resolveAwsSnapshot, type ResolveInput } from "@/lib/inventory/aws/resolve-aws-snapshot";
import type { DiscoveredInstanceType, DiscoveredPool, DiscoveredReservation } from "@/lib/inventory/types";

const trn2: DiscoveredInstanceType = {
  instanceType: "trn2.48xlarge",
  chipFamily: "trainium",
  architectures: ["x86_64"],
  vcpus: 192,
  memoryMib: 2_097_152,
  neuronDevices: 16,
  neuronCoresPerDevice: 8,
  acceleratorName: "Trainium2",
};
const inf2: DiscoveredInstanceType = {
  ...trn2,
  instanceType: "inf2.48xlarge",
  chipFamily: null,
  acceleratorName: "Inferentia2",
};
const pool = (over: Partial<DiscoveredPool>): DiscoveredPool => ({
  sourceKey: "eks/us-east-1/inference/ng-atlas",
  scope: "eks/us-east-1",
  backingKind: "eks_nodegroup",
  backingId: "ng-atlas",
  clusterName: "inference",
  region: "us-east-1",
  instanceType: "trn2.48xlarge",
  availabilityZones: ["us-east-1a"],
  minCapacity: 1,
  desiredCapacity: 8,
  maxCapacity: 16,
  modelLabels: ["atlas-70b"],
  tags: {},
  ...over,
});
const reservation = (over: Partial<DiscoveredReservation>): DiscoveredReservation => ({
  id: "cr-00000000000000001",
  scope: "ec2/us-east-1",
  instanceType: "trn2.48xlarge",
  region: "us-east-1",
  availabilityZone: "us-east-1a",
  totalInstanceCount: 4,
  availableInstanceCount: 0,
  state: "active",
  startAt: new Date("2026-06-01T00:00:00Z"),
  endAt: new Date("2027-06-01T00:00:00Z"),
  instanceMatchCriteria: "open",
  reservationType: "default",
  tags: {},
  ...over,
});
const input = (over: Partial<ResolveInput>): ResolveInput => ({
  scopes: [
    { scope: "eks/us-east-1", ok: true, apiCalls: 3, durationMs: 10 },
    { scope: "ec2/us-east-1", ok: true, apiCalls: 2, durationMs: 10 },
  ],
  pools: [pool({})],
  instanceTypes: [trn2, inf2],
  reservations: [],
  prices: [{ instanceType: "trn2.48xlarge", region: "us-east-1", onDemandUsdPerHour: 44.7, sku: "SKU-TRN2" }],
  models: [
    {
      id: "atlas-70b-chat",
      displayName: "Atlas",
      team: "a",
      kind: "llm",
      sloP95Ms: 1800,
      minServingInstances: 1,
      labelValue: "atlas-70b",
    },
  ],
  commitments: [],
  poolOverrides: [],
  effectiveRateFactor: 0.8,
  priceOverrides: [],
  capacityBlockPrices: [],
  poolIds: new Map(),
  ...over,
});

describe("resolveAwsSnapshot", () => {
  it("names a new pool from cluster and node group, maps its model by label, prices it at list × the effective rate", () => {
    const s = resolveAwsSnapshot(input({}));
    expect(s.pools.map((p) => [p.id, p.chipFamily, p.modelIds])).toEqual([
      ["inference-ng-atlas", "trainium", ["atlas-70b-chat"]],
    ]);
    expect(s.prices).toEqual([
      {
        instanceType: "trn2.48xlarge",
        region: "us-east-1",
        onDemandUsdPerHour: 44.7,
        reservedUsdPerHour: 35.76,
        source: "price-list",
        sku: "SKU-TRN2",
      },
    ]);
    expect(s.problems).toEqual([]);
  });

  it("a known pool keeps its id; a new one never takes a used id", () => {
    const known = resolveAwsSnapshot(
      input({ poolIds: new Map([["eks/us-east-1/inference/ng-atlas", "atlas-use1-a"]]) }),
    );
    expect(known.pools[0]!.id).toBe("atlas-use1-a");
    const taken = resolveAwsSnapshot(input({ poolIds: new Map([["asg/us-east-1/other", "inference-ng-atlas"]]) }));
    expect(taken.pools[0]!.id).toBe("inference-ng-atlas-us-east-1");
    expect(newPoolId(pool({ clusterName: null, backingId: "ASG_Batch.Serving" }), undefined, new Set())).toBe(
      "asg-batch-serving",
    );
  });

  it("overrides exclude a pool, give its id and its models", () => {
    const excluded = resolveAwsSnapshot(input({ poolOverrides: [{ match: "ng-atlas", exclude: true }] }));
    expect(excluded.pools).toEqual([]);
    const named = resolveAwsSnapshot(
      input({
        poolOverrides: [{ match: "eks/us-east-1/inference/ng-atlas", id: "atlas-use1", models: ["atlas-70b-chat"] }],
        pools: [pool({ modelLabels: [] })],
      }),
    );
    expect(named.pools.map((p) => [p.id, p.modelIds])).toEqual([["atlas-use1", ["atlas-70b-chat"]]]);
  });

  it("problems: unknown label, no model, unsupported chip; missing type facts keep the pool's scope stale", () => {
    const s = resolveAwsSnapshot(
      input({
        pools: [
          pool({ modelLabels: ["mystery"] }),
          pool({ sourceKey: "eks/us-east-1/inference/ng-inf", backingId: "ng-inf", instanceType: "inf2.48xlarge" }),
        ],
      }),
    );
    expect(s.problems.map((p) => [p.kind, p.subject])).toEqual([
      ["unknown_model_label", "eks/us-east-1/inference/ng-atlas"],
      ["pool_without_model", "eks/us-east-1/inference/ng-atlas"],
      ["unsupported_instance_type", "eks/us-east-1/inference/ng-inf"],
    ]);
    const noFacts = resolveAwsSnapshot(input({ instanceTypes: [] }));
    expect(noFacts.pools).toEqual([]);
    expect(noFacts.scopes[0]).toMatchObject({
      scope: "eks/us-east-1",
      ok: false,
      error: "no instance type facts for trn2.48xlarge",
    });
  });

  it("an open reservation serves the pool of its type in its AZ; a targeted one the pool its tag names; Capacity Blocks need a booked price", () => {
    const s = resolveAwsSnapshot(
      input({
        pools: [
          pool({}),
          pool({
            sourceKey: "asg/us-east-1/b",
            scope: "autoscaling/us-east-1",
            backingKind: "asg",
            backingId: "b",
            clusterName: null,
            availabilityZones: ["us-east-1b"],
          }),
        ],
        reservations: [
          reservation({}),
          reservation({ id: "cr-00000000000000002", availabilityZone: "us-east-1c" }),
          reservation({
            id: "cr-00000000000000003",
            instanceMatchCriteria: "targeted",
            availabilityZone: "us-east-1c",
            tags: { "fleet-console:pool": "b" },
          }),
          reservation({ id: "cr-00000000000000004", reservationType: "capacity-block" }),
          reservation({ id: "cr-00000000000000005", reservationType: "capacity-block", state: "scheduled" }),
          reservation({ id: "cr-00000000000000006", state: "expired" }),
        ],
        capacityBlockPrices: [{ reservationId: "cr-00000000000000005", usdPerInstanceHour: 19.2 }],
      }),
    );
    expect(s.reservations.map((r) => [r.id, r.poolId, r.usdPerInstanceHour])).toEqual([
      ["cr-00000000000000001", "inference-ng-atlas", 35.76],
      ["cr-00000000000000002", null, 35.76],
      ["cr-00000000000000003", "b", 35.76],
      ["cr-00000000000000005", "inference-ng-atlas", 19.2],
      ["cr-00000000000000006", null, 35.76],
    ]);
    expect(s.problems.map((p) => [p.kind, p.subject])).toEqual([
      ["unmatched_reservation", "cr-00000000000000002"],
      ["missing_price", "cr-00000000000000004"],
    ]);
  });

  it("a config price override wins over the Price List; a type with neither is a problem, not $0", () => {
    const s = resolveAwsSnapshot(
      input({
        pools: [
          pool({}),
          pool({
            sourceKey: "eks/us-west-2/x/ng",
            scope: "eks/us-west-2",
            region: "us-west-2",
            backingId: "ng",
            clusterName: "x",
          }),
        ],
        priceOverrides: [{ instanceType: "trn2.48xlarge", region: "us-east-1", usdPerHour: 40 }],
      }),
    );
    expect(s.prices.map((p) => [p.region, p.onDemandUsdPerHour, p.reservedUsdPerHour, p.source])).toEqual([
      ["us-east-1", 40, 40, "config"], // already net: effectiveRateFactor is for list prices only
    ]);
    expect(s.problems).toContainEqual({
      kind: "missing_price",
      subject: "trn2.48xlarge|us-west-2",
      message: "no on-demand price for trn2.48xlarge in us-west-2",
    });
  });
});
