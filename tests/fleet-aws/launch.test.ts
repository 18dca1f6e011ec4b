// Launch on ASG and EKS node group pools: the exact AWS commands, in order, and how their
// progress maps to ScalingStatus.
import {
  DescribeAutoScalingGroupsCommand,
  DescribeScalingActivitiesCommand,
  type Instance,
  SetDesiredCapacityCommand,
} from "@aws-sdk/client-auto-scaling";
import { DescribeNodegroupCommand, DescribeUpdateCommand, UpdateNodegroupConfigCommand } from "@aws-sdk/client-eks";
import { describe, expect, it } from "vitest";
import { asgBootState } from "@/lib/fleet/providers/aws/instance-boots";
import { mockAws, sent, uniquePool } from "./aws-mocks";

const instances = (inService: number, pending = 0): Instance[] => [
  ...Array.from({ length: inService }, (_, i) => ({
    InstanceId: `i-a${i}`,
    LifecycleState: "InService" as const,
    AvailabilityZone: "us-east-1a",
    HealthStatus: "Healthy",
    ProtectedFromScaleIn: false,
  })),
  ...Array.from({ length: pending }, (_, i) => ({
    InstanceId: `i-b${i}`,
    LifecycleState: "Pending" as const,
    AvailabilityZone: "us-east-1a",
    HealthStatus: "Healthy",
    ProtectedFromScaleIn: false,
  })),
];

/** The boots getScalingStatus reports for `instances(...)`: no launch or in-service time from Auto Scaling. */
const boots = (inService: number, pending = 0) => [
  ...Array.from({ length: inService }, (_, i) => ({
    instanceId: `i-a${i}`,
    nodeName: null,
    state: "in_service",
    launchedAt: null,
    inServiceAt: null,
  })),
  ...Array.from({ length: pending }, (_, i) => ({
    instanceId: `i-b${i}`,
    nodeName: null,
    state: "pending",
    launchedAt: null,
    inServiceAt: null,
  })),
];

describe("launch on an ASG pool", () => {
  it("sends one absolute SetDesiredCapacity without cooldown, the same on a repeat", async () => {
    const { asg, eks, provider, regions } = mockAws();
    asg.on(SetDesiredCapacityCommand).resolves({});
    const pool = uniquePool({ backingKind: "asg", region: "us-west-2" });

    expect(await provider.setDesiredCapacity(pool, 6, { idempotencyToken: "tok-1" })).toEqual({ ref: null });
    await provider.setDesiredCapacity(pool, 6, { idempotencyToken: "tok-1" });

    const expected = [
      "SetDesiredCapacityCommand",
      { AutoScalingGroupName: pool.backingId, DesiredCapacity: 6, HonorCooldown: false },
    ];
    expect(sent(asg)).toEqual([expected, expected]);
    expect(sent(eks)).toEqual([]);
    expect(new Set(regions)).toEqual(new Set(["us-west-2"]));
  });

  it("reports progress from the group's instances, with the latest failed activity as the reason", async () => {
    const { asg, provider } = mockAws();
    const pool = uniquePool({ backingKind: "asg" });
    const group = (desired: number, list: Instance[]) => ({
      AutoScalingGroups: [
        {
          AutoScalingGroupName: pool.backingId,
          DesiredCapacity: desired,
          MinSize: 0,
          MaxSize: 10,
          Instances: list,
          DefaultCooldown: 300,
          AvailabilityZones: [],
          HealthCheckType: "EC2",
          CreatedTime: new Date(0),
        },
      ],
    });
    asg.on(DescribeScalingActivitiesCommand).resolves({
      Activities: [
        {
          ActivityId: "a1",
          AutoScalingGroupName: pool.backingId,
          Cause: "x",
          StartTime: new Date(0),
          StatusCode: "Failed",
          StatusMessage: "InsufficientInstanceCapacity: not enough trn2.48xlarge capacity",
        },
      ],
    });
    asg
      .on(DescribeAutoScalingGroupsCommand)
      .resolvesOnce(group(6, instances(4, 2)))
      .resolvesOnce(group(6, instances(6)))
      .resolvesOnce(group(8, instances(6)));

    expect(await provider.getScalingStatus(pool, { ref: null, desired: 6 })).toEqual({
      state: "in_progress",
      inService: 4,
      instances: boots(4, 2),
      message: "InsufficientInstanceCapacity: not enough trn2.48xlarge capacity",
    });
    expect(await provider.getScalingStatus(pool, { ref: null, desired: 6 })).toEqual({
      state: "succeeded",
      inService: 6,
      instances: boots(6),
    });
    const moved = await provider.getScalingStatus(pool, { ref: null, desired: 6 });
    expect(moved).toMatchObject({ state: "failed", inService: 6 });
    expect(moved.message).toMatch(/now 8, not 6/);

    expect(sent(asg).map(([name]) => name)).toEqual([
      "DescribeAutoScalingGroupsCommand",
      "DescribeScalingActivitiesCommand",
      "DescribeAutoScalingGroupsCommand",
      "DescribeAutoScalingGroupsCommand",
    ]);
    expect(asg.commandCalls(DescribeAutoScalingGroupsCommand)[0]?.args[0].input).toEqual({
      AutoScalingGroupNames: [pool.backingId],
    });
  });
});

describe("launch on an EKS node group pool", () => {
  const nodegroupAnswer = (min: number, max: number, desired: number) => ({
    nodegroup: {
      scalingConfig: { minSize: min, maxSize: max, desiredSize: desired },
      resources: { autoScalingGroups: [{ name: "eks-ng-asg-1" }] },
      status: "ACTIVE" as const,
    },
  });

  it("updates scalingConfig with the idempotency token, widening max, and returns the update id", async () => {
    const { asg, eks, provider } = mockAws();
    const pool = uniquePool({ backingKind: "eks_nodegroup" });
    eks.on(DescribeNodegroupCommand).resolves(nodegroupAnswer(2, 8, 4));
    eks.on(UpdateNodegroupConfigCommand).resolves({ update: { id: "upd-123", status: "InProgress" } });

    const result = await provider.setDesiredCapacity(pool, 10, { idempotencyToken: "action-42-step-1" });

    expect(result).toEqual({ ref: "upd-123" });
    expect(sent(eks)).toEqual([
      ["DescribeNodegroupCommand", { clusterName: pool.clusterName, nodegroupName: pool.backingId }],
      [
        "UpdateNodegroupConfigCommand",
        {
          clusterName: pool.clusterName,
          nodegroupName: pool.backingId,
          scalingConfig: { minSize: 2, maxSize: 10, desiredSize: 10 },
          clientRequestToken: "action-42-step-1",
        },
      ],
    ]);
    expect(sent(asg)).toEqual([]);
  });

  it("lowers min for a smaller target and sends nothing when the group is already there", async () => {
    const { eks, provider } = mockAws();
    const pool = uniquePool({ backingKind: "eks_nodegroup" });
    eks
      .on(DescribeNodegroupCommand)
      .resolvesOnce(nodegroupAnswer(3, 8, 4))
      .resolves(nodegroupAnswer(1, 8, 1));
    eks.on(UpdateNodegroupConfigCommand).resolves({ update: { id: "upd-9" } });

    await provider.setDesiredCapacity(pool, 1, { idempotencyToken: "t" });
    expect(await provider.setDesiredCapacity(pool, 1, { idempotencyToken: "t" })).toEqual({ ref: null });

    const updates = eks.commandCalls(UpdateNodegroupConfigCommand);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.args[0].input.scalingConfig).toEqual({ minSize: 1, maxSize: 8, desiredSize: 1 });
  });

  it("maps DescribeUpdate InProgress / Failed / Successful to the ScalingStatus", async () => {
    const { asg, eks, provider } = mockAws();
    const pool = uniquePool({ backingKind: "eks_nodegroup" });
    eks.on(DescribeNodegroupCommand).resolves(nodegroupAnswer(2, 10, 10));
    const group = (list: Instance[]) => ({
      AutoScalingGroups: [
        {
          AutoScalingGroupName: "eks-ng-asg-1",
          DesiredCapacity: 10,
          MinSize: 2,
          MaxSize: 10,
          Instances: list,
          DefaultCooldown: 300,
          AvailabilityZones: [],
          HealthCheckType: "EC2",
          CreatedTime: new Date(0),
        },
      ],
    });
    asg
      .on(DescribeAutoScalingGroupsCommand)
      .resolvesOnce(group(instances(4)))
      .resolvesOnce(group(instances(4)))
      .resolvesOnce(group(instances(7, 3)))
      .resolves(group(instances(10)));
    asg.on(DescribeScalingActivitiesCommand).resolves({ Activities: [] });
    eks
      .on(DescribeUpdateCommand)
      .resolvesOnce({ update: { id: "upd-1", status: "InProgress" } })
      .resolvesOnce({
        update: {
          id: "upd-1",
          status: "Failed",
          errors: [{ errorCode: "NodeCreationFailure", errorMessage: "InsufficientInstanceCapacity" }],
        },
      })
      .resolves({ update: { id: "upd-1", status: "Successful" } });

    const inProgress = await provider.getScalingStatus(pool, { ref: "upd-1", desired: 10 });
    const failed = await provider.getScalingStatus(pool, { ref: "upd-1", desired: 10 });
    const launching = await provider.getScalingStatus(pool, { ref: "upd-1", desired: 10 });
    const done = await provider.getScalingStatus(pool, { ref: "upd-1", desired: 10 });

    expect(inProgress).toMatchObject({ state: "in_progress", inService: 4 });
    expect(failed).toMatchObject({ state: "failed", inService: 4 });
    expect(failed.message).toContain("NodeCreationFailure: InsufficientInstanceCapacity");
    // The update succeeding only means the ASG's desired changed: instances are still coming.
    expect(launching).toMatchObject({ state: "in_progress", inService: 7 });
    expect(done).toEqual({ state: "succeeded", inService: 10, instances: boots(10) });
    expect(launching.instances.map((i) => i.state)).toEqual([
      ...Array(7).fill("in_service"),
      ...Array(3).fill("pending"),
    ]);

    expect(eks.commandCalls(DescribeUpdateCommand).map((c) => c.args[0].input)).toEqual(
      Array(4).fill({ name: pool.clusterName, nodegroupName: pool.backingId, updateId: "upd-1" }),
    );
    expect(
      sent(eks)
        .slice(0, 2)
        .map(([name]) => name),
    ).toEqual(["DescribeUpdateCommand", "DescribeNodegroupCommand"]);
  });
});

describe("an Auto Scaling instance's boot state", () => {
  it("is pending until launched, running while a lifecycle hook holds it, failed if it leaves first", () => {
    const states = [
      "Pending",
      "Pending:Wait",
      "Pending:Proceed",
      "InService",
      "Standby",
      "Terminating",
      "Terminating:Wait",
      "Terminated",
      "Detaching",
    ] as const;
    expect(states.map((s) => asgBootState(s))).toEqual([
      "pending",
      "running",
      "running",
      "in_service",
      "running",
      "failed",
      "failed",
      "failed",
      "failed",
    ]);
  });
});

describe("launch on a Karpenter pool", () => {
  it("is refused with a clear error and no AWS call", async () => {
    const { asg, eks, provider } = mockAws();
    const pool = uniquePool({ backingKind: "karpenter_nodepool" });

    await expect(provider.setDesiredCapacity(pool, 4, { idempotencyToken: "t" })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringMatching(/Karpenter NodePool .* has no desired capacity.*pending pods/),
    });
    expect(sent(asg)).toEqual([]);
    expect(sent(eks)).toEqual([]);
  });
});
