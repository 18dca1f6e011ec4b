// Fresher-than-stored pool figures: one CloudWatch call per pool and minute, however many people
// are watching.
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { getLivePoolMetrics } from "@/lib/telemetry/cloudwatch/get-live-pool-metrics";
import { useTestDatabase } from "../setup/test-database";
import { answerGetMetricData } from "./fake-cloudwatch";

useTestDatabase();

const cw = mockClient(CloudWatchClient);
const ASG_POOL = "rank-xl-ctr-use1-r8g-a"; // Graviton ASG with a capacity reservation
const EKS_POOL = "helios-405b-use2-trn2-a"; // Trainium node group in inference-use2
const calls = () => cw.commandCalls(GetMetricDataCommand);
let reservationId = "";

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = "test"; // the real client is built (its `send` is mocked): no chain lookup
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  await seedSimulatedFleet({ now: new Date("2026-11-20T00:00:00Z") });
  reservationId = (await getPrisma().capacityReservation.findFirstOrThrow({ where: { poolId: ASG_POOL } })).id;
});

beforeEach(() => {
  cw.reset();
  cw.on(GetMetricDataCommand).callsFake(answerGetMetricData);
});

describe("getLivePoolMetrics", () => {
  it("50 concurrent readers cause as many GetMetricData calls as one reader", async () => {
    const single = await getLivePoolMetrics({ poolId: ASG_POOL, now: new Date("2026-11-20T12:00:10Z") });
    expect(calls()).toHaveLength(1);

    cw.resetHistory();
    const now = new Date("2026-11-20T12:01:10Z");
    const readers = await Promise.all(Array.from({ length: 50 }, () => getLivePoolMetrics({ poolId: ASG_POOL, now })));
    expect(calls()).toHaveLength(1);
    expect(new Set(readers).size).toBe(1);
    expect(readers[0]!.usage).toEqual(single.usage);

    const asg = (metric: string, namespace: string) => ({
      Namespace: namespace,
      MetricName: metric,
      Dimensions: [{ Name: "AutoScalingGroupName", Value: `asg-${ASG_POOL}` }],
    });
    const cr = (metric: string) => ({
      Namespace: "AWS/EC2CapacityReservations",
      MetricName: metric,
      Dimensions: [{ Name: "CapacityReservationId", Value: reservationId }],
    });
    const q = (Id: string, Metric: object) => ({
      Id,
      MetricStat: { Metric, Period: 60, Stat: "Average" },
      ReturnData: true,
    });
    expect(calls()[0]!.args[0].input).toEqual({
      MetricDataQueries: [
        q("util", asg("CPUUtilization", "AWS/EC2")),
        q("inservice", asg("GroupInServiceInstances", "AWS/AutoScaling")),
        q("r0_used", cr("UsedInstanceCount")),
        q("r0_avail", cr("AvailableInstanceCount")),
        q("r0_util", cr("InstanceUtilization")),
      ],
      StartTime: new Date("2026-11-20T11:46:00Z"),
      EndTime: new Date("2026-11-20T12:01:00Z"),
      ScanBy: "TimestampAscending",
    });
    const live = readers[0]!;
    expect(live.utilizationPct).toHaveLength(15);
    expect(live.utilizationPct[0]).toEqual({ ts: new Date("2026-11-20T11:46:00Z"), value: 55 });
    expect(live.instancesInService!.every((p) => p.value === 9)).toBe(true);
    expect(live.reservations).toEqual([
      expect.objectContaining({
        reservationId,
        usedInstances: expect.arrayContaining([{ ts: new Date("2026-11-20T12:00:00Z"), value: 4 }]),
      }),
    ]);
    expect(live.reservations[0]!.availableInstances[14]).toEqual({ ts: new Date("2026-11-20T12:00:00Z"), value: 12 });
    expect(live.usage).toEqual({ requests: 1, metricsRequested: 5 });
  });

  it("keeps the shared answer until the next period boundary, then asks again", async () => {
    await getLivePoolMetrics({ poolId: ASG_POOL, now: new Date("2026-11-20T13:00:05Z") });
    await getLivePoolMetrics({ poolId: ASG_POOL, now: new Date("2026-11-20T13:00:59Z") });
    expect(calls()).toHaveLength(1);
    await getLivePoolMetrics({ poolId: ASG_POOL, now: new Date("2026-11-20T13:01:00Z") });
    expect(calls()).toHaveLength(2);
    expect(calls()[1]!.args[0].input.EndTime).toEqual(new Date("2026-11-20T13:01:00Z"));
  });

  it("shares a failure among concurrent readers without caching it", async () => {
    cw.reset();
    cw.on(GetMetricDataCommand).rejectsOnce(new Error("Rate exceeded")).callsFake(answerGetMetricData);
    const now = new Date("2026-11-20T14:00:00Z");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () => getLivePoolMetrics({ poolId: ASG_POOL, now })),
    );
    expect(outcomes.every((o) => o.status === "rejected" && (o.reason as Error).message === "Rate exceeded")).toBe(
      true,
    );
    expect(calls()).toHaveLength(1);
    await expect(getLivePoolMetrics({ poolId: ASG_POOL, now })).resolves.toMatchObject({ poolId: ASG_POOL });
    expect(calls()).toHaveLength(2);
  });

  it("reads a node group's cluster-level Neuron utilization and has no in-service metric for it", async () => {
    const live = await getLivePoolMetrics({ poolId: EKS_POOL, minutes: 5, now: new Date("2026-11-20T15:00:00Z") });
    const input = calls()[0]!.args[0].input;
    expect(input.MetricDataQueries![0]).toEqual({
      Id: "util",
      MetricStat: {
        Metric: {
          Namespace: "ContainerInsights",
          MetricName: "node_neuroncore_utilization",
          Dimensions: [{ Name: "ClusterName", Value: "inference-use2" }],
        },
        Period: 60,
        Stat: "Average",
      },
      ReturnData: true,
    });
    expect(input.MetricDataQueries!.map((q) => q.Id)).toEqual(["util", "r0_used", "r0_avail", "r0_util"]);
    expect(live.instancesInService).toBeNull();
    expect(live.utilizationPct).toHaveLength(5);
  });

  it("refuses an unknown pool and an out-of-range window with AppErrors", async () => {
    await expect(
      getLivePoolMetrics({ poolId: "no-such-pool", now: new Date("2026-11-20T16:00:00Z") }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getLivePoolMetrics({ poolId: ASG_POOL, minutes: 10_000 })).rejects.toBeInstanceOf(AppError);
    expect(calls()).toHaveLength(0);
  });
});
