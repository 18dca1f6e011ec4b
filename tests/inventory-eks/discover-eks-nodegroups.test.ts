// EKS managed node groups through the real EKSClient (shared per region, standard retries) talking
// REST-JSON to the stand-in: exact requests, pagination, retries on throttling, failures.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { discoverEksNodegroups } from "@/lib/inventory/aws/discover-eks-nodegroups";
import { formatDiscoveryError } from "@/lib/inventory/kubernetes/format-discovery-error";
import { type FakeEks, type FakeNodegroup, generateEksFleet, startFakeEks } from "../aws-standins/fake-eks";
import { useFakeAwsEnv } from "./fake-aws-env";

let eks: FakeEks;
let restoreEnv: () => void;
beforeAll(async () => {
  eks = await startFakeEks({ regions: {} });
  restoreEnv = useFakeAwsEnv(eks.url);
});
afterAll(async () => {
  restoreEnv();
  await eks.close();
});
beforeEach(() => {
  eks.requests.length = 0;
  eks.clearFaults();
  eks.state.pageLimit = undefined;
});

const ng = (name: string, type: string | null, desired: number, extra: Partial<FakeNodegroup> = {}): FakeNodegroup => ({
  name,
  instanceTypes: type ? [type, "trn1.32xlarge"] : null,
  scaling: { min: 1, desired, max: desired + 3 },
  tags: { team: "inference" },
  ...extra,
});

describe("discoverEksNodegroups", () => {
  it("lists every cluster and node group page by page and describes each node group", async () => {
    eks.state.pageLimit = 3; // the server returns fewer than asked, as AWS may
    eks.state.regions["us-west-2"] = {
      clusters: [
        {
          name: "trn-prod",
          nodegroups: [
            ng("ng-a", "trn2.48xlarge", 4),
            ng("ng-b", "trn2.48xlarge", 2),
            ng("ng-c", "trn1.32xlarge", 0),
            ng("ng-d", "c8g.4xlarge", 3),
            ng("ng-e", "trn2.48xlarge", 1, { status: "DELETING" }),
            ng("ng-f", null, 2, { launchTemplate: { id: "lt-0abc", name: "trn2-efa", version: "7" } }),
            ng("ng-g", "m8g.2xlarge", 5, { status: "DEGRADED" }),
          ],
        },
        { name: "graviton-batch", nodegroups: [] },
      ],
    };

    const found = await discoverEksNodegroups({ region: "us-west-2" });

    expect(found.clusters).toEqual([
      { name: "trn-prod", region: "us-west-2" },
      { name: "graviton-batch", region: "us-west-2" },
    ]);
    expect(
      found.pools.map((p) => [p.sourceKey, p.instanceType, p.minCapacity, p.desiredCapacity, p.maxCapacity]),
    ).toEqual([
      ["eks/us-west-2/trn-prod/ng-a", "trn2.48xlarge", 1, 4, 7],
      ["eks/us-west-2/trn-prod/ng-b", "trn2.48xlarge", 1, 2, 5],
      ["eks/us-west-2/trn-prod/ng-c", "trn1.32xlarge", 1, 0, 3],
      ["eks/us-west-2/trn-prod/ng-d", "c8g.4xlarge", 1, 3, 6],
      ["eks/us-west-2/trn-prod/ng-g", "m8g.2xlarge", 1, 5, 8],
    ]);
    expect(found.pools[0]).toEqual({
      sourceKey: "eks/us-west-2/trn-prod/ng-a",
      scope: "eks/us-west-2",
      backingKind: "eks_nodegroup",
      backingId: "ng-a",
      clusterName: "trn-prod",
      region: "us-west-2",
      instanceType: "trn2.48xlarge",
      availabilityZones: [],
      minCapacity: 1,
      desiredCapacity: 4,
      maxCapacity: 7,
      modelLabels: [],
      tags: { team: "inference" },
    });
    expect(found.unresolved.map((p) => [p.sourceKey, p.launchTemplate])).toEqual([
      ["eks/us-west-2/trn-prod/ng-f", "trn2-efa version 7"],
    ]);
    expect(found.skipped).toEqual([
      { sourceKey: "eks/us-west-2/trn-prod/ng-e", reason: "node group ng-e is being deleted" },
    ]);

    const describes = ["a", "b", "c", "d", "e", "f", "g"].map(
      (x) => `us-west-2 GET /clusters/trn-prod/node-groups/ng-${x}`,
    );
    const log = eks.log();
    expect(log.slice(0, 5)).toEqual([
      "us-west-2 GET /clusters?maxResults=100",
      "us-west-2 GET /clusters/trn-prod/node-groups?maxResults=100",
      `us-west-2 GET /clusters/trn-prod/node-groups?maxResults=100&nextToken=${token(3)}`,
      `us-west-2 GET /clusters/trn-prod/node-groups?maxResults=100&nextToken=${token(6)}`,
      "us-west-2 GET /clusters/graviton-batch/node-groups?maxResults=100",
    ]);
    // Describes run five at a time, so their order on the wire may vary; each is sent once.
    expect(log.slice(5).sort()).toEqual(describes);
    expect(found.apiCalls).toBe(12);
  });

  it("keeps only the named clusters and says which were not found", async () => {
    eks.state.regions["eu-central-1"] = {
      clusters: [
        { name: "a", nodegroups: [ng("ng-1", "trn1.2xlarge", 1)] },
        { name: "b", nodegroups: [ng("ng-2", "trn1.2xlarge", 1)] },
      ],
    };

    const found = await discoverEksNodegroups({ region: "eu-central-1", clusterNames: ["b", "zz"] });

    expect(found.clusters).toEqual([{ name: "b", region: "eu-central-1" }]);
    expect(found.pools.map((p) => p.sourceKey)).toEqual(["eks/eu-central-1/b/ng-2"]);
    expect(found.skipped).toEqual([{ sourceKey: "eks/eu-central-1/zz", reason: "cluster zz not found" }]);
    expect(eks.log()).toEqual([
      "eu-central-1 GET /clusters?maxResults=100",
      "eu-central-1 GET /clusters/b/node-groups?maxResults=100",
      "eu-central-1 GET /clusters/b/node-groups/ng-2",
    ]);
  });

  it("retries throttled requests and counts every attempt", async () => {
    eks.state.regions["ap-south-1"] = { clusters: [{ name: "c", nodegroups: [ng("ng-1", "trn1.32xlarge", 2)] }] };
    eks.throttleNext(2, (r) => r.path === "/clusters");

    const found = await discoverEksNodegroups({ region: "ap-south-1" });

    expect(found.pools.map((p) => p.sourceKey)).toEqual(["eks/ap-south-1/c/ng-1"]);
    expect(eks.log()).toEqual([
      "ap-south-1 GET /clusters?maxResults=100",
      "ap-south-1 GET /clusters?maxResults=100 (attempt=2; max=3)",
      "ap-south-1 GET /clusters?maxResults=100 (attempt=3; max=3)",
      "ap-south-1 GET /clusters/c/node-groups?maxResults=100",
      "ap-south-1 GET /clusters/c/node-groups/ng-1",
    ]);
    expect(found.apiCalls).toBe(5);
  });

  it("fails the region when throttling outlasts the retries, with the attempts counted", async () => {
    eks.state.regions["ap-south-1"] = { clusters: [{ name: "c", nodegroups: [ng("ng-1", "trn1.32xlarge", 2)] }] };
    eks.throttleNext(3, (r) => r.path === "/clusters/c/node-groups");
    const counter = { apiCalls: 0 };

    const error = await discoverEksNodegroups({ region: "ap-south-1", counter }).catch((e: unknown) => e);

    expect(formatDiscoveryError(error)).toBe("EKS ThrottlingException: Rate exceeded");
    expect(counter.apiCalls).toBe(4);
  });

  it("one failing region does not touch another; the error reads as EKS's", async () => {
    eks.state.regions["us-east-1"] = { clusters: [{ name: "east", nodegroups: [ng("ng-1", "trn2.48xlarge", 1)] }] };
    eks.state.regions["us-east-2"] = { clusters: [{ name: "east2", nodegroups: [ng("ng-1", "trn2.48xlarge", 1)] }] };
    eks.failRegion(
      "us-east-2",
      "AccessDeniedException",
      "User: arn:aws:sts::111122223333:assumed-role/fleet-console/x is not authorized to perform: eks:ListClusters",
    );

    const [east, east2] = await Promise.allSettled([
      discoverEksNodegroups({ region: "us-east-1" }),
      discoverEksNodegroups({ region: "us-east-2" }),
    ]);

    expect(east.status === "fulfilled" && east.value.pools.map((p) => p.sourceKey)).toEqual([
      "eks/us-east-1/east/ng-1",
    ]);
    expect(east2.status).toBe("rejected");
    expect(formatDiscoveryError(east2.status === "rejected" ? east2.reason : null)).toBe(
      "EKS AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/fleet-console/x is not authorized to perform: eks:ListClusters",
    );
    expect(eks.log().filter((l) => l.startsWith("us-east-2"))).toEqual(["us-east-2 GET /clusters?maxResults=100"]);
  });

  it("skips a node group or cluster deleted between list and describe", async () => {
    eks.state.regions["sa-east-1"] = {
      clusters: [
        { name: "keep", nodegroups: [ng("ng-1", "c8g.4xlarge", 1), ng("ng-gone", "c8g.4xlarge", 1)] },
        { name: "gone", nodegroups: [] },
      ],
    };
    eks.injectFault({
      match: (r) => r.path === "/clusters/keep/node-groups/ng-gone",
      count: 1,
      type: "ResourceNotFoundException",
      message: "No node group found for name: ng-gone.",
    });
    eks.injectFault({
      match: (r) => r.path === "/clusters/gone/node-groups",
      count: 1,
      type: "ResourceNotFoundException",
      message: "No cluster found for name: gone.",
    });

    const found = await discoverEksNodegroups({ region: "sa-east-1" });

    expect(found.clusters).toEqual([{ name: "keep", region: "sa-east-1" }]);
    expect(found.pools.map((p) => p.sourceKey)).toEqual(["eks/sa-east-1/keep/ng-1"]);
    expect(found.skipped).toEqual([
      { sourceKey: "eks/sa-east-1/gone", reason: "cluster gone was deleted while listing" },
      { sourceKey: "eks/sa-east-1/keep/ng-gone", reason: "node group ng-gone was deleted while listing" },
    ]);
  });

  it("a generated large fleet pages at 100 node groups per request", async () => {
    const fleet = generateEksFleet({ regions: ["ca-central-1"], clusters: 1, nodegroupsPerCluster: 230 });
    eks.state.regions["ca-central-1"] = fleet.regions["ca-central-1"] ?? { clusters: [] };

    const found = await discoverEksNodegroups({ region: "ca-central-1" });

    expect(found.pools).toHaveLength(230);
    expect(found.pools[229]?.sourceKey).toBe("eks/ca-central-1/fleet-01/ng-0230");
    expect(eks.log().filter((l) => l.includes("/node-groups?"))).toEqual([
      "ca-central-1 GET /clusters/fleet-01/node-groups?maxResults=100",
      `ca-central-1 GET /clusters/fleet-01/node-groups?maxResults=100&nextToken=${token(100)}`,
      `ca-central-1 GET /clusters/fleet-01/node-groups?maxResults=100&nextToken=${token(200)}`,
    ]);
    expect(found.apiCalls).toBe(1 + 3 + 230);
  });
});

const token = (offset: number) => Buffer.from(`offset:${offset}`).toString("base64url");
