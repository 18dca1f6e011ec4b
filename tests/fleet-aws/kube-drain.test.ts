// cordon / uncordon / listPods / evictPod against an HTTP-level fake of the Kubernetes API server:
// the exact requests sent (a cordon reads the node first and patches it only when schedulable).
import { afterEach, describe, expect, it } from "vitest";
import type { PodRef } from "@/lib/fleet/provider";
import { mockAws, uniquePool } from "./aws-mocks";
import {
  type FakeKube,
  type FakeRoute,
  kubeStatus,
  notFound,
  type RecordedRequest,
  startFakeKube,
} from "./fake-kube-server";

const NODE = "ip-10-0-1-23.ec2.internal";
let fake: FakeKube | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(route: FakeRoute) {
  fake = await startFakeKube(route);
  const { provider } = mockAws({ kubeConfig: fake.kubeConfig });
  return { provider, requests: fake.requests, pool: uniquePool({ backingKind: "eks_nodegroup" }) };
}

/** A strategic merge patch of the node's spec.unschedulable, as the provider sends it. */
function expectNodePatch(request: RecordedRequest | undefined, unschedulable: boolean) {
  expect(request?.method).toBe("PATCH");
  expect(request?.path).toBe(`/api/v1/nodes/${NODE}`);
  expect(request?.headers["content-type"]).toBe("application/strategic-merge-patch+json");
  expect(request?.headers.authorization).toBe("Bearer test-token");
  expect(JSON.parse(request?.body ?? "")).toEqual({ spec: { unschedulable } });
}

/** A plain read of the node (no body), authenticated like the patches. */
function expectNodeRead(request: RecordedRequest | undefined) {
  expect(request).toMatchObject({ method: "GET", path: `/api/v1/nodes/${NODE}`, body: "" });
  expect(request?.headers.authorization).toBe("Bearer test-token");
}

/** A node whose spec.unschedulable is as given (absent when undefined, as on a node never cordoned). */
const nodeWith = (unschedulable?: boolean) => ({
  status: 200,
  body: { kind: "Node", metadata: { name: NODE }, spec: unschedulable === undefined ? {} : { unschedulable } },
});

describe("cordonNode", () => {
  it("reads a schedulable node, then sends a strategic merge patch setting spec.unschedulable: cordoned", async () => {
    const { provider, requests, pool } = await setup((r) =>
      r.method === "GET" ? nodeWith(undefined) : nodeWith(true),
    );

    expect(await provider.cordonNode(pool, NODE)).toBe("cordoned");

    expect(requests).toHaveLength(2);
    expectNodeRead(requests[0]);
    expectNodePatch(requests[1], true);
  });

  it("treats spec.unschedulable: false like an absent field: patches, cordoned", async () => {
    const { provider, requests, pool } = await setup((r) => (r.method === "GET" ? nodeWith(false) : nodeWith(true)));

    expect(await provider.cordonNode(pool, NODE)).toBe("cordoned");

    expect(requests.map((r) => r.method)).toEqual(["GET", "PATCH"]);
    expectNodePatch(requests[1], true);
  });

  it("leaves a node that is already unschedulable as it is: one GET, no PATCH, already-cordoned", async () => {
    const { provider, requests, pool } = await setup(() => nodeWith(true));

    expect(await provider.cordonNode(pool, NODE)).toBe("already-cordoned");

    expect(requests).toHaveLength(1);
    expectNodeRead(requests[0]);
  });

  it("answers gone for a node that no longer exists (on the read, or deleted before the patch)", async () => {
    const gone = await setup(() => notFound(`nodes "${NODE}"`));
    expect(await gone.provider.cordonNode(gone.pool, NODE)).toBe("gone");
    expect(gone.requests).toHaveLength(1);
    expectNodeRead(gone.requests[0]);
    await fake?.close();

    const deleted = await setup((r) => (r.method === "GET" ? nodeWith(undefined) : notFound(`nodes "${NODE}"`)));
    expect(await deleted.provider.cordonNode(deleted.pool, NODE)).toBe("gone");
    expect(deleted.requests.map((r) => r.method)).toEqual(["GET", "PATCH"]);
  });

  it("surfaces a server error on the read (without patching) or on the patch", async () => {
    const brokenRead = await setup(() => ({ status: 500, body: kubeStatus(500, "InternalError", "etcd timeout") }));
    await expect(brokenRead.provider.cordonNode(brokenRead.pool, NODE)).rejects.toThrow(/500/);
    expect(brokenRead.requests.map((r) => r.method)).toEqual(["GET"]);
    await fake?.close();

    const brokenPatch = await setup((r) =>
      r.method === "GET"
        ? nodeWith(undefined)
        : { status: 500, body: kubeStatus(500, "InternalError", "etcd timeout") },
    );
    await expect(brokenPatch.provider.cordonNode(brokenPatch.pool, NODE)).rejects.toThrow(/500/);
    expect(brokenPatch.requests.map((r) => r.method)).toEqual(["GET", "PATCH"]);
  });

  it("refuses a pool with no cluster before any request", async () => {
    const { provider, requests } = await setup(() => ({ status: 200 }));
    await expect(provider.cordonNode(uniquePool({ backingKind: "asg" }), NODE)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(requests).toHaveLength(0);
  });
});

describe("cordonNode's resourceVersion precondition", () => {
  it("patches on the version it read, and a node changed since answers 409 (retried, never taken as cordoned)", async () => {
    const read = { status: 200, body: { kind: "Node", metadata: { name: NODE, resourceVersion: "41" }, spec: {} } };
    const { provider, requests, pool } = await setup((r) =>
      r.method === "GET" ? read : { status: 409, body: kubeStatus(409, "Conflict", "the object has been modified") },
    );

    await expect(provider.cordonNode(pool, NODE)).rejects.toMatchObject({ code: 409 });

    expect(JSON.parse(requests[1]?.body ?? "")).toEqual({
      metadata: { resourceVersion: "41" },
      spec: { unschedulable: true },
    });
  });
});

describe("uncordonNode", () => {
  it("sends a strategic merge patch clearing spec.unschedulable, the same on a repeat", async () => {
    const { provider, requests, pool } = await setup(() => ({
      status: 200,
      body: { kind: "Node", metadata: { name: NODE }, spec: {} },
    }));

    expect(await provider.uncordonNode(pool, NODE)).toBe("uncordoned");
    expect(await provider.uncordonNode(pool, NODE)).toBe("uncordoned");

    expect(requests).toHaveLength(2);
    for (const request of requests) expectNodePatch(request, false);
  });

  it("answers gone for a node that no longer exists, and surfaces any other error", async () => {
    const gone = await setup(() => notFound(`nodes "${NODE}"`));
    expect(await gone.provider.uncordonNode(gone.pool, NODE)).toBe("gone");
    await fake?.close();

    const forbidden = await setup(() => ({
      status: 403,
      body: kubeStatus(403, "Forbidden", `nodes "${NODE}" is forbidden`),
    }));
    await expect(forbidden.provider.uncordonNode(forbidden.pool, NODE)).rejects.toThrow(/403/);
  });
});

describe("listPods", () => {
  const pod = (
    namespace: string,
    name: string,
    labels: Record<string, string>,
    ownerKind?: string,
    annotations?: Record<string, string>,
  ) => ({
    metadata: {
      namespace,
      name,
      labels,
      annotations,
      ownerReferences: ownerKind
        ? [{ apiVersion: "apps/v1", kind: ownerKind, name: "owner", uid: "u", controller: true }]
        : [],
    },
    spec: { nodeName: NODE, containers: [{ name: "c" }] },
    status: { phase: "Running" },
  });
  const pdb = (namespace: string, name: string, selector: unknown) => ({
    metadata: { namespace, name },
    spec: { selector },
  });

  it("selects the node's unfinished pods, flags DaemonSet pods and names the PDB of each", async () => {
    const { provider, requests, pool } = await setup((request) => {
      if (request.path === "/api/v1/pods") {
        return {
          status: 200,
          body: {
            kind: "PodList",
            items: [
              pod("prod", "web-1", { app: "web" }, "ReplicaSet"),
              pod("kube-system", "neuron-device-plugin-x", { app: "neuron" }, "DaemonSet"),
              pod("prod", "batch-1", { app: "batch", tier: "gold" }, "Job"),
              pod("kube-system", "static-proxy", { app: "proxy" }, undefined, { "kubernetes.io/config.mirror": "abc" }),
            ],
          },
        };
      }
      if (request.path === "/apis/policy/v1/poddisruptionbudgets") {
        return {
          status: 200,
          body: {
            kind: "PodDisruptionBudgetList",
            items: [
              pdb("staging", "web-pdb-staging", { matchLabels: { app: "web" } }),
              pdb("prod", "web-pdb", { matchLabels: { app: "web" } }),
              pdb("prod", "gold-pdb", {
                matchExpressions: [{ key: "tier", operator: "In", values: ["gold", "silver"] }],
              }),
            ],
          },
        };
      }
      return notFound(request.path);
    });

    const pods = await provider.listPods(pool, NODE);

    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.query.get("fieldSelector")).toBe(
      `spec.nodeName=${NODE},status.phase!=Succeeded,status.phase!=Failed`,
    );
    expect(requests.map((r) => r.path)).toEqual(["/api/v1/pods", "/apis/policy/v1/poddisruptionbudgets"]);
    expect(pods).toEqual([
      { namespace: "prod", name: "web-1", nodeName: NODE, daemonSet: false, pdbName: "web-pdb" },
      { namespace: "kube-system", name: "neuron-device-plugin-x", nodeName: NODE, daemonSet: true, pdbName: null },
      { namespace: "prod", name: "batch-1", nodeName: NODE, daemonSet: false, pdbName: "gold-pdb" },
    ]);
  });
});

describe("evictPod", () => {
  const web: PodRef = { namespace: "prod", name: "web-1", nodeName: NODE, daemonSet: false, pdbName: null };
  const evictionPath = "/api/v1/namespaces/prod/pods/web-1/eviction";
  const budgetMessage = "Cannot evict pod as it would violate the pod's disruption budget.";

  it("posts a policy/v1 Eviction and maps 201 to evicted", async () => {
    const { provider, requests, pool } = await setup(() => ({
      status: 201,
      body: { kind: "Eviction", apiVersion: "policy/v1" },
    }));

    expect(await provider.evictPod(pool, web)).toEqual({ status: "evicted" });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: "POST", path: evictionPath });
    expect(requests[0]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({
      apiVersion: "policy/v1",
      kind: "Eviction",
      metadata: { name: "web-1", namespace: "prod" },
    });
  });

  it("maps 404 to gone", async () => {
    const { provider, pool } = await setup(() => notFound('pods "web-1"'));
    expect(await provider.evictPod(pool, web)).toEqual({ status: "gone" });
  });

  it("maps 429 to blocked with the PDB named in the API server's cause", async () => {
    const { provider, pool } = await setup(() => ({
      status: 429,
      body: kubeStatus(429, "TooManyRequests", budgetMessage, {
        causes: [
          {
            reason: "DisruptionBudget",
            message: "The disruption budget web-pdb needs 2 healthy pods and has 2 currently",
          },
        ],
      }),
    }));
    expect(await provider.evictPod(pool, web)).toEqual({
      status: "blocked",
      pdbName: "web-pdb",
      message: budgetMessage,
    });
  });

  it("looks the PDB up when a 429 does not name it", async () => {
    const { provider, requests, pool } = await setup((request) => {
      if (request.path === evictionPath)
        return { status: 429, body: kubeStatus(429, "TooManyRequests", budgetMessage) };
      if (request.path === "/api/v1/namespaces/prod/pods/web-1")
        return { status: 200, body: { metadata: { name: "web-1", labels: { app: "web" } } } };
      if (request.path === "/apis/policy/v1/namespaces/prod/poddisruptionbudgets") {
        return {
          status: 200,
          body: {
            items: [
              { metadata: { name: "other" }, spec: { selector: { matchLabels: { app: "db" } } } },
              { metadata: { name: "web-pdb" }, spec: { selector: { matchLabels: { app: "web" } } } },
            ],
          },
        };
      }
      return notFound(request.path);
    });
    expect(await provider.evictPod(pool, web)).toEqual({
      status: "blocked",
      pdbName: "web-pdb",
      message: budgetMessage,
    });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${evictionPath}`,
      "GET /api/v1/namespaces/prod/pods/web-1",
      "GET /apis/policy/v1/namespaces/prod/poddisruptionbudgets",
    ]);
  });

  it("surfaces a 500 as an error, not a success", async () => {
    const { provider, pool } = await setup(() => ({
      status: 500,
      body: kubeStatus(
        500,
        "InternalError",
        "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
      ),
    }));
    await expect(provider.evictPod(pool, web)).rejects.toThrow(/more than one PodDisruptionBudget/);
  });
});
