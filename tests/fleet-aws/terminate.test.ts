// A drain's terminate step on ASG and EKS node group pools: exactly the chosen instances, each
// with ShouldDecrementDesiredCapacity, and nothing twice when the step is repeated.
import {
  type AutoScalingGroup,
  DescribeAutoScalingGroupsCommand,
  type Instance,
  SetInstanceProtectionCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from "@aws-sdk/client-auto-scaling";
import { DescribeNodegroupCommand } from "@aws-sdk/client-eks";
import { describe, expect, it } from "vitest";
import { mockAws, sent, uniquePool } from "./aws-mocks";

const instance = (id: string, state: Instance["LifecycleState"], isProtected = false): Instance => ({
  InstanceId: id,
  LifecycleState: state,
  ProtectedFromScaleIn: isProtected,
  AvailabilityZone: "us-east-1a",
  HealthStatus: "Healthy",
});

const groupAnswer = (name: string, desired: number, min: number, list: Instance[]) => ({
  AutoScalingGroups: [
    {
      AutoScalingGroupName: name,
      DesiredCapacity: desired,
      MinSize: min,
      MaxSize: 10,
      Instances: list,
      DefaultCooldown: 300,
      AvailabilityZones: [],
      HealthCheckType: "EC2",
      CreatedTime: new Date(0),
    } satisfies AutoScalingGroup,
  ],
});

const terminateCall = (id: string) => [
  "TerminateInstanceInAutoScalingGroupCommand",
  { InstanceId: id, ShouldDecrementDesiredCapacity: true },
];

describe("terminateInstances on an ASG pool", () => {
  it("terminates exactly the chosen live instances, unprotecting only those, and skips the rest", async () => {
    const { asg, provider } = mockAws();
    const pool = uniquePool({ backingKind: "asg" });
    asg
      .on(DescribeAutoScalingGroupsCommand)
      .resolves(
        groupAnswer(pool.backingId, 5, 1, [
          instance("i-0001", "InService", true),
          instance("i-0002", "InService"),
          instance("i-0003", "Terminating:Wait"),
          instance("i-0004", "InService", true),
          instance("i-0005", "InService"),
        ]),
      );
    asg.on(SetInstanceProtectionCommand).resolves({});
    asg.on(TerminateInstanceInAutoScalingGroupCommand).resolves({ Activity: undefined });

    await provider.terminateInstances(pool, ["i-0001", "i-0002", "i-0003", "i-0999", "i-0001"]);

    expect(sent(asg)).toEqual([
      ["DescribeAutoScalingGroupsCommand", { AutoScalingGroupNames: [pool.backingId] }],
      [
        "SetInstanceProtectionCommand",
        { AutoScalingGroupName: pool.backingId, InstanceIds: ["i-0001"], ProtectedFromScaleIn: false },
      ],
      terminateCall("i-0001"),
      terminateCall("i-0002"),
    ]);
  });

  it("does not scale in twice when the step is repeated after a crash", async () => {
    const { asg, provider } = mockAws();
    const pool = uniquePool({ backingKind: "asg" });
    asg
      .on(DescribeAutoScalingGroupsCommand)
      .resolvesOnce(
        groupAnswer(pool.backingId, 4, 0, [
          instance("i-0001", "InService"),
          instance("i-0002", "InService"),
          instance("i-0003", "InService"),
        ]),
      )
      // The first attempt's calls took effect: i-0001 is on its way out, desired went 4 → 3.
      .resolves(
        groupAnswer(pool.backingId, 3, 0, [
          instance("i-0001", "Terminating"),
          instance("i-0002", "InService"),
          instance("i-0003", "InService"),
        ]),
      );
    asg.on(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: "i-0001" }).resolvesOnce({});
    // Crash stand-in: the first attempt dies before it reaches i-0002.
    asg
      .on(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: "i-0002" })
      .rejectsOnce(new Error("worker crashed"))
      .resolves({});

    await expect(provider.terminateInstances(pool, ["i-0001", "i-0002"])).rejects.toThrow("worker crashed");
    await provider.terminateInstances(pool, ["i-0001", "i-0002"]);

    const terminated = asg
      .commandCalls(TerminateInstanceInAutoScalingGroupCommand)
      .map((c) => c.args[0].input.InstanceId);
    expect(terminated).toEqual(["i-0001", "i-0002", "i-0002"]);
    expect(asg.commandCalls(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: "i-0001" })).toHaveLength(1);
  });

  it("treats an instance that vanished before its call as gone", async () => {
    const { asg, provider } = mockAws();
    const pool = uniquePool({ backingKind: "asg" });
    asg
      .on(DescribeAutoScalingGroupsCommand)
      .resolves(groupAnswer(pool.backingId, 3, 0, [instance("i-0001", "InService"), instance("i-0002", "InService")]));
    const vanished = Object.assign(
      new Error("Instance Id not found - No managed instance found for instance ID: i-0001"),
      { name: "ValidationError" },
    );
    asg.on(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: "i-0001" }).rejects(vanished);
    asg.on(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: "i-0002" }).resolves({});

    await provider.terminateInstances(pool, ["i-0001", "i-0002"]);

    expect(asg.commandCalls(TerminateInstanceInAutoScalingGroupCommand)).toHaveLength(2);
  });

  it("refuses before terminating anything when the group would go below its minimum", async () => {
    const { asg, provider } = mockAws();
    const pool = uniquePool({ backingKind: "asg" });
    asg
      .on(DescribeAutoScalingGroupsCommand)
      .resolves(
        groupAnswer(pool.backingId, 3, 2, [
          instance("i-0001", "InService"),
          instance("i-0002", "InService"),
          instance("i-0003", "InService"),
        ]),
      );

    await expect(provider.terminateInstances(pool, ["i-0001", "i-0002"])).rejects.toMatchObject({
      code: "BelowMinSize",
      message: expect.stringMatching(/below its minimum of 2/),
    });
    expect(sent(asg).map(([name]) => name)).toEqual(["DescribeAutoScalingGroupsCommand"]);
  });
});

describe("terminateInstances on an EKS node group pool", () => {
  it("finds the node group's ASG and terminates only that group's chosen instances", async () => {
    const { asg, eks, provider } = mockAws();
    const pool = uniquePool({ backingKind: "eks_nodegroup" });
    eks.on(DescribeNodegroupCommand).resolves({
      nodegroup: {
        scalingConfig: { minSize: 0, maxSize: 8, desiredSize: 4 },
        resources: { autoScalingGroups: [{ name: "eks-ng-7f" }] },
      },
    });
    asg
      .on(DescribeAutoScalingGroupsCommand)
      .resolves(
        groupAnswer("eks-ng-7f", 4, 0, [
          instance("i-00a1", "InService"),
          instance("i-00a2", "Terminated"),
          instance("i-00a3", "InService"),
          instance("i-00a4", "InService"),
        ]),
      );
    asg.on(TerminateInstanceInAutoScalingGroupCommand).resolves({});

    await provider.terminateInstances(pool, ["i-00a1", "i-00a2", "i-00a3", "i-0bad"]);

    expect(sent(eks)).toEqual([
      ["DescribeNodegroupCommand", { clusterName: pool.clusterName, nodegroupName: pool.backingId }],
    ]);
    expect(sent(asg)).toEqual([
      ["DescribeAutoScalingGroupsCommand", { AutoScalingGroupNames: ["eks-ng-7f"] }],
      terminateCall("i-00a1"),
      terminateCall("i-00a3"),
    ]);
  });
});
