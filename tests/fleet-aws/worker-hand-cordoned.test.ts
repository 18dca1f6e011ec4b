// The worker with the `aws` provider on a cluster where one chosen node was cordoned by hand before
// the drain: the exact Kubernetes requests show that node read but never patched, not even when
// the cancelled drain gives its nodes back. AWS mocked at the SDK client, Kubernetes as an HTTP fake.
import { DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import { DescribeNodegroupCommand } from "@aws-sdk/client-eks";
import { afterEach, expect, it } from "vitest";
import { cancelPoolAction } from "@/lib/fleet/actions/cancel-pool-action";
import { useTestDatabase } from "../setup/test-database";
import { mockAws } from "./aws-mocks";
import { type FakeKube, startFakeKube } from "./fake-kube-server";
import {
  asgAnswer,
  clusterRoute,
  inst,
  insertAction,
  kubeLog,
  loadAction,
  nodegroupAnswer,
  seedPool,
  tick,
} from "./worker-aws-helpers";

useTestDatabase();
let fake: FakeKube | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

it("a cancelled drain gives back the node it cordoned and leaves the hand-cordoned one alone", async () => {
  const nodes = [
    { name: "node-a", instanceId: "i-0aaa", created: "2025-01-01T00:00:00Z" },
    { name: "node-b", instanceId: "i-0bbb", created: "2025-02-01T00:00:00Z", unschedulable: true },
    { name: "node-c", instanceId: "i-0ccc", created: "2025-03-01T00:00:00Z" },
  ];
  fake = await startFakeKube(clusterRoute({ nodes, pods: [], evict: () => 201 }));
  const { asg, eks, provider } = mockAws({ kubeConfig: fake.kubeConfig });
  const requests = fake.requests;
  await seedPool({
    id: "hand-cordoned",
    backingKind: "eks_nodegroup",
    backingId: "ng-hand",
    clusterName: "trn-cluster",
    desired: 3,
  });
  const actionId = await insertAction("hand-cordoned", "drain", 2);
  eks.on(DescribeNodegroupCommand).resolves(nodegroupAnswer(3, "asg-hand"));
  asg
    .on(DescribeAutoScalingGroupsCommand)
    .resolves(asgAnswer("asg-hand", 3, [inst("i-0aaa"), inst("i-0bbb"), inst("i-0ccc")]));

  expect([await tick(actionId, provider), await tick(actionId, provider)]).toEqual(["ran", "ran"]); // select, cordon
  const nodeList = "GET /api/v1/nodes [eks.amazonaws.com/nodegroup=ng-hand]";
  expect(kubeLog(requests)).toEqual([
    // The worker's re-check of the guardrails before its first step: the drain's preview, read now.
    nodeList,
    "GET /api/v1/pods [node-c]",
    "GET /api/v1/pods [node-b]",
    // The steps.
    nodeList,
    "GET /api/v1/nodes/node-c",
    "PATCH /api/v1/nodes/node-c",
    "GET /api/v1/nodes/node-b",
  ]);
  expect(JSON.parse(requests[5]!.body)).toEqual({ spec: { unschedulable: true } });
  expect((await loadAction(actionId)).steps[1]).toMatchObject({
    name: "cordon-nodes",
    state: "succeeded",
    detail: { cordoned: ["node-c"], alreadyCordoned: ["node-b"], gone: [] },
  });

  await cancelPoolAction({
    actionId,
    user: { id: "demo-operator", name: "Operator", role: "operator", via: "demo" },
    meta: { sourceIp: null, userAgent: null },
  });
  const before = requests.length;
  expect([await tick(actionId, provider), await tick(actionId, provider)]).toEqual(["ran", "ran"]); // adds uncordon-nodes, runs it

  const action = await loadAction(actionId);
  expect(action).toMatchObject({ state: "cancelled", error: null });
  expect(action.steps.at(-1)).toMatchObject({
    name: "uncordon-nodes",
    state: "succeeded",
    detail: { uncordoned: ["node-c"], skipped: [], failed: [] },
  });
  expect(kubeLog(requests.slice(before))).toEqual([nodeList, "PATCH /api/v1/nodes/node-c"]);
  expect(JSON.parse(requests.at(-1)!.body)).toEqual({ spec: { unschedulable: false } });
  expect(requests.filter((r) => r.method === "PATCH" && r.path === "/api/v1/nodes/node-b")).toEqual([]);
});
