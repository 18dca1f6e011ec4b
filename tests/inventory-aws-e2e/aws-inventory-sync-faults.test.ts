// The AWS inventory source end to end when the account misbehaves or changes: throttling retried
// and counted, a region refusing access, a cluster whose Kubernetes API fails (their pools kept,
// stale, never retired), then an ASG removed and a node group scaled (exactly those changes).
// Same fake account as aws-inventory-sync.test.ts: 12 pools in 2 regions and 2 clusters.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { createAwsInventorySource } from "@/lib/inventory/aws/aws-inventory-source";
import { syncInventory } from "@/lib/inventory/sync/sync-inventory";
import { useTestDatabase } from "../setup/test-database";
import { useFakeAccount } from "./use-fake-account";

useTestDatabase();
const account = useFakeAccount({ pools: 12, regions: 2, clusters: 2, pageLimit: 3 });
const T0 = new Date("2026-12-01T12:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const sync = (now: Date) =>
  syncInventory({ source: createAwsInventorySource({ configFile: account.current.configFile }), trigger: "test", now });
const scopeRows = async () =>
  Object.fromEntries(
    (await getPrisma().inventoryScopeState.findMany()).map((s) => [
      s.scope,
      { ok: s.ok, apiCalls: s.apiCalls, error: s.error, lastSuccessAt: s.lastSuccessAt },
    ]),
  );
const livePools = async (where: { region?: string; clusterName?: string }) =>
  (await getPrisma().pool.findMany({ where: { ...where, retiredAt: null }, orderBy: { id: "asc" } })).map((p) => p.id);

/** Requests per scope of a sync of this account with nothing wrong (DescribeCluster cached). */
const BASELINE = {
  "autoscaling/us-east-1": 3,
  "autoscaling/us-west-2": 2,
  "ec2/us-east-1": 4,
  "ec2/us-west-2": 3,
  "eks/us-east-1": 4,
  "eks/us-west-2": 4,
  "karpenter/us-east-1/ml-01": 12,
  "karpenter/us-west-2/ml-02": 16,
  pricing: 9,
};

beforeAll(async () => {
  expect((await sync(T0)).error).toBeNull();
});
beforeEach(() => {
  account.current.faults.clear();
  account.current.requests.clear();
});

describe("throttling", () => {
  it("is retried, and each retry counts in its scope's requests", async () => {
    const { faults, requests } = account.current;
    faults.throttle("autoscaling", "DescribeAutoScalingGroups", 1);
    faults.throttle("ec2", "DescribeCapacityReservations", 1);
    faults.throttle("pricing", "GetProducts", 1);
    faults.throttle("eks", "ListNodegroups", 1);

    const result = await sync(minutes(5));

    expect(result.failedScopes).toEqual([]);
    expect(result.changes).toEqual([]);
    const throttled = [...requests.autoscaling, ...requests.ec2, ...requests.pricing].filter(
      (r) => r.outcome === "throttled",
    );
    expect(throttled.map((r) => `${r.service} ${r.action}`).sort()).toEqual([
      "autoscaling DescribeAutoScalingGroups",
      "ec2 DescribeCapacityReservations",
      "pricing GetProducts",
    ]);
    const eksRetry = requests.eks.filter((r) => r.attempt?.startsWith("attempt=2"));
    expect(eksRetry.map((r) => r.path)).toHaveLength(1);
    // Which region met the throttle depends on which asked first: that region's scope paid one more.
    const region = (service: string) => throttled.find((r) => r.service === service)!.region;
    const expected: Record<string, number> = { ...BASELINE, pricing: BASELINE.pricing + 1 };
    expected[`autoscaling/${region("autoscaling")}`]! += 1;
    expected[`ec2/${region("ec2")}`]! += 1;
    expected[`eks/${eksRetry[0]!.region}`]! += 1;
    const rows = await scopeRows();
    for (const [scope, apiCalls] of Object.entries(expected))
      expect([scope, rows[scope]!.apiCalls]).toEqual([scope, apiCalls]);
    expect(result.apiCalls).toBe(Object.values(BASELINE).reduce((a, b) => a + b, 0) + 4);
  });
});

describe("a region that refuses access", () => {
  it("keeps its pools and reservations (not retired), records its scopes failed with AWS's words, syncs the rest", async () => {
    account.current.faults.failRegion("us-west-2");
    const before = await livePools({ region: "us-west-2" });

    const result = await sync(minutes(10));

    expect(result.error).toBeNull();
    expect(result.changes).toEqual([]);
    expect(result.failedScopes).toEqual([
      "autoscaling/us-west-2",
      "ec2/us-west-2",
      "eks/us-west-2",
      "eks/us-west-2/ml-02",
      "karpenter/us-west-2/ml-02",
    ]);
    expect(before).toEqual([
      "asg-0003",
      "asg-0009",
      "ml-02-ng-0004",
      "ml-02-ng-0010",
      "ml-02-np-0005",
      "ml-02-np-0011",
      "ml-02-np-experimental",
    ]);
    expect(await livePools({ region: "us-west-2" })).toEqual(before);
    expect(await getPrisma().capacityReservation.count({ where: { region: "us-west-2", retiredAt: null } })).toBe(2);

    const eksDenied =
      "EKS AccessDeniedException: User: arn:aws:iam::123456789012:user/fleet-console is not authorized to perform: eks:ListClusters on resource: arn:aws:eks:us-west-2:123456789012:cluster/*";
    const stale = { ok: false, lastSuccessAt: minutes(5) };
    const rows = await scopeRows();
    expect(rows["autoscaling/us-west-2"]).toEqual({
      ...stale,
      apiCalls: 1,
      error:
        "Auto Scaling AccessDenied: User: arn:aws:iam::123456789012:user/fleet-console is not authorized to perform: autoscaling:DescribeAutoScalingGroups because no identity-based policy allows the autoscaling:DescribeAutoScalingGroups action",
    });
    expect(rows["ec2/us-west-2"]).toEqual({
      ...stale,
      apiCalls: 1,
      error: "EC2 UnauthorizedOperation: You are not authorized to perform this operation.",
    });
    expect(rows["eks/us-west-2"]).toEqual({ ...stale, apiCalls: 1, error: eksDenied });
    expect(rows["eks/us-west-2/ml-02"]).toEqual({ ...stale, apiCalls: 0, error: eksDenied });
    expect(rows["karpenter/us-west-2/ml-02"]).toEqual({ ...stale, apiCalls: 0, error: eksDenied });
    for (const scope of [
      "autoscaling/us-east-1",
      "ec2/us-east-1",
      "eks/us-east-1",
      "karpenter/us-east-1/ml-01",
      "pricing",
    ])
      expect([scope, rows[scope]!.ok, rows[scope]!.lastSuccessAt]).toEqual([scope, true, minutes(10)]);
    expect(result.problems.filter((p) => p.kind === "scope_failed").map((p) => p.subject)).toEqual(result.failedScopes);
  });
});

describe("a cluster whose Kubernetes API fails", () => {
  it("keeps its node groups and NodePools, stale, with their reservations; the other cluster syncs", async () => {
    account.current.faults.failCluster("ml-01", 403);
    const before = await livePools({ clusterName: "ml-01" });

    const result = await sync(minutes(15));

    expect(result.failedScopes).toEqual(["eks/us-east-1/ml-01", "karpenter/us-east-1/ml-01"]);
    expect(result.changes).toEqual([]);
    expect(before).toEqual(["atlas-ng-first", "ml-01-ng-0007", "ml-01-np-0002", "ml-01-np-0008"]);
    expect(await livePools({ clusterName: "ml-01" })).toEqual(before);
    // Its targeted reservation still names its NodePool, though the NodePool was not seen this time.
    const targeted = await getPrisma().capacityReservation.findUniqueOrThrow({ where: { id: "cr-00000000000a00001" } });
    expect(targeted.poolId).toBe("ml-01-np-0002");
    // Only the reservation no pool ever matched (us-east-1d) is reported unmatched.
    const unmatched = result.problems.filter((p) => p.kind === "unmatched_reservation").map((p) => p.subject);
    expect(unmatched).toEqual(["cr-00000000000a00005"]);

    const forbidden = "Kubernetes 403 Forbidden: fake API server of ml-01 answers 403 on request";
    const rows = await scopeRows();
    // The first page of nodes and of NodePools, both refused.
    expect(rows["karpenter/us-east-1/ml-01"]).toEqual({
      ok: false,
      apiCalls: 2,
      error: forbidden,
      lastSuccessAt: minutes(10),
    });
    expect(rows["eks/us-east-1/ml-01"]).toEqual({
      ok: false,
      apiCalls: 0,
      error: `node group facts need the cluster's nodes: ${forbidden}`,
      lastSuccessAt: minutes(10),
    });
    expect(rows["karpenter/us-west-2/ml-02"]).toMatchObject({ ok: true, lastSuccessAt: minutes(15) });
  });
});

describe("a change in the account", () => {
  it("an ASG removed and a node group scaled: exactly one retired and one changed, each audited", async () => {
    const { aws, eks } = account.current.state;
    const east = aws.regions["us-east-1"]!;
    east.asgs = east.asgs.filter((g) => g.name !== "asg-0006");
    const ng = eks.regions["us-east-1"]!.clusters.find((c) => c.name === "ml-01")!.nodegroups.find(
      (n) => n.name === "ng-0007",
    )!;
    ng.scaling = { ...ng.scaling, desired: 3 };
    const auditBefore = await getPrisma().auditEvent.count();

    const result = await sync(minutes(20));

    expect(result.failedScopes).toEqual([]);
    expect(result.changes).toEqual([
      {
        entity: "pool",
        kind: "changed",
        key: "ml-01-ng-0007",
        poolId: "ml-01-ng-0007",
        fields: { desiredCapacity: { before: 2, after: 3 } },
      },
      { entity: "pool", kind: "retired", key: "asg-0006", poolId: "asg-0006" },
    ]);
    const prisma = getPrisma();
    const retired = await prisma.pool.findUniqueOrThrow({ where: { id: "asg-0006" }, include: { models: true } });
    expect(retired.retiredAt).toEqual(minutes(20));
    expect(retired.models.map((m) => m.modelId)).toEqual(["iris-vl-7b"]); // history keeps its mapping
    expect(await prisma.pool.findUniqueOrThrow({ where: { id: "ml-01-ng-0007" } })).toMatchObject({
      minCapacity: 1,
      desiredCapacity: 3,
      maxCapacity: 5,
      retiredAt: null,
    });
    const audit = await prisma.auditEvent.findMany({
      where: { id: { gt: BigInt(0) } },
      orderBy: { id: "asc" },
      skip: auditBefore,
    });
    expect(audit.map((a) => [a.actor, a.actorRole, a.action, a.poolId, a.outcome, a.params])).toEqual([
      [
        "inventory-sync",
        "system",
        "inventory.pool.changed",
        "ml-01-ng-0007",
        "succeeded",
        { key: "ml-01-ng-0007", source: "aws", trigger: "test", fields: { desiredCapacity: { before: 2, after: 3 } } },
      ],
      [
        "inventory-sync",
        "system",
        "inventory.pool.retired",
        "asg-0006",
        "succeeded",
        { key: "asg-0006", source: "aws", trigger: "test" },
      ],
    ]);
    const run = await prisma.inventorySyncRun.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(run).toMatchObject({ changes: 2, error: null, startedAt: minutes(20) });
  });
});
