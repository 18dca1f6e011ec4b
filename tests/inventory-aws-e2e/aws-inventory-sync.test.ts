// The AWS inventory source end to end at the wire: the real SDK clients (through AWS_ENDPOINT_URL_*)
// and the real Kubernetes client (TLS, the CA DescribeCluster gives) read a fake account of 12 pools
// in 2 regions and 2 clusters, and syncInventory writes it into real PostgreSQL. Every expectation
// below is written out by hand from the account's rules (tests/aws-standins/fake-account-fleet.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { createAwsInventorySource } from "@/lib/inventory/aws/aws-inventory-source";
import { syncInventory, type InventorySyncResult } from "@/lib/inventory/sync/sync-inventory";
import { useTestDatabase } from "../setup/test-database";
import { awsLine, kubeLines, pricingLine } from "./request-lines";
import { useFakeAccount } from "./use-fake-account";

useTestDatabase();
const account = useFakeAccount({ pools: 12, regions: 2, clusters: 2, pageLimit: 3 });
const T0 = new Date("2026-12-01T12:00:00Z");
const sync = (now: Date) =>
  syncInventory({ source: createAwsInventorySource({ configFile: account.current.configFile }), trigger: "test", now });

let first: InventorySyncResult;
let wire: ReturnType<typeof snapshotRequests>;
const snapshotRequests = () => ({
  autoscaling: account.current.requests.autoscaling,
  ec2: account.current.requests.ec2,
  pricing: account.current.requests.pricing,
  eks: [...account.current.requests.eks],
  kubernetes: account.current.requests.kubernetes,
  counts: account.current.requests.counts(),
});
beforeAll(async () => {
  first = await sync(T0);
  wire = snapshotRequests();
});

describe("first sync of an empty database", () => {
  it("stores every supported pool with its backing, chip family, type, zones, capacity and models", async () => {
    expect(first.error).toBeNull();
    const pools = await getPrisma().pool.findMany({ orderBy: { sourceKey: "asc" }, include: { models: true } });
    const row = (p: (typeof pools)[number]) =>
      [
        p.id,
        p.sourceKey,
        p.backingKind,
        p.clusterName,
        p.chipFamily,
        p.instanceType,
        p.availabilityZone,
        `${p.minCapacity}/${p.desiredCapacity}/${p.maxCapacity}`,
        p.inventoryScope,
        p.models.map((m) => m.modelId).sort(),
      ].join(" | ");
    // legacy-inf2 (Inferentia) is not tracked, batch-misc is excluded by the config, web-frontend
    // lacks the fleet tag, eks-ng-* groups belong to node groups, sandbox is not a configured cluster.
    expect(pools.map(row)).toEqual([
      "asg-0000 | asg/us-east-1/asg-0000 | asg |  | trainium | trn2.48xlarge | us-east-1a,us-east-1b | 1/2/6 | autoscaling/us-east-1 | atlas-70b",
      "asg-0006 | asg/us-east-1/asg-0006 | asg |  | graviton | c7g.16xlarge | us-east-1a,us-east-1c | 0/0/6 | autoscaling/us-east-1 | iris-vl-7b",
      "asg-0003 | asg/us-west-2/asg-0003 | asg |  | graviton | m7g.8xlarge | us-west-2b,us-west-2c | 1/2/6 | autoscaling/us-west-2 | rank-xl",
      "asg-0009 | asg/us-west-2/asg-0009 | asg |  | trainium | trn1.32xlarge | us-west-2a,us-west-2b | 1/2/6 | autoscaling/us-west-2 | helios-405b",
      "atlas-ng-first | eks/us-east-1/ml-01/ng-0001 | eks_nodegroup | ml-01 | trainium | trn1.32xlarge | us-east-1a,us-east-1b | 1/2/5 | eks/us-east-1/ml-01 | helios-405b",
      "ml-01-ng-0007 | eks/us-east-1/ml-01/ng-0007 | eks_nodegroup | ml-01 | graviton | m7g.8xlarge | us-east-1a,us-east-1b | 1/2/5 | eks/us-east-1/ml-01 | rank-xl",
      // Only their launch templates name these two types: read from their nodes' labels.
      "ml-02-ng-0004 | eks/us-west-2/ml-02/ng-0004 | eks_nodegroup | ml-02 | trainium | trn2.48xlarge | us-west-2a,us-west-2b | 1/2/5 | eks/us-west-2/ml-02 | atlas-70b",
      "ml-02-ng-0010 | eks/us-west-2/ml-02/ng-0010 | eks_nodegroup | ml-02 | graviton | c7g.16xlarge | us-west-2a,us-west-2b | 1/2/5 | eks/us-west-2/ml-02 | iris-vl-7b",
      // The config names np-0002's models (its pods say iris-vl-7b only).
      "ml-01-np-0002 | karpenter/us-east-1/ml-01/np-0002 | karpenter_nodepool | ml-01 | graviton | c7g.16xlarge | us-east-1c | 0/2/10 | karpenter/us-east-1/ml-01 | atlas-70b,iris-vl-7b",
      "ml-01-np-0008 | karpenter/us-east-1/ml-01/np-0008 | karpenter_nodepool | ml-01 | trainium | trn2.48xlarge | us-east-1b | 0/2/10 | karpenter/us-east-1/ml-01 | atlas-70b",
      // No type or zone requirement, no node limit: type and zones from its 3 NodeClaims, max = desired.
      "ml-02-np-0005 | karpenter/us-west-2/ml-02/np-0005 | karpenter_nodepool | ml-02 | trainium | trn1.32xlarge | us-west-2a,us-west-2b | 0/3/3 | karpenter/us-west-2/ml-02 | helios-405b",
      "ml-02-np-0011 | karpenter/us-west-2/ml-02/np-0011 | karpenter_nodepool | ml-02 | graviton | m7g.8xlarge | us-west-2a,us-west-2b | 0/3/3 | karpenter/us-west-2/ml-02 | rank-xl",
      "ml-02-np-experimental | karpenter/us-west-2/ml-02/np-experimental | karpenter_nodepool | ml-02 | trainium | trn1.32xlarge | us-west-2c | 0/2/10 | karpenter/us-west-2/ml-02 | ",
    ]);
  });

  it("stores the config's models and commitment", async () => {
    const prisma = getPrisma();
    const models = await prisma.model.findMany({ orderBy: { id: "asc" } });
    expect(models.map((m) => [m.id, m.kind, m.team, m.sloP95Ms, m.minServingInstances, m.labelValue])).toEqual([
      ["atlas-70b", "llm", "team-0", 500, 1, "atlas-70b-chat"],
      ["helios-405b", "llm", "team-1", 600, 2, null],
      ["iris-vl-7b", "vlm", "team-2", 700, 3, null],
      ["rank-xl", "ranking", "team-0", 800, 4, null],
    ]);
    expect(await prisma.commitment.findMany()).toEqual([
      {
        id: "compute-2026-2029",
        name: "AI compute commitment 2026–2029",
        totalUsd: 12_000_000,
        startAt: new Date("2026-01-01T00:00:00Z"),
        endAt: new Date("2030-01-01T00:00:00Z"),
        priorSpendUsd: 1_250_000.5,
        yearlyPlanUsd: null,
        takeOrPay: false,
      },
    ]);
  });

  it("matches reservations to pools (open by zone, targeted by tag) and prices them", async () => {
    const reservations = await getPrisma().capacityReservation.findMany({ orderBy: { id: "asc" } });
    const row = (r: (typeof reservations)[number]) =>
      [
        r.id,
        r.instanceType,
        r.availabilityZone,
        `${r.availableInstanceCount}/${r.instanceCount}`,
        r.reservationType,
        r.instanceMatchCriteria,
        r.state,
        r.poolId,
        r.usdPerInstanceHour,
        r.endAt?.toISOString() ?? "unlimited",
        r.retiredAt?.toISOString() ?? "live",
      ].join(" | ");
    expect(reservations.map(row)).toEqual([
      "cr-00000000000a00000 | trn2.48xlarge | us-east-1a | 1/4 | default | open | active | asg-0000 | 32.18472 | unlimited | live",
      "cr-00000000000a00001 | c7g.16xlarge | us-east-1c | 0/2 | default | targeted | active | ml-01-np-0002 | 1.6704 | 2027-10-01T11:30:00.000Z | live",
      // The Capacity Block names its pool by id, and costs what the config says it was booked at.
      "cr-00000000000a00004 | trn2.48xlarge | us-east-1a | 0/4 | capacity-block | targeted | active | asg-0000 | 19.2 | 2026-12-04T11:30:00.000Z | live",
      "cr-00000000000a00005 | trn1.32xlarge | us-east-1d | 1/4 | default | open | active |  | 15.48 | unlimited | live",
      // Expired before Fleet Console first saw it: stored as history, retired at once.
      `cr-00000000000a00006 | c7g.16xlarge | us-east-1a | 1/4 | default | open | expired |  | 1.6704 | 2025-07-01T00:00:00.000Z | ${T0.toISOString()}`,
      // Meant for asg-0003 (us-west-2b, 2 instances), but np-0011 runs the same type in that zone with more: it wins.
      "cr-00000000001400002 | m7g.8xlarge | us-west-2b | 1/4 | default | open | active | ml-02-np-0011 | 1.034064 | unlimited | live",
      "cr-00000000001400003 | trn1.32xlarge | us-west-2a | 0/2 | default | targeted | active | ml-02-np-0005 | 17.028 | 2027-10-01T11:30:00.000Z | live",
    ]);
  });

  it("stores list prices × 0.72 (effectiveRateFactor) and the config's override as it is", async () => {
    const prices = await getPrisma().instancePrice.findMany({ orderBy: [{ region: "asc" }, { instanceType: "asc" }] });
    expect(
      prices.map((p) => [p.region, p.instanceType, p.onDemandUsdPerHour, p.reservedUsdPerHour, p.source, p.sku]),
    ).toEqual([
      ["us-east-1", "c7g.16xlarge", 2.32, 1.6704, "price-list", "SKU0c7g16xlarge"],
      ["us-east-1", "m7g.8xlarge", 1.3056, 0.940032, "price-list", "SKU0m7g8xlarge"],
      ["us-east-1", "trn1.32xlarge", 21.5, 15.48, "price-list", "SKU0trn132xlarge"],
      ["us-east-1", "trn2.48xlarge", 44.701, 32.18472, "price-list", "SKU0trn248xlarge"],
      ["us-west-2", "c7g.16xlarge", 2.552, 1.83744, "price-list", "SKU1c7g16xlarge"],
      ["us-west-2", "m7g.8xlarge", 1.4362, 1.034064, "price-list", "SKU1m7g8xlarge"],
      ["us-west-2", "trn1.32xlarge", 23.65, 17.028, "price-list", "SKU1trn132xlarge"],
      // A negotiated rate is what is paid: the discount does not apply to it again.
      ["us-west-2", "trn2.48xlarge", 29.1, 29.1, "config", null],
    ]);
    expect(prices.every((p) => p.readAt?.getTime() === T0.getTime())).toBe(true);
    const types = await getPrisma().instanceTypeInfo.findMany({ orderBy: { instanceType: "asc" } });
    expect(types.map((t) => [t.instanceType, t.chipFamily, t.acceleratorName, t.neuronDevices])).toEqual([
      ["c7g.16xlarge", "graviton", null, 0],
      ["inf2.48xlarge", null, "Inferentia2", 12],
      ["m7g.8xlarge", "graviton", null, 0],
      ["trn1.32xlarge", "trainium", "Trainium", 16],
      ["trn2.48xlarge", "trainium", "Trainium2", 16],
    ]);
  });

  it("reports what needs a person", () => {
    expect(first.problems).toEqual([
      {
        kind: "unsupported_instance_type",
        subject: "asg/us-east-1/legacy-inf2",
        message:
          "asg/us-east-1/legacy-inf2 runs inf2.48xlarge (Inferentia2), neither Trainium nor Graviton: not tracked",
      },
      {
        kind: "unknown_model_label",
        subject: "karpenter/us-west-2/ml-02/np-experimental",
        message: 'ml-02-np-experimental serves model label "qwen-32b", which no model in the fleet config declares',
      },
      {
        kind: "pool_without_model",
        subject: "karpenter/us-west-2/ml-02/np-experimental",
        message: "ml-02-np-experimental serves no declared model",
      },
      {
        kind: "unmatched_reservation",
        subject: "cr-00000000000a00005",
        message: "cr-00000000000a00005 (4 × trn1.32xlarge in us-east-1d, open) matches no pool",
      },
    ]);
  });

  it("records each scope with the requests it sent, retries and pages included", async () => {
    const scopes = await getPrisma().inventoryScopeState.findMany({ orderBy: { scope: "asc" } });
    expect(scopes.map((s) => [s.scope, s.ok, s.apiCalls, s.error, s.lastSuccessAt])).toEqual([
      ["autoscaling/us-east-1", true, 3, null, T0], // 6 tagged groups at 3 a page + asg-0006's launch template
      ["autoscaling/us-west-2", true, 2, null, T0],
      ["ec2/us-east-1", true, 4, null, T0], // 5 types, 5 reservations: 2 pages each
      ["ec2/us-west-2", true, 3, null, T0],
      ["eks/us-east-1", true, 4, null, T0], // ListClusters, ListNodegroups, 2 × DescribeNodegroup
      ["eks/us-east-1/ml-01", true, 0, null, T0],
      ["eks/us-west-2", true, 4, null, T0],
      ["eks/us-west-2/ml-02", true, 0, null, T0],
      // DescribeCluster + NodePools 1 page, NodeClaims 2, nodes 3, live pods 6.
      ["karpenter/us-east-1/ml-01", true, 13, null, T0],
      // DescribeCluster + NodePools 1, NodeClaims 3, nodes 4, live pods 8.
      ["karpenter/us-west-2/ml-02", true, 17, null, T0],
      ["pricing", true, 9, null, T0], // 5 types in us-east-1, 4 in us-west-2
    ]);
    expect(first.apiCalls).toBe(59);
    expect(wire.counts).toEqual({ autoscaling: 4, ec2: 8, pricing: 9, eks: 10, kubernetes: 28 });
  });

  it("writes one audit row per change, in the same transaction as the run", async () => {
    const prisma = getPrisma();
    const audit = await prisma.auditEvent.findMany({ where: { actor: "inventory-sync" } });
    const byAction = audit.reduce<Record<string, number>>((n, a) => ({ ...n, [a.action]: (n[a.action] ?? 0) + 1 }), {});
    expect(byAction).toEqual({
      "inventory.model.declared": 4,
      "inventory.commitment.declared": 1,
      "inventory.pool.discovered": 13,
      "inventory.pool_model.mapped": 13,
      "inventory.reservation.discovered": 7,
      "inventory.reservation.expired": 1,
      "inventory.price.discovered": 8,
    });
    expect(first.changes).toHaveLength(47);
    const run = await prisma.inventorySyncRun.findFirstOrThrow();
    expect(run).toMatchObject({ source: "aws", trigger: "test", apiCalls: 59, changes: 47, error: null });
  });
});

describe("the requests of the first sync", () => {
  it("Auto Scaling: one tag-filtered listing per region, followed page by page", () => {
    const filter = "Filters.member.1.Name=tag:fleet-console/pool&Filters.member.1.Values.member.1=serving";
    const lines = wire.autoscaling.map(awsLine).sort();
    // page-Mw: the stand-in's token for offset 3.
    expect(lines).toEqual([
      `us-east-1 DescribeAutoScalingGroups ${filter}&MaxRecords=100`,
      `us-east-1 DescribeAutoScalingGroups ${filter}&MaxRecords=100&NextToken=page-Mw`,
      `us-west-2 DescribeAutoScalingGroups ${filter}&MaxRecords=100`,
      `us-west-2 DescribeAutoScalingGroups ${filter}&MaxRecords=100&NextToken=page-Mw`,
    ]);
  });

  it("EC2: the scaled-to-zero group's template, then each region's types and reservations, in order", () => {
    const of = (region: string) => wire.ec2.filter((r) => r.region === region).map(awsLine);
    const east =
      "InstanceType.1=c7g.16xlarge&InstanceType.2=inf2.48xlarge&InstanceType.3=m7g.8xlarge&InstanceType.4=trn1.32xlarge&InstanceType.5=trn2.48xlarge";
    const west =
      "InstanceType.1=c7g.16xlarge&InstanceType.2=m7g.8xlarge&InstanceType.3=trn1.32xlarge&InstanceType.4=trn2.48xlarge";
    expect(of("us-east-1")).toEqual([
      "us-east-1 DescribeLaunchTemplateVersions LaunchTemplateId=lt-6173672d303030360&LaunchTemplateVersion.1=$Default",
      `us-east-1 DescribeInstanceTypes ${east}&MaxResults=100`,
      `us-east-1 DescribeInstanceTypes ${east}&MaxResults=100&NextToken=page-Mw`,
      "us-east-1 DescribeCapacityReservations MaxResults=1000",
      "us-east-1 DescribeCapacityReservations MaxResults=1000&NextToken=page-Mw",
    ]);
    expect(of("us-west-2")).toEqual([
      `us-west-2 DescribeInstanceTypes ${west}&MaxResults=100`,
      `us-west-2 DescribeInstanceTypes ${west}&MaxResults=100&NextToken=page-Mw`,
      "us-west-2 DescribeCapacityReservations MaxResults=1000",
    ]);
  });

  it("Price List: one Linux shared on-demand query per type and region, all in us-east-1", () => {
    expect(wire.pricing.map(pricingLine).sort()).toEqual([
      "us-east-1 GetProducts c7g.16xlarge in us-east-1",
      "us-east-1 GetProducts c7g.16xlarge in us-west-2",
      "us-east-1 GetProducts inf2.48xlarge in us-east-1",
      "us-east-1 GetProducts m7g.8xlarge in us-east-1",
      "us-east-1 GetProducts m7g.8xlarge in us-west-2",
      "us-east-1 GetProducts trn1.32xlarge in us-east-1",
      "us-east-1 GetProducts trn1.32xlarge in us-west-2",
      "us-east-1 GetProducts trn2.48xlarge in us-east-1",
      "us-east-1 GetProducts trn2.48xlarge in us-west-2",
    ]);
    expect(wire.pricing[0]!.params).toMatchObject({
      ServiceCode: "AmazonEC2",
      FormatVersion: "aws_v1",
      MaxResults: 100,
      Filters: expect.arrayContaining([
        { Type: "TERM_MATCH", Field: "operatingSystem", Value: "Linux" },
        { Type: "TERM_MATCH", Field: "tenancy", Value: "Shared" },
        { Type: "TERM_MATCH", Field: "preInstalledSw", Value: "NA" },
        { Type: "TERM_MATCH", Field: "capacitystatus", Value: "Used" },
      ]),
    });
  });

  it("EKS: clusters, the configured clusters' node groups and each described, then DescribeCluster", () => {
    const of = (region: string) =>
      wire.eks
        .filter((r) => r.region === region)
        .map((r) => `${r.path}${r.query.maxResults ? `?maxResults=${r.query.maxResults}` : ""}`);
    // Node groups are described a few at a time: their order on the wire may vary.
    const inOrder = (lines: string[]) => [...lines.slice(0, 2), ...lines.slice(2, -1).sort(), ...lines.slice(-1)];
    expect(inOrder(of("us-east-1"))).toEqual([
      "/clusters?maxResults=100",
      "/clusters/ml-01/node-groups?maxResults=100",
      "/clusters/ml-01/node-groups/ng-0001",
      "/clusters/ml-01/node-groups/ng-0007",
      "/clusters/ml-01",
    ]);
    expect(inOrder(of("us-west-2"))).toEqual([
      "/clusters?maxResults=100",
      "/clusters/ml-02/node-groups?maxResults=100",
      "/clusters/ml-02/node-groups/ng-0004",
      "/clusters/ml-02/node-groups/ng-0010",
      "/clusters/ml-02",
    ]);
  });

  it("Kubernetes: every list paged with continue tokens, finished pods filtered on the server", () => {
    const live = "fieldSelector=status.phase!=Succeeded,status.phase!=Failed";
    const token = (offset: number) => `continue=${Buffer.from(`offset:${offset}`).toString("base64url")}&`;
    const pages = (path: string, offsets: number[], extra = "") =>
      offsets.map((o) => `${path}?${o ? token(o) : ""}${extra}limit=500`);
    expect(kubeLines(wire.kubernetes, "ml-01")).toEqual([
      ...pages("/api/v1/nodes", [0, 3, 6]),
      ...pages("/api/v1/pods", [0, 3, 6, 9, 12, 15], `${live}&`),
      ...pages("/apis/karpenter.sh/v1/nodeclaims", [0, 3]),
      ...pages("/apis/karpenter.sh/v1/nodepools", [0]),
    ]);
    expect(kubeLines(wire.kubernetes, "ml-02")).toEqual([
      ...pages("/api/v1/nodes", [0, 3, 6, 9]),
      ...pages("/api/v1/pods", [0, 3, 6, 9, 12, 15, 18, 21], `${live}&`),
      ...pages("/apis/karpenter.sh/v1/nodeclaims", [0, 3, 6]),
      ...pages("/apis/karpenter.sh/v1/nodepools", [0]),
    ]);
    expect(wire.kubernetes.every((r) => /^Bearer k8s-aws-v1\./.test(String(r.headers.authorization)))).toBe(true);
  });
});

describe("a second sync with nothing changed", () => {
  it("changes nothing, writes no audit row, and sends the same requests but DescribeCluster (cached)", async () => {
    account.current.requests.clear();
    const auditBefore = await getPrisma().auditEvent.count();
    const second = await sync(new Date(T0.getTime() + 300_000));
    expect(second.error).toBeNull();
    expect(second.changes).toEqual([]);
    expect(second.failedScopes).toEqual([]);
    expect(await getPrisma().auditEvent.count()).toBe(auditBefore);
    expect(account.current.requests.counts()).toEqual({ autoscaling: 4, ec2: 8, pricing: 9, eks: 8, kubernetes: 28 });
    expect(second.apiCalls).toBe(57);
  });
});
