// Karpenter NodePool pools: NodeClaims (karpenter.sh/v1) are the instances, and a drain's
// terminate step deletes exactly the chosen instances' NodeClaims.
import { afterEach, describe, expect, it } from "vitest";
import { mockAws, sent, uniquePool } from "./aws-mocks";
import { type FakeKube, type FakeRoute, notFound, startFakeKube } from "./fake-kube-server";

let fake: FakeKube | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const claim = (name: string, instanceId: string | null, opts: { ready?: boolean; deleting?: boolean } = {}) => ({
  apiVersion: "karpenter.sh/v1",
  kind: "NodeClaim",
  metadata: {
    name,
    creationTimestamp: "2025-02-01T00:00:00Z",
    ...(opts.deleting ? { deletionTimestamp: "2025-02-02T00:00:00Z" } : {}),
  },
  status: {
    ...(instanceId ? { providerID: `aws:///us-east-1a/${instanceId}`, nodeName: `node-${name}` } : {}),
    conditions: [{ type: "Ready", status: opts.ready ? "True" : "Unknown" }],
  },
});

async function setup(route: FakeRoute) {
  fake = await startFakeKube(route);
  const aws = mockAws({ kubeConfig: fake.kubeConfig });
  return { ...aws, requests: fake.requests, pool: uniquePool({ backingKind: "karpenter_nodepool" }) };
}

const claimsPath = "/apis/karpenter.sh/v1/nodeclaims";
const claims = [
  claim("np-a", "i-0a", { ready: true }),
  claim("np-b", "i-0b", { ready: true, deleting: true }),
  claim("np-c", null),
  claim("np-d", "i-0d", { ready: true }),
];

describe("Karpenter pool", () => {
  it("describePool reads the NodePool and its NodeClaims", async () => {
    const { provider, requests, pool, asg, eks } = await setup((request) => {
      if (request.path === claimsPath) return { status: 200, body: { items: claims } };
      if (request.path.startsWith("/apis/karpenter.sh/v1/nodepools/"))
        return { status: 200, body: { spec: { limits: { cpu: "1000" } } } };
      return notFound(request.path);
    });

    const described = await provider.describePool(pool);

    expect(described).toMatchObject({ desired: 3, min: 0, max: 3 });
    expect(described.instances).toEqual([
      {
        instanceId: "i-0a",
        nodeName: "node-np-a",
        lifecycle: "in_service",
        launchedAt: new Date("2025-02-01T00:00:00Z"),
      },
      {
        instanceId: "i-0b",
        nodeName: "node-np-b",
        lifecycle: "terminating",
        launchedAt: new Date("2025-02-01T00:00:00Z"),
      },
      {
        instanceId: "i-0d",
        nodeName: "node-np-d",
        lifecycle: "in_service",
        launchedAt: new Date("2025-02-01T00:00:00Z"),
      },
    ]);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /apis/karpenter.sh/v1/nodepools/${pool.backingId}`,
      `GET ${claimsPath}`,
    ]);
    expect(requests[1]?.query.get("labelSelector")).toBe(`karpenter.sh/nodepool=${pool.backingId}`);
    expect([...sent(asg), ...sent(eks)]).toEqual([]);
  });

  it("terminateInstances deletes only the chosen live NodeClaims; deleting or unknown ones are skipped", async () => {
    const { provider, requests, pool } = await setup((request) => {
      if (request.method === "GET" && request.path === claimsPath) return { status: 200, body: { items: claims } };
      if (request.method === "DELETE" && request.path === `${claimsPath}/np-d`) return notFound("nodeclaims np-d"); // raced: already gone
      if (request.method === "DELETE") return { status: 200, body: { kind: "Status", status: "Success" } };
      return notFound(request.path);
    });

    await provider.terminateInstances(pool, ["i-0a", "i-0b", "i-0d", "i-0zz"]);

    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${claimsPath}`,
      `DELETE ${claimsPath}/np-a`,
      `DELETE ${claimsPath}/np-d`,
    ]);
  });

  it("getScalingStatus is in progress while NodeClaims are being deleted", async () => {
    const { provider, pool } = await setup((request) =>
      request.path === claimsPath ? { status: 200, body: { items: claims } } : notFound(request.path),
    );
    expect(await provider.getScalingStatus(pool, { ref: null, desired: 2 })).toMatchObject({
      state: "in_progress",
      inService: 2,
    });
  });
});
