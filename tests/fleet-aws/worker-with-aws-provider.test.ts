// The durable action worker driving the real `aws` provider: AWS mocked at the SDK client
// (aws-sdk-client-mock), Kubernetes as an HTTP fake, actions and steps in a real PostgreSQL.
import {
  DescribeAutoScalingGroupsCommand,
  SetInstanceProtectionCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from "@aws-sdk/client-auto-scaling";
import { DescribeNodegroupCommand, DescribeUpdateCommand, UpdateNodegroupConfigCommand } from "@aws-sdk/client-eks";
import { afterEach, describe, expect, it } from "vitest";
import { cancelPoolAction } from "@/lib/fleet/actions/cancel-pool-action";
import { useTestDatabase } from "../setup/test-database";
import { mockAws, sent } from "./aws-mocks";
import { type FakeKube, startFakeKube } from "./fake-kube-server";
import {
  asgAnswer,
  BUDGET_MESSAGE,
  type Cluster,
  clusterRoute,
  inst,
  insertAction,
  kubeLog,
  loadAction,
  nodegroupAnswer,
  seedPool,
  stepStates,
  tick,
} from "./worker-aws-helpers";

useTestDatabase();
let fake: FakeKube | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(cluster: Cluster) {
  fake = await startFakeKube(clusterRoute(cluster));
  return { ...mockAws({ kubeConfig: fake.kubeConfig }), requests: fake.requests };
}

const nodes = [
  { name: "node-a", instanceId: "i-0aaa", created: "2025-01-01T00:00:00Z" },
  { name: "node-b", instanceId: "i-0bbb", created: "2025-02-01T00:00:00Z" },
  { name: "node-c", instanceId: "i-0ccc", created: "2025-03-01T00:00:00Z" },
];
const pods = () => [
  { namespace: "prod", name: "web-1", node: "node-c", app: "web" },
  { namespace: "kube-system", name: "neuron-plugin-c", node: "node-c", app: "neuron", daemonSet: true },
  { namespace: "prod", name: "web-2", node: "node-b", app: "web" },
  { namespace: "kube-system", name: "neuron-plugin-b", node: "node-b", app: "neuron", daemonSet: true },
  { namespace: "prod", name: "web-0", node: "node-a", app: "web" },
];
const podsOf = (node: string) => `GET /api/v1/pods [${node}]`;
const PDBS = "GET /apis/policy/v1/poddisruptionbudgets";
const evictionOf = (pod: string) => `POST /api/v1/namespaces/prod/pods/${pod}/eviction`;

describe("the worker with the aws provider", () => {
  it("launches on an EKS node group: one UpdateNodegroupConfig with the action's token, then waits for the update and the instances", async () => {
    const { asg, eks, provider, requests } = await setup({ nodes: nodes.slice(0, 1), pods: [], evict: () => 201 });
    await seedPool({
      id: "launch-eks",
      backingKind: "eks_nodegroup",
      backingId: "ng-launch",
      clusterName: "trn-cluster",
      desired: 4,
    });
    const actionId = await insertAction("launch-eks", "launch", 2);
    // Each first answer is read twice: by the worker's re-check of the guardrails, then by the first step.
    eks
      .on(DescribeNodegroupCommand)
      .resolvesOnce(nodegroupAnswer(4, "asg-launch"))
      .resolvesOnce(nodegroupAnswer(4, "asg-launch"))
      .resolvesOnce(nodegroupAnswer(4, "asg-launch"))
      .resolves(nodegroupAnswer(6, "asg-launch"));
    eks.on(UpdateNodegroupConfigCommand).resolves({ update: { id: "upd-7", status: "InProgress" } });
    eks
      .on(DescribeUpdateCommand)
      .resolvesOnce({ update: { id: "upd-7", status: "InProgress" } })
      .resolves({ update: { id: "upd-7", status: "Successful" } });
    const four = ["i-0a1", "i-0a2", "i-0a3", "i-0a4"].map((id) => inst(id));
    asg
      .on(DescribeAutoScalingGroupsCommand)
      .resolvesOnce(asgAnswer("asg-launch", 4, four))
      .resolvesOnce(asgAnswer("asg-launch", 4, four))
      .resolvesOnce(asgAnswer("asg-launch", 6, [...four, inst("i-0a5", "Pending"), inst("i-0a6", "Pending")]))
      .resolves(asgAnswer("asg-launch", 6, [...four, inst("i-0a5"), inst("i-0a6")]));

    expect(await tick(actionId, provider)).toBe("ran");
    const seenFrom = Date.now();
    expect(await tick(actionId, provider)).toBe("ran");
    const seenTo = Date.now();
    expect((await loadAction(actionId)).state).toBe("running");
    // While the EKS update runs: the launch's two instances (not the four there before), pending,
    // first seen by this poll (Auto Scaling gives no launch time), no ETA without an observed boot.
    const waiting = (await loadAction(actionId)).steps[1]!.detail as Record<string, unknown>;
    expect(waiting).toMatchObject({
      inService: 4,
      target: 6,
      boot: null,
      etaAt: null,
      message: "EKS update upd-7 InProgress",
    });
    const pendingOnes = waiting.instances as Array<Record<string, unknown>>;
    expect(
      pendingOnes.map((i) => [i.instanceId, i.state, i.nodeName, i.launchedAtSeen, i.inServiceAt, i.etaAt]),
    ).toEqual([
      ["i-0a5", "pending", null, true, null, null],
      ["i-0a6", "pending", null, true, null, null],
    ]);
    for (const i of pendingOnes) {
      expect(Date.parse(i.launchedAt as string)).toBeGreaterThanOrEqual(seenFrom);
      expect(Date.parse(i.launchedAt as string)).toBeLessThanOrEqual(seenTo);
    }
    const servingFrom = Date.now();
    expect(await tick(actionId, provider)).toBe("ran");
    const servingTo = Date.now();

    const ng = { clusterName: "trn-cluster", nodegroupName: "ng-launch" };
    const describeUpdate = [
      "DescribeUpdateCommand",
      { name: "trn-cluster", nodegroupName: "ng-launch", updateId: "upd-7" },
    ];
    expect(sent(eks)).toEqual([
      ["DescribeNodegroupCommand", ng], // the worker's re-check of the guardrails
      ["DescribeNodegroupCommand", ng],
      ["DescribeNodegroupCommand", ng],
      [
        "UpdateNodegroupConfigCommand",
        { ...ng, scalingConfig: { minSize: 0, maxSize: 10, desiredSize: 6 }, clientRequestToken: `${actionId}-launch` },
      ],
      describeUpdate,
      ["DescribeNodegroupCommand", ng],
      describeUpdate,
      ["DescribeNodegroupCommand", ng],
    ]);
    expect(sent(asg)).toEqual(
      Array(4).fill(["DescribeAutoScalingGroupsCommand", { AutoScalingGroupNames: ["asg-launch"] }]), // 1 re-check + 3 steps
    );
    expect(kubeLog(requests)).toEqual(Array(2).fill("GET /api/v1/nodes [eks.amazonaws.com/nodegroup=ng-launch]")); // re-check, step
    const action = await loadAction(actionId);
    expect(action).toMatchObject({ state: "succeeded", error: null, pool: { state: "active" } });
    expect(action.steps.map((s) => [s.name, s.state, s.attempts])).toEqual([
      ["set-desired-capacity", "succeeded", 1],
      ["wait-for-instances", "succeeded", 2],
    ]);
    expect(action.steps[0]!.detail).toEqual({
      target: 6,
      desiredBefore: 4,
      instancesBefore: ["i-0a1", "i-0a2", "i-0a3", "i-0a4"],
      ref: "upd-7",
    });
    const served = action.steps[1]!.detail as {
      instances: Array<{ instanceId: string; state: string; launchedAt: string; inServiceAt: string; etaAt: null }>;
      boot: { samples: number; medianSeconds: number };
    };
    expect(served).toMatchObject({ inService: 6, target: 6, etaAt: null });
    expect(served.instances.map((i) => [i.instanceId, i.state, i.etaAt])).toEqual([
      ["i-0a5", "in_service", null],
      ["i-0a6", "in_service", null],
    ]);
    for (const i of served.instances) {
      expect(i.launchedAt).toBe(pendingOnes.find((p) => p.instanceId === i.instanceId)!.launchedAt); // kept from the first sight
      expect(Date.parse(i.inServiceAt)).toBeGreaterThanOrEqual(servingFrom);
      expect(Date.parse(i.inServiceAt)).toBeLessThanOrEqual(servingTo);
    }
    // Two boots observed, both from first sight to the poll that saw them in service.
    const boots = served.instances.map((i) => (Date.parse(i.inServiceAt) - Date.parse(i.launchedAt)) / 1000);
    expect(served.boot).toEqual({ samples: 2, medianSeconds: (boots[0]! + boots[1]!) / 2 });
  });

  it("drains the 2 newest nodes: cordons, retries a PDB-blocked eviction, skips DaemonSet pods, terminates each instance once", async () => {
    const cluster: Cluster = { nodes, pods: pods(), evict: (pod, n) => (pod === "prod/web-1" && n === 1 ? 429 : 201) };
    const { asg, eks, provider, requests } = await setup(cluster);
    await seedPool({
      id: "drain-eks",
      backingKind: "eks_nodegroup",
      backingId: "ng-drain",
      clusterName: "trn-cluster",
      desired: 3,
    });
    const actionId = await insertAction("drain-eks", "drain", 2);
    eks
      .on(DescribeNodegroupCommand)
      .resolvesOnce(nodegroupAnswer(3, "asg-drain")) // the worker's re-check of the guardrails
      .resolvesOnce(nodegroupAnswer(3, "asg-drain"))
      .resolvesOnce(nodegroupAnswer(3, "asg-drain"))
      .resolves(nodegroupAnswer(1, "asg-drain"));
    asg
      .on(DescribeAutoScalingGroupsCommand)
      .resolvesOnce(asgAnswer("asg-drain", 3, [inst("i-0aaa"), inst("i-0bbb"), inst("i-0ccc")]))
      .resolvesOnce(asgAnswer("asg-drain", 3, [inst("i-0aaa"), inst("i-0bbb"), inst("i-0ccc")]))
      .resolvesOnce(asgAnswer("asg-drain", 3, [inst("i-0aaa"), inst("i-0bbb"), inst("i-0ccc")]))
      .resolvesOnce(
        asgAnswer("asg-drain", 1, [inst("i-0aaa"), inst("i-0bbb", "Terminating"), inst("i-0ccc", "Terminating:Wait")]),
      )
      .resolves(asgAnswer("asg-drain", 1, [inst("i-0aaa")]));
    asg.on(TerminateInstanceInAutoScalingGroupCommand).resolves({});

    for (let i = 0; i < 3; i++) expect(await tick(actionId, provider)).toBe("ran"); // select, cordon, evict (blocked)
    const blocked = (await loadAction(actionId)).steps.find((s) => s.name === "evict-pods")!;
    expect(blocked).toMatchObject({ state: "running", attempts: 1 });
    expect(blocked.detail).toEqual({
      evicted: ["prod/web-2"],
      blocked: [{ pod: "prod/web-1", pdbName: "web-pdb", message: BUDGET_MESSAGE }],
      skippedDaemonSet: 2,
      // Per node, its pods other than DaemonSet ones at this attempt and how many the PDB blocked.
      nodes: [
        { node: "node-c", pods: 1, blocked: 1 },
        { node: "node-b", pods: 1, blocked: 0 },
      ],
    });
    expect((await loadAction(actionId)).nextRunAt.getTime()).toBeGreaterThan(Date.now()); // backing off

    for (let i = 0; i < 10 && (await loadAction(actionId)).state === "running"; i++) await tick(actionId, provider);

    const action = await loadAction(actionId);
    expect(action).toMatchObject({ state: "succeeded", error: null, pool: { state: "active" } });
    expect(action.steps.every((s) => s.state === "succeeded")).toBe(true);
    expect(action.steps.map((s) => s.attempts)).toEqual([1, 1, 2, 1, 1, 2]);
    expect(action.steps[0]?.detail).toEqual({
      instances: [
        { instanceId: "i-0ccc", nodeName: "node-c" },
        { instanceId: "i-0bbb", nodeName: "node-b" },
      ],
    });
    expect(action.steps[1]?.detail).toEqual({ cordoned: ["node-c", "node-b"], alreadyCordoned: [], gone: [] });
    expect(action.steps[2]?.detail).toEqual({
      evicted: ["prod/web-2", "prod/web-1"],
      blocked: [],
      skippedDaemonSet: 2,
      // The second attempt: web-1 still on node-c (evicted by it), web-2 already gone from node-b.
      nodes: [
        { node: "node-c", pods: 1, blocked: 0 },
        { node: "node-b", pods: 0, blocked: 0 },
      ],
    });
    const nodeList = "GET /api/v1/nodes [eks.amazonaws.com/nodegroup=ng-drain]";
    expect(kubeLog(requests)).toEqual([
      // The worker's re-check of the guardrails before its first step: the drain's preview, read now
      // (its chosen nodes' pods and, for each with pods, the budgets that cover them).
      nodeList,
      podsOf("node-c"),
      podsOf("node-b"),
      PDBS,
      PDBS,
      // The steps.
      nodeList,
      "GET /api/v1/nodes/node-c",
      "PATCH /api/v1/nodes/node-c",
      "GET /api/v1/nodes/node-b",
      "PATCH /api/v1/nodes/node-b",
      podsOf("node-c"),
      PDBS,
      evictionOf("web-1"),
      podsOf("node-b"),
      PDBS,
      evictionOf("web-2"),
      podsOf("node-c"),
      PDBS,
      evictionOf("web-1"),
      podsOf("node-b"),
      podsOf("node-c"),
      podsOf("node-b"),
      nodeList,
      nodeList,
    ]);
    for (const patch of requests.filter((r) => r.method === "PATCH")) {
      expect(patch.headers["content-type"]).toBe("application/strategic-merge-patch+json");
      expect(JSON.parse(patch.body)).toEqual({ spec: { unschedulable: true } });
    }
    expect(requests.filter((r) => /neuron-plugin|web-0/.test(r.path))).toEqual([]);
    // In the group's listing order (the provider walks the group, keeping the chosen ids).
    expect(asg.commandCalls(TerminateInstanceInAutoScalingGroupCommand).map((c) => c.args[0].input)).toEqual([
      { InstanceId: "i-0bbb", ShouldDecrementDesiredCapacity: true },
      { InstanceId: "i-0ccc", ShouldDecrementDesiredCapacity: true },
    ]);
    expect(sent(asg).map(([name]) => name)).toEqual([
      "DescribeAutoScalingGroupsCommand", // the re-check
      "DescribeAutoScalingGroupsCommand",
      "DescribeAutoScalingGroupsCommand",
      "TerminateInstanceInAutoScalingGroupCommand",
      "TerminateInstanceInAutoScalingGroupCommand",
      "DescribeAutoScalingGroupsCommand",
      "DescribeAutoScalingGroupsCommand",
    ]);
    expect(asg.commandCalls(SetInstanceProtectionCommand)).toHaveLength(0);
    expect(sent(eks).map(([name]) => name)).toEqual(Array(5).fill("DescribeNodegroupCommand")); // 1 re-check + 4 steps
  });

  it("fails the action when Auto Scaling refuses the termination, keeps the error, gives the node back, and calls nothing afterwards", async () => {
    const cluster: Cluster = {
      nodes: nodes.slice(0, 2),
      pods: pods().filter((p) => p.node === "node-b"),
      evict: () => 201,
    };
    const { asg, eks, provider, requests } = await setup(cluster);
    // A self-managed node group: a plain ASG whose pool names its cluster.
    await seedPool({
      id: "fail-asg",
      backingKind: "asg",
      backingId: "asg-self-managed",
      clusterName: "trn-cluster",
      desired: 2,
    });
    const actionId = await insertAction("fail-asg", "drain", 1);
    asg
      .on(DescribeAutoScalingGroupsCommand)
      .resolves(asgAnswer("asg-self-managed", 2, [inst("i-0aaa"), inst("i-0bbb")], 1));
    const refusal =
      "Currently, desiredSize equals minSize (2). Terminating instance without replacement will violate group's min size constraint.";
    asg
      .on(TerminateInstanceInAutoScalingGroupCommand)
      .rejects(Object.assign(new Error(refusal), { name: "ValidationError" }));

    for (let i = 0; i < 6; i++) expect(await tick(actionId, provider)).toBe("ran"); // 5 drain steps, then uncordon-nodes

    const action = await loadAction(actionId);
    expect(action).toMatchObject({
      state: "failed",
      error: `terminate-instances: ${refusal}`,
      pool: { state: "active" },
    });
    expect(action.finishedAt).not.toBeNull();
    expect(await stepStates(actionId)).toEqual([
      "select-instances:succeeded",
      "cordon-nodes:succeeded",
      "evict-pods:succeeded",
      "wait-for-pods:succeeded",
      "terminate-instances:failed",
      "wait-for-termination:skipped",
      "uncordon-nodes:succeeded",
    ]);
    expect(action.steps[4]?.detail).toEqual({ error: refusal });
    // i-0bbb is still InService (the termination was refused): its node takes pods again.
    expect(action.steps[6]?.detail).toEqual({ uncordoned: ["node-b"], skipped: [], failed: [] });
    expect(sent(asg)).toEqual([
      ["DescribeAutoScalingGroupsCommand", { AutoScalingGroupNames: ["asg-self-managed"] }], // the re-check
      ["DescribeAutoScalingGroupsCommand", { AutoScalingGroupNames: ["asg-self-managed"] }],
      ["DescribeAutoScalingGroupsCommand", { AutoScalingGroupNames: ["asg-self-managed"] }],
      ["TerminateInstanceInAutoScalingGroupCommand", { InstanceId: "i-0bbb", ShouldDecrementDesiredCapacity: true }],
      ["DescribeAutoScalingGroupsCommand", { AutoScalingGroupNames: ["asg-self-managed"] }],
    ]);
    expect(sent(eks)).toEqual([]);
    expect(kubeLog(requests)).toEqual([
      "GET /api/v1/nodes", // the re-check's preview
      podsOf("node-b"),
      PDBS,
      "GET /api/v1/nodes",
      "GET /api/v1/nodes/node-b",
      "PATCH /api/v1/nodes/node-b",
      podsOf("node-b"),
      PDBS,
      evictionOf("web-2"),
      podsOf("node-b"),
      "GET /api/v1/nodes",
      "PATCH /api/v1/nodes/node-b",
    ]);
    expect(JSON.parse(requests.at(-1)!.body)).toEqual({ spec: { unschedulable: false } });

    const before = [asg.calls().length, eks.calls().length, requests.length];
    for (let i = 0; i < 3; i++) expect(await tick(actionId, provider)).toBe("idle");
    expect([asg.calls().length, eks.calls().length, requests.length]).toEqual(before);
    expect((await loadAction(actionId)).state).toBe("failed");
  });

  it("cancels a drain whose evictions stay blocked: no eviction or termination after the cancel, only its node given back", async () => {
    const cluster: Cluster = { nodes, pods: pods(), evict: () => 429, namesBudget: false };
    const { asg, eks, provider, requests } = await setup(cluster);
    await seedPool({
      id: "cancel-eks",
      backingKind: "eks_nodegroup",
      backingId: "ng-cancel",
      clusterName: "trn-cluster",
      desired: 3,
    });
    const actionId = await insertAction("cancel-eks", "drain", 1);
    eks.on(DescribeNodegroupCommand).resolves(nodegroupAnswer(3, "asg-cancel"));
    asg
      .on(DescribeAutoScalingGroupsCommand)
      .resolves(asgAnswer("asg-cancel", 3, [inst("i-0aaa"), inst("i-0bbb"), inst("i-0ccc")]));

    for (let i = 0; i < 4; i++) expect(await tick(actionId, provider)).toBe("ran"); // select, cordon, evict ×2
    const evict = (await loadAction(actionId)).steps.find((s) => s.name === "evict-pods")!;
    expect(evict).toMatchObject({ state: "running", attempts: 2 });
    expect(evict.detail).toEqual({
      evicted: [],
      blocked: [{ pod: "prod/web-1", pdbName: "web-pdb", message: BUDGET_MESSAGE }],
      skippedDaemonSet: 1,
      nodes: [{ node: "node-c", pods: 1, blocked: 1 }],
    });
    expect(requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(
      Array(2).fill("/api/v1/namespaces/prod/pods/web-1/eviction"),
    );

    const cancelled = await cancelPoolAction({
      actionId,
      user: { id: "demo-operator", name: "Operator", role: "operator", via: "demo" },
      meta: { sourceIp: null, userAgent: null },
    });
    expect(cancelled).toMatchObject({ state: "running", cancelRequested: true });
    const before = [asg.calls().length, eks.calls().length, requests.length];
    // The worker's re-check before its first step read the pool and the drain's preview once (1, 1, 3).
    expect(before).toEqual([2, 2, 12]);

    expect(await tick(actionId, provider)).toBe("ran"); // stops evict-pods and adds uncordon-nodes, calling nothing
    expect([asg.calls().length, eks.calls().length, requests.length]).toEqual(before);
    expect(await tick(actionId, provider)).toBe("ran"); // uncordon-nodes
    const action = await loadAction(actionId);
    expect(action).toMatchObject({ state: "cancelled", error: null, pool: { state: "active" } });
    expect(action.steps.map((s) => `${s.name}:${s.state}`)).toEqual([
      "select-instances:succeeded",
      "cordon-nodes:succeeded",
      "evict-pods:cancelled",
      "wait-for-pods:skipped",
      "terminate-instances:skipped",
      "wait-for-termination:skipped",
      "uncordon-nodes:succeeded",
    ]);
    expect(action.steps[6]?.detail).toEqual({ uncordoned: ["node-c"], skipped: [], failed: [] });
    // One describe of the pool (which instances are still there), then the uncordon itself.
    expect([asg.calls().length, eks.calls().length]).toEqual([before[0]! + 1, before[1]! + 1]);
    expect(kubeLog(requests.slice(before[2]))).toEqual([
      "GET /api/v1/nodes [eks.amazonaws.com/nodegroup=ng-cancel]",
      "PATCH /api/v1/nodes/node-c",
    ]);
    expect(JSON.parse(requests.at(-1)!.body)).toEqual({ spec: { unschedulable: false } });
    expect(await tick(actionId, provider)).toBe("idle");
    expect(requests).toHaveLength(before[2]! + 2);
    expect(asg.commandCalls(TerminateInstanceInAutoScalingGroupCommand)).toHaveLength(0);
  });
  it("gives back the nodes it cordoned when a later cordon fails, and still ends when an uncordon fails too", async () => {
    const route = clusterRoute({ nodes, pods: pods(), evict: () => 201 });
    fake = await startFakeKube((r) =>
      r.method === "PATCH" && r.path === "/api/v1/nodes/node-b"
        ? // Refused for good (a 5xx would be retried as transient): an admission policy forbids it.
          { status: 403, body: { kind: "Status", status: "Failure", message: "denied by node policy", code: 403 } }
        : route(r),
    );
    const { asg, eks, provider } = mockAws({ kubeConfig: fake.kubeConfig });
    await seedPool({
      id: "cordon-fail",
      backingKind: "eks_nodegroup",
      backingId: "ng-cf",
      clusterName: "trn-cluster",
      desired: 3,
    });
    const actionId = await insertAction("cordon-fail", "drain", 2);
    eks.on(DescribeNodegroupCommand).resolves(nodegroupAnswer(3, "asg-cf"));
    asg
      .on(DescribeAutoScalingGroupsCommand)
      .resolves(asgAnswer("asg-cf", 3, [inst("i-0aaa"), inst("i-0bbb"), inst("i-0ccc")]));

    for (let i = 0; i < 3; i++) expect(await tick(actionId, provider)).toBe("ran"); // select, cordon (fails on node-b), uncordon-nodes
    const action = await loadAction(actionId);
    expect(action).toMatchObject({ state: "failed", error: expect.stringMatching(/^cordon-nodes: /) });
    const cordon = action.steps.find((s) => s.name === "cordon-nodes")!;
    // node-c (newest) was cordoned before node-b failed; node-b's cordon may have taken effect anyway.
    expect(cordon).toMatchObject({
      state: "failed",
      detail: { cordoned: ["node-c"], cordoning: "node-b", error: expect.any(String) },
    });
    const uncordon = action.steps.find((s) => s.name === "uncordon-nodes")!;
    expect(uncordon).toMatchObject({
      state: "failed",
      attempts: 1,
      detail: {
        uncordoned: ["node-c"],
        failed: [{ node: "node-b", error: expect.stringMatching(/403/) }],
        error: expect.stringMatching(/^UncordonFailed: 1 node\(s\) left cordoned: node-b/),
      },
    });
    expect(action.steps.filter((s) => s.state === "running")).toEqual([]);
    expect(await tick(actionId, provider)).toBe("idle");
  });
});
