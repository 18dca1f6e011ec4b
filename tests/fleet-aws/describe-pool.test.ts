// describePool for ASG and EKS node group pools: desired/min/max and instances, with node names
// from the Kubernetes Node's spec.providerID.
import { DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import { DescribeNodegroupCommand } from "@aws-sdk/client-eks";
import { afterEach, describe, expect, it } from "vitest";
import { mockAws, sent, uniquePool } from "./aws-mocks";
import { type FakeKube, notFound, startFakeKube } from "./fake-kube-server";

let fake: FakeKube | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const asgGroup = (name: string, desired: number, min: number, max: number, states: [string, string][]) => ({
  AutoScalingGroups: [
    {
      AutoScalingGroupName: name,
      DesiredCapacity: desired,
      MinSize: min,
      MaxSize: max,
      DefaultCooldown: 300,
      AvailabilityZones: [],
      HealthCheckType: "EC2",
      CreatedTime: new Date(0),
      Instances: states.map(([InstanceId, LifecycleState]) => ({
        InstanceId,
        LifecycleState: LifecycleState as "InService",
        AvailabilityZone: "us-east-1a",
        HealthStatus: "Healthy",
        ProtectedFromScaleIn: false,
      })),
    },
  ],
});

describe("describePool", () => {
  it("ASG pool: the group's numbers and instance lifecycles, no Kubernetes", async () => {
    const { asg, provider } = mockAws();
    const pool = uniquePool({ backingKind: "asg" });
    asg.on(DescribeAutoScalingGroupsCommand).resolves(
      asgGroup(pool.backingId, 4, 1, 8, [
        ["i-01", "InService"],
        ["i-02", "Pending:Wait"],
        ["i-03", "Terminating:Wait"],
        ["i-04", "Standby"],
      ]),
    );

    expect(await provider.describePool(pool)).toEqual({
      desired: 4,
      min: 1,
      max: 8,
      instances: [
        { instanceId: "i-01", nodeName: null, lifecycle: "in_service", launchedAt: null },
        { instanceId: "i-02", nodeName: null, lifecycle: "pending", launchedAt: null },
        { instanceId: "i-03", nodeName: null, lifecycle: "terminating", launchedAt: null },
        { instanceId: "i-04", nodeName: null, lifecycle: "pending", launchedAt: null },
      ],
    });
    expect(sent(asg)).toEqual([["DescribeAutoScalingGroupsCommand", { AutoScalingGroupNames: [pool.backingId] }]]);
  });

  it("ASG pool: a missing group is NOT_FOUND, not an empty pool", async () => {
    const { asg, provider } = mockAws();
    asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    await expect(provider.describePool(uniquePool({ backingKind: "asg" }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("EKS node group pool: node group scaling config, its ASG's instances, node names by providerID", async () => {
    fake = await startFakeKube((request) =>
      request.path === "/api/v1/nodes"
        ? {
            status: 200,
            body: {
              kind: "NodeList",
              items: [
                {
                  metadata: { name: "ip-10-0-0-1.ec2.internal", creationTimestamp: "2025-01-02T03:04:05Z" },
                  spec: { providerID: "aws:///us-east-1a/i-0aa" },
                },
                {
                  metadata: { name: "ip-10-0-0-2.ec2.internal", creationTimestamp: "2025-01-02T03:09:00Z" },
                  spec: { providerID: "aws:///us-east-1b/i-0bb" },
                },
              ],
            },
          }
        : notFound(request.path),
    );
    const { asg, eks, provider } = mockAws({ kubeConfig: fake.kubeConfig });
    const pool = uniquePool({ backingKind: "eks_nodegroup" });
    eks.on(DescribeNodegroupCommand).resolves({
      nodegroup: {
        scalingConfig: { minSize: 1, maxSize: 6, desiredSize: 3 },
        resources: { autoScalingGroups: [{ name: "eks-ng-1" }] },
      },
    });
    asg.on(DescribeAutoScalingGroupsCommand).resolves(
      asgGroup("eks-ng-1", 3, 1, 6, [
        ["i-0aa", "InService"],
        ["i-0bb", "InService"],
        ["i-0cc", "Pending"],
      ]),
    );

    const described = await provider.describePool(pool);

    expect(described).toEqual({
      desired: 3,
      min: 1,
      max: 6,
      instances: [
        {
          instanceId: "i-0aa",
          nodeName: "ip-10-0-0-1.ec2.internal",
          lifecycle: "in_service",
          launchedAt: new Date("2025-01-02T03:04:05Z"),
        },
        {
          instanceId: "i-0bb",
          nodeName: "ip-10-0-0-2.ec2.internal",
          lifecycle: "in_service",
          launchedAt: new Date("2025-01-02T03:09:00Z"),
        },
        { instanceId: "i-0cc", nodeName: null, lifecycle: "pending", launchedAt: null },
      ],
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.query.get("labelSelector")).toBe(`eks.amazonaws.com/nodegroup=${pool.backingId}`);
    expect(sent(asg)).toEqual([["DescribeAutoScalingGroupsCommand", { AutoScalingGroupNames: ["eks-ng-1"] }]]);
  });
});
