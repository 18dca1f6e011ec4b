// One cluster end to end, the production way: DescribeCluster on the EKS stand-in gives the fake
// API server's https endpoint and CA, an IAM token is signed, and discovery pages through
// Karpenter NodePools and NodeClaims, nodes and pods (two items a page, to make pages).
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getEksClient } from "@/lib/fleet/providers/aws/aws-clients";
import { loadEksKubeConfig } from "@/lib/fleet/providers/aws/load-eks-kube-config";
import { discoverEksNodegroups } from "@/lib/inventory/aws/discover-eks-nodegroups";
import { completeNodegroupPools, discoverCluster } from "@/lib/inventory/kubernetes/discover-cluster";
import { formatDiscoveryError } from "@/lib/inventory/kubernetes/format-discovery-error";
import { type FakeEks, generateEksFleet, startFakeEks } from "../aws-standins/fake-eks";
import { type FakeKube, type RecordedRequest, startFakeKube } from "../fleet-aws/fake-kube-server";
import { FAKE_CREDENTIALS, useFakeAwsEnv } from "./fake-aws-env";
import { type FakeInventoryCluster, inventoryClusterFor, inventoryClusterRoute } from "./fake-inventory-cluster";
import { karpenterCluster, MODEL_LABEL } from "./inventory-cluster-fixture";

const REGION = "us-west-2";
let eks: FakeEks;
let restoreEnv: () => void;
const kubes: FakeKube[] = [];
beforeAll(async () => {
  eks = await startFakeEks({ regions: { [REGION]: { clusters: [] } } });
  restoreEnv = useFakeAwsEnv(eks.url);
});
afterEach(async () => {
  await Promise.all(kubes.splice(0).map((k) => k.close()));
});
afterAll(async () => {
  restoreEnv();
  await eks.close();
});

/** A cluster on the EKS stand-in whose endpoint is a fresh fake API server; its kubeconfig the real way. */
async function addCluster(cluster: FakeInventoryCluster, nodegroups: Parameters<typeof eksCluster>[2] = []) {
  const name = `trn-${randomBytes(3).toString("hex")}`; // loadEksKubeConfig caches per cluster name
  const kube = await startFakeKube(inventoryClusterRoute(cluster), { tls: true });
  kubes.push(kube);
  eks.state.regions[REGION]?.clusters.push(eksCluster(name, kube, nodegroups));
  const kubeConfig = await loadEksKubeConfig({
    eks: getEksClient(REGION),
    clusterName: name,
    region: REGION,
    credentials: async () => FAKE_CREDENTIALS,
    now: () => new Date(),
  });
  return { name, kube, kubeConfig };
}

function eksCluster(
  name: string,
  kube: FakeKube,
  nodegroups: FakeEks["state"]["regions"][string]["clusters"][number]["nodegroups"],
) {
  return { name, endpoint: kube.url, caData: kube.caData, nodegroups };
}

/** The query of each request to `path`, keys sorted: "continue=…&limit=2". */
const byPath = (requests: RecordedRequest[], path: string) =>
  requests
    .filter((r) => r.path === path)
    .map((r) =>
      [...r.query]
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join("&"),
    );

describe("discoverCluster", () => {
  it("finds Karpenter pools and every pool's models, zones and nodes, page by page", async () => {
    const { name, kube, kubeConfig } = await addCluster(karpenterCluster());
    const scope = `karpenter/${REGION}/${name}`;

    const found = await discoverCluster({
      kubeConfig,
      clusterName: name,
      region: REGION,
      modelLabelKey: MODEL_LABEL,
      pageSize: 2,
    });

    expect(found.scope).toBe(scope);
    expect(found.karpenterInstalled).toBe(true);
    expect(found.karpenterPools).toEqual([
      {
        sourceKey: `${scope}/np-pinned`,
        scope,
        backingKind: "karpenter_nodepool",
        backingId: "np-pinned",
        clusterName: name,
        region: REGION,
        instanceType: "trn2.48xlarge", // the requirement's first value
        availabilityZones: ["us-west-2c", "us-west-2d"], // the zone requirement
        minCapacity: 0,
        desiredCapacity: 1, // p2 is being deleted
        maxCapacity: 4, // limits.nodes
        modelLabels: ["llama-70b"],
        tags: { team: "inference", "fleet-console.io/tier": "prod" },
      },
      {
        sourceKey: `${scope}/np-claims`,
        scope,
        backingKind: "karpenter_nodepool",
        backingId: "np-claims",
        clusterName: name,
        region: REGION,
        instanceType: "trn1.32xlarge", // what most of its NodeClaims got
        availabilityZones: ["us-west-2a", "us-west-2b"], // its NodeClaims' zones
        minCapacity: 0,
        desiredCapacity: 3, // c1, c3, c4 (c2 is being deleted)
        maxCapacity: 3, // a cpu limit says nothing about nodes: no headroom promised
        modelLabels: ["ranker-v2"],
        tags: {},
      },
    ]);
    expect(found.skipped).toEqual([
      { sourceKey: `${scope}/np-retiring`, reason: "NodePool np-retiring is being deleted" },
      {
        sourceKey: `${scope}/np-empty`,
        reason:
          'NodePool np-empty names no instance type (no "node.kubernetes.io/instance-type In" requirement) and has no launched NodeClaims',
      },
    ]);
    expect(Object.fromEntries(found.nodeFacts)).toEqual({
      [`eks/${REGION}/${name}/ng-llm`]: {
        modelLabels: ["llama-70b", "mistral-7b"],
        availabilityZones: ["us-west-2a", "us-west-2b"],
        instanceTypes: ["trn2.48xlarge"],
        nodes: 2,
      },
      [`eks/${REGION}/${name}/ng-lt`]: {
        modelLabels: [],
        availabilityZones: ["us-west-2b"],
        instanceTypes: ["trn2.48xlarge"],
        nodes: 1,
      },
      [`${scope}/np-pinned`]: {
        modelLabels: ["llama-70b"],
        availabilityZones: ["us-west-2c"],
        instanceTypes: ["trn2.48xlarge"],
        nodes: 1,
      },
      [`${scope}/np-claims`]: {
        modelLabels: ["ranker-v2"],
        availabilityZones: ["us-west-2a"],
        instanceTypes: ["trn1.32xlarge"],
        nodes: 1,
      },
    });

    const next = (offset: number) => `continue=${Buffer.from(`offset:${offset}`).toString("base64url")}`;
    const live = "fieldSelector=status.phase!=Succeeded,status.phase!=Failed";
    expect(byPath(kube.requests, "/apis/karpenter.sh/v1/nodepools")).toEqual(["limit=2", `${next(2)}&limit=2`]);
    expect(byPath(kube.requests, "/apis/karpenter.sh/v1/nodeclaims")).toEqual([
      "limit=2",
      `${next(2)}&limit=2`,
      `${next(4)}&limit=2`,
    ]);
    expect(byPath(kube.requests, "/api/v1/nodes")).toEqual(["limit=2", `${next(2)}&limit=2`, `${next(4)}&limit=2`]);
    expect(byPath(kube.requests, "/api/v1/pods")).toEqual([
      `${live}&limit=2`,
      `${next(2)}&${live}&limit=2`,
      `${next(4)}&${live}&limit=2`,
      `${next(6)}&${live}&limit=2`,
      `${next(8)}&${live}&limit=2`,
      `${next(10)}&${live}&limit=2`,
      `${next(12)}&${live}&limit=2`, // 13 pods: 15 less the Succeeded and the Failed one
    ]);
    expect(kube.requests).toHaveLength(15);
    expect(found.kubeApiCalls).toBe(15);

    // The API server saw the EKS token: a presigned STS URL for this region and key.
    const token = String(kube.requests[0]?.headers.authorization).replace(/^Bearer k8s-aws-v1\./, "");
    const sts = new URL(Buffer.from(token, "base64url").toString("utf8"));
    expect(sts.host).toBe("sts.us-west-2.amazonaws.com");
    expect(sts.searchParams.get("X-Amz-Credential")).toMatch(
      /^AKIDFAKEINVENTORY\/\d{8}\/us-west-2\/sts\/aws4_request$/,
    );
    expect(eks.log().filter((l) => l.endsWith(`/clusters/${name}`))).toEqual([`${REGION} GET /clusters/${name}`]);
  });

  it("completes the cluster's EKS node groups: models and zones from nodes, a launch template's type from its nodes", async () => {
    const ng = (n: string, types: string[] | null) => ({
      name: n,
      instanceTypes: types,
      scaling: { min: 0, desired: 2, max: 4 },
      ...(types ? {} : { launchTemplate: { id: "lt-1", name: `${n}-template`, version: "3" } }),
    });
    const { name, kubeConfig } = await addCluster(karpenterCluster(), [
      ng("ng-llm", ["trn2.48xlarge"]),
      ng("ng-lt", null),
      ng("ng-idle", ["trn1.2xlarge"]),
      ng("ng-lt-idle", null),
    ]);

    const nodegroups = await discoverEksNodegroups({ region: REGION, clusterNames: [name] });
    const cluster = await discoverCluster({
      kubeConfig,
      clusterName: name,
      region: REGION,
      modelLabelKey: MODEL_LABEL,
    });
    const completed = completeNodegroupPools({ ...nodegroups, nodeFacts: cluster.nodeFacts });

    expect(completed.pools.map((p) => [p.backingId, p.instanceType, p.availabilityZones, p.modelLabels])).toEqual([
      ["ng-llm", "trn2.48xlarge", ["us-west-2a", "us-west-2b"], ["llama-70b", "mistral-7b"]],
      ["ng-idle", "trn1.2xlarge", [], []],
      ["ng-lt", "trn2.48xlarge", ["us-west-2b"], []],
    ]);
    expect(completed.skipped).toEqual([
      {
        sourceKey: `eks/${REGION}/${name}/ng-lt-idle`,
        reason:
          "node group ng-lt-idle: only launch template ng-lt-idle-template version 3 names the instance type, and no node shows it",
      },
    ]);
    expect(cluster.kubeApiCalls).toBe(4); // one page each at the default 500
  });

  it("a cluster without Karpenter has no NodePools but still maps its node groups' models", async () => {
    const { name, kubeConfig } = await addCluster({ ...karpenterCluster(), karpenter: false });

    const found = await discoverCluster({ kubeConfig, clusterName: name, region: REGION, modelLabelKey: MODEL_LABEL });

    expect(found.karpenterInstalled).toBe(false);
    expect(found.karpenterPools).toEqual([]);
    expect(found.nodeFacts.get(`eks/${REGION}/${name}/ng-llm`)?.modelLabels).toEqual(["llama-70b", "mistral-7b"]);
  });

  it("one cluster refusing the NodePool list fails alone, its error read as Kubernetes'", async () => {
    const refusing = await addCluster({ ...karpenterCluster(), forbidden: ["nodepools"] });
    const fine = await addCluster(karpenterCluster());
    const counter = { requests: 0 };

    const [bad, good] = await Promise.allSettled([
      discoverCluster({ ...refusing, clusterName: refusing.name, region: REGION, modelLabelKey: MODEL_LABEL, counter }),
      discoverCluster({ ...fine, clusterName: fine.name, region: REGION, modelLabelKey: MODEL_LABEL }),
    ]);

    expect(bad.status).toBe("rejected");
    expect(formatDiscoveryError(bad.status === "rejected" ? bad.reason : null)).toBe(
      'Kubernetes 403 Forbidden: nodepools.karpenter.sh is forbidden: User "fleet-console" cannot list resource "nodepools" in API group "karpenter.sh" at the cluster scope',
    );
    expect(counter.requests).toBeGreaterThanOrEqual(1); // the refused request counts
    expect(counter.requests).toBe(refusing.kube.requests.length);
    expect(good.status === "fulfilled" && good.value.karpenterPools.map((p) => p.backingId)).toEqual([
      "np-pinned",
      "np-claims",
    ]);
  });

  it("an API server that cannot be reached fails with the connection's error", async () => {
    const { name, kube, kubeConfig } = await addCluster(karpenterCluster());
    await kube.close();

    const error = await discoverCluster({
      kubeConfig,
      clusterName: name,
      region: REGION,
      modelLabelKey: MODEL_LABEL,
    }).catch((e: unknown) => e);

    expect(formatDiscoveryError(error, "Kubernetes")).toMatch(/^Kubernetes request failed: .*ECONNREFUSED/);
  });

  it("a generated fleet's cluster: every node group gets its model and zones from its nodes", async () => {
    const generated = generateEksFleet({ regions: [REGION], clusters: 1, nodegroupsPerCluster: 40 });
    const template = generated.regions[REGION]?.clusters[0];
    if (!template) throw new Error("generator made no cluster");
    const { name, kubeConfig } = await addCluster(
      inventoryClusterFor(template, { region: REGION, modelLabelKey: MODEL_LABEL }),
      template.nodegroups,
    );

    const nodegroups = await discoverEksNodegroups({ region: REGION, clusterNames: [name] });
    const cluster = await discoverCluster({
      kubeConfig,
      clusterName: name,
      region: REGION,
      modelLabelKey: MODEL_LABEL,
    });
    const { pools } = completeNodegroupPools({ ...nodegroups, nodeFacts: cluster.nodeFacts });

    expect(pools).toHaveLength(40);
    // ng-0002: desired (1*7+0)%9 = 7 nodes over three zones, model-2
    expect(pools[1]).toMatchObject({
      backingId: "ng-0002",
      instanceType: "trn1.32xlarge",
      desiredCapacity: 7,
      availabilityZones: ["us-west-2a", "us-west-2b", "us-west-2c"],
      modelLabels: ["model-2"],
    });
    // ng-0001: desired 0, so no nodes, nothing known from Kubernetes
    expect(pools[0]).toMatchObject({
      backingId: "ng-0001",
      desiredCapacity: 0,
      availabilityZones: [],
      modelLabels: [],
    });
  });
});
