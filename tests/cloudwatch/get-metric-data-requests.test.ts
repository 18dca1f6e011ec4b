// Client-boundary tests: the exact GetMetricData inputs the CloudWatch source sends, and how it
// reads the answers back (batching, ids, pagination, partial and failed queries).
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCloudWatchConfig } from "@/lib/telemetry/cloudwatch/cloudwatch-config";
import { createCloudWatchTelemetrySource } from "@/lib/telemetry/cloudwatch/cloudwatch-telemetry-source";
import { answerGetMetricData } from "./fake-cloudwatch";
import { expectedAsgSeriesQueries, seriesRef } from "./series-fixtures";

const cw = mockClient(CloudWatchClient);
const now = new Date("2026-11-20T12:00:30Z");
// Detailed monitoring: every metric at 60 s (basic monitoring is tests/cloudwatch/late-and-missing-data.test.ts).
const config = parseCloudWatchConfig({ CLOUDWATCH_EC2_PERIOD_SECONDS: "60" });
const clients = new Map<string, CloudWatchClient>();
const clientFor = ({ region }: { region: string }) => {
  if (!clients.has(region))
    clients.set(
      region,
      new CloudWatchClient({ region, credentials: { accessKeyId: "test", secretAccessKey: "test" } }),
    );
  return clients.get(region)!;
};
const source = createCloudWatchTelemetrySource({ config, clientFor, now: () => now });
const inputs = (): GetMetricDataCommandInput[] => cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
const at = (iso: string) => new Date(iso);

beforeEach(() => {
  cw.reset();
  cw.on(GetMetricDataCommand).callsFake(answerGetMetricData);
});
afterEach(() => cw.reset());

describe("batching", () => {
  // 100 ASG pools serving 2 models each: 200 series × 5 application queries + 100 × (utilization
  // + instances in service + instances billed) shared by each pool's two series = 1,300 queries.
  const series = Array.from({ length: 100 }, (_, i) => [
    seriesRef({ seriesId: 2 * i + 1, poolId: `pool-${i}`, modelId: "model-a" }),
    seriesRef({ seriesId: 2 * i + 2, poolId: `pool-${i}`, modelId: "model-b" }),
  ]).flat();

  it("sends 1,300 queries as 3 requests of at most 500, with stable ids, periods, stats and dimensions", async () => {
    const result = await source.fetchMinutes({
      series,
      from: at("2026-11-20T11:00:00Z"),
      to: at("2026-11-20T11:10:00Z"),
    });
    const expected = series.flatMap((s) => expectedAsgSeriesQueries(s, 60, { withPoolQueries: s.seriesId % 2 === 1 }));
    expect(expected).toHaveLength(1300);
    const sent = inputs();
    expect(sent.map((i) => i.MetricDataQueries!.length)).toEqual([500, 500, 300]);
    expect(sent.flatMap((i) => i.MetricDataQueries)).toEqual(expected);
    for (const input of sent) {
      expect(input.StartTime).toEqual(at("2026-11-20T11:00:00Z"));
      expect(input.EndTime).toEqual(at("2026-11-20T11:10:00Z"));
      expect(input.ScanBy).toBe("TimestampAscending");
      expect(input).not.toHaveProperty("NextToken");
      for (const q of input.MetricDataQueries!) expect(q.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
    }
    expect(new Set(expected.map((q) => q.Id)).size).toBe(1300);
    // Billing: per call, distinct metrics (p50/p95/p99 of one latency metric count once).
    const billed = sent.reduce(
      (sum, i) =>
        sum +
        new Set(
          i.MetricDataQueries!.map((q) =>
            JSON.stringify([q.MetricStat!.Metric!.MetricName, q.MetricStat!.Metric!.Dimensions]),
          ),
        ).size,
      0,
    );
    expect(result.usage).toEqual({ requests: 3, metricsRequested: billed });
    // 13 queries per pool: call 1 ends after u77, call 2 after s154's requests (its units in call 3),
    // so no metric is split across calls.
    expect(billed).toBe(200 * 3 + 100 * 3);
  });

  it("maps results back to minute points: application fields per series, pool fields shared", async () => {
    const { points } = await source.fetchMinutes({
      series: series.slice(0, 2),
      from: at("2026-11-20T11:00:00Z"),
      to: at("2026-11-20T11:03:00Z"),
    });
    expect(points).toHaveLength(6);
    const minute = Math.floor(at("2026-11-20T11:01:00Z").getTime() / 60_000);
    const first = points.find((p) => p.seriesId === 1 && p.ts.getTime() === at("2026-11-20T11:01:00Z").getTime());
    const second = points.find((p) => p.seriesId === 2 && p.ts.getTime() === at("2026-11-20T11:01:00Z").getTime());
    expect(first).toEqual({
      seriesId: 1,
      poolId: "pool-0",
      ts: at("2026-11-20T11:01:00Z"),
      latencyP50Ms: 101,
      latencyP95Ms: 201,
      latencyP99Ms: 301,
      requests: 60,
      units: 600,
      utilizationPct: 21 + (minute % 3),
      // The pool's 8 in service and 9 billed, shared by its two series: billed once, not twice.
      instances: 4,
      billedInstances: 4.5,
    });
    expect(second).toEqual({
      ...first,
      seriesId: 2,
      latencyP50Ms: 102,
      latencyP95Ms: 202,
      latencyP99Ms: 302,
      requests: 120,
      units: 1200,
    });
  });

  it("sends each region's queries through that region's client", async () => {
    const east = seriesRef({ seriesId: 1, poolId: "east", modelId: "m" });
    const west = seriesRef({ seriesId: 2, poolId: "west", modelId: "m", region: "us-west-2" });
    await source.fetchMinutes({
      series: [west, east],
      from: at("2026-11-20T11:00:00Z"),
      to: at("2026-11-20T11:01:00Z"),
    });
    const calls = cw.commandCalls(GetMetricDataCommand);
    expect(calls.map((c) => c.thisValue)).toEqual([clients.get("us-east-1"), clients.get("us-west-2")]);
    expect(calls[0]!.args[0].input.MetricDataQueries).toEqual(
      expectedAsgSeriesQueries(east, 60, { withPoolQueries: true }),
    );
    expect(calls[1]!.args[0].input.MetricDataQueries).toEqual(
      expectedAsgSeriesQueries(west, 60, { withPoolQueries: true }),
    );
  });
});

describe("where node metrics come from", () => {
  const trn = (seriesId: number, poolId: string, backingKind: "eks_nodegroup" | "karpenter_nodepool" | "asg") =>
    seriesRef({
      seriesId,
      poolId,
      modelId: "m",
      chipFamily: "trainium",
      instanceType: "trn2.48xlarge",
      backingKind,
      backingId: `ng-${poolId}`,
      clusterName: backingKind === "asg" ? null : "inference-use1",
    });

  it("Container Insights: one cluster-level Neuron query shared by the cluster's pools; ASG Trainium from neuron-monitor", async () => {
    const series = [trn(1, "a", "eks_nodegroup"), trn(2, "b", "karpenter_nodepool"), trn(3, "c", "asg")];
    const { points } = await source.fetchMinutes({
      series,
      from: at("2026-11-20T11:00:00Z"),
      to: at("2026-11-20T11:01:00Z"),
    });
    const pool = inputs()[0]!.MetricDataQueries!.filter((q) => !q.Id!.startsWith("s"));
    expect(pool).toEqual([
      {
        Id: "u1",
        MetricStat: {
          Metric: {
            Namespace: "ContainerInsights",
            MetricName: "node_neuroncore_utilization",
            Dimensions: [{ Name: "ClusterName", Value: "inference-use1" }],
          },
          Period: 60,
          Stat: "Average",
        },
        ReturnData: true,
      },
      {
        Id: "u3",
        MetricStat: {
          Metric: {
            Namespace: "NeuronMonitor",
            MetricName: "neuroncore_utilization",
            Dimensions: [{ Name: "AutoScalingGroupName", Value: "ng-c" }],
          },
          Period: 60,
          Stat: "Average",
        },
        ReturnData: true,
      },
      {
        Id: "n3",
        MetricStat: {
          Metric: {
            Namespace: "AWS/AutoScaling",
            MetricName: "GroupInServiceInstances",
            Dimensions: [{ Name: "AutoScalingGroupName", Value: "ng-c" }],
          },
          Period: 60,
          Stat: "Average",
        },
        ReturnData: true,
      },
      {
        Id: "b3",
        MetricStat: {
          Metric: {
            Namespace: "AWS/AutoScaling",
            MetricName: "GroupTotalInstances",
            Dimensions: [{ Name: "AutoScalingGroupName", Value: "ng-c" }],
          },
          Period: 60,
          Stat: "Average",
        },
        ReturnData: true,
      },
    ]);
    // Node groups and NodePools have no in-service metric: their desired capacity stands in.
    expect(points.map((p) => [p.seriesId, p.utilizationPct, p.instances])).toEqual([
      [1, 21 + (Math.floor(at("2026-11-20T11:00:00Z").getTime() / 60_000) % 3), 10],
      [2, points[0]!.utilizationPct, 10],
      [3, 23 + (Math.floor(at("2026-11-20T11:00:00Z").getTime() / 60_000) % 3), 7],
    ]);
  });

  it("neuron-monitor mode and custom application names come from the environment", async () => {
    const custom = parseCloudWatchConfig({
      NEURON_METRICS_SOURCE: "neuron-monitor",
      NEURON_MONITOR_NAMESPACE: "Neuron/Custom",
      NEURON_MONITOR_METRIC: "core_util",
      NEURON_MONITOR_POOL_DIMENSION: "NodePool",
      CLOUDWATCH_APP_NAMESPACE: "Acme/Serving",
      CLOUDWATCH_MODEL_DIMENSION: "model_id",
      CLOUDWATCH_POOL_DIMENSION: "pool_id",
      CLOUDWATCH_LATENCY_METRIC: "latency_ms",
    });
    const customSource = createCloudWatchTelemetrySource({ config: custom, clientFor, now: () => now });
    await customSource.fetchMinutes({
      series: [trn(4, "d", "karpenter_nodepool")],
      from: at("2026-11-20T11:00:00Z"),
      to: at("2026-11-20T11:01:00Z"),
    });
    const queries = inputs()[0]!.MetricDataQueries!;
    expect(queries.map((q) => q.Id)).toEqual(["s4_p50", "s4_p95", "s4_p99", "s4_req", "s4_units", "u4"]);
    expect(queries[1]!.MetricStat).toEqual({
      Metric: {
        Namespace: "Acme/Serving",
        MetricName: "latency_ms",
        Dimensions: [
          { Name: "model_id", Value: "m" },
          { Name: "pool_id", Value: "d" },
        ],
      },
      Period: 60,
      Stat: "p95",
    });
    expect(queries[5]!.MetricStat!.Metric).toEqual({
      Namespace: "Neuron/Custom",
      MetricName: "core_util",
      Dimensions: [{ Name: "NodePool", Value: "ng-d" }],
    });
  });
});

describe("pagination and per-query status", () => {
  const one = [seriesRef({ seriesId: 1, poolId: "p", modelId: "m" })];
  const from = at("2026-11-20T11:00:00Z");
  const to = at("2026-11-20T11:10:00Z");
  const page = (input: GetMetricDataCommandInput, start: string, end: string, status: "PartialData" | "Complete") => ({
    MetricDataResults: answerGetMetricData({ ...input, StartTime: at(start), EndTime: at(end) }).MetricDataResults!.map(
      (r) => ({ ...r, StatusCode: status }),
    ),
  });

  it("follows NextToken with the same queries and merges the pages per query id", async () => {
    cw.reset();
    cw.on(GetMetricDataCommand)
      .callsFakeOnce((input) => ({
        ...page(input, "2026-11-20T11:00:00Z", "2026-11-20T11:06:00Z", "PartialData"),
        NextToken: "page-2",
      }))
      .callsFakeOnce((input) => page(input, "2026-11-20T11:06:00Z", "2026-11-20T11:10:00Z", "Complete"));
    const { points, usage } = await source.fetchMinutes({ series: one, from, to });
    const [first, second] = inputs();
    expect(first).not.toHaveProperty("NextToken");
    expect(second).toEqual({ ...first, NextToken: "page-2" });
    expect(points.map((p) => p.ts.toISOString().slice(11, 16))).toEqual([
      "11:00",
      "11:01",
      "11:02",
      "11:03",
      "11:04",
      "11:05",
      "11:06",
      "11:07",
      "11:08",
      "11:09",
    ]);
    expect(points.every((p) => p.latencyP95Ms === 201 && p.requests === 60 && p.instances === 8)).toBe(true);
    expect(usage).toEqual({ requests: 2, metricsRequested: 12 }); // 6 metrics, asked for on each page
  });

  it("refuses a result still PartialData after the last page", async () => {
    cw.reset();
    cw.on(GetMetricDataCommand).callsFake((input) =>
      page(input, "2026-11-20T11:00:00Z", "2026-11-20T11:05:00Z", "PartialData"),
    );
    await expect(source.fetchMinutes({ series: one, from, to })).rejects.toThrow(
      /incomplete results for 8 queries: s1_p50: PartialData/,
    );
  });

  it("refuses per-query InternalError and Forbidden, naming the queries and CloudWatch's messages", async () => {
    cw.reset();
    cw.on(GetMetricDataCommand).callsFake((input) => {
      const { MetricDataResults } = page(input, "2026-11-20T11:00:00Z", "2026-11-20T11:10:00Z", "Complete");
      return {
        MetricDataResults: MetricDataResults!.map((r) =>
          r.Id === "s1_req"
            ? {
                ...r,
                Values: [],
                Timestamps: [],
                StatusCode: "InternalError",
                Messages: [{ Code: "InternalError", Value: "try again" }],
              }
            : r.Id === "n1"
              ? { ...r, Values: [], Timestamps: [], StatusCode: "Forbidden" }
              : r,
        ),
      };
    });
    await expect(source.fetchMinutes({ series: one, from, to })).rejects.toThrow(
      "GetMetricData returned incomplete results for 2 queries: s1_req: InternalError (InternalError try again), n1: Forbidden",
    );
  });
});

describe("period by range and retention", () => {
  const one = [seriesRef({ seriesId: 1, poolId: "p", modelId: "m" })];
  const DAY = 86_400_000;
  const nowMinute = at("2026-11-20T12:00:00Z").getTime();

  it("asks for 300 s periods for a 60-day range and spreads each period over its minutes", async () => {
    const from = new Date(nowMinute - 60 * DAY + 2 * 60_000); // 2026-09-21T12:02Z: not on a 5-minute boundary
    const { points } = await source.fetchMinutes({ series: one, from, to: new Date(nowMinute) });
    const [input] = inputs();
    expect(input!.MetricDataQueries!.every((q) => q.MetricStat!.Period === 300)).toBe(true);
    expect(input!.StartTime).toEqual(at("2026-09-21T12:00:00Z"));
    expect(input!.EndTime).toEqual(at("2026-11-20T12:00:00Z")); // 11:58 (settle) rounded up to a period
    expect(points[0]!.ts).toEqual(from);
    expect(points.at(-1)!.ts).toEqual(at("2026-11-20T11:57:00Z"));
    expect(points).toHaveLength((nowMinute - 2 * 60_000 - from.getTime()) / 60_000);
    // Sum over 5 minutes (60 × 5) divided evenly; gauges repeated within the period.
    expect(points.every((p) => p.requests === 60 && p.units === 600 && p.latencyP99Ms === 301)).toBe(true);
    expect(points[0]!.utilizationPct).toBe(points[2]!.utilizationPct);
  });

  it("asks for 3600 s periods for a 120-day range", async () => {
    const from = new Date(nowMinute - 120 * DAY);
    await source.fetchMinutes({ series: one, from, to: new Date(from.getTime() + 6 * 3_600_000) });
    const [input] = inputs();
    expect(input!.MetricDataQueries!.map((q) => q.MetricStat!.Period)).toEqual([
      3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600,
    ]);
    expect(input!.StartTime).toEqual(at("2026-07-23T12:00:00Z"));
    expect(input!.EndTime).toEqual(at("2026-07-23T18:00:00Z"));
  });

  it("leaves minutes younger than the settle time for a later tick", async () => {
    await source.fetchMinutes({ series: one, from: at("2026-11-20T11:50:00Z"), to: at("2026-11-20T12:00:00Z") });
    expect(inputs()[0]!.EndTime).toEqual(at("2026-11-20T11:58:00Z"));
    cw.reset();
    const nothing = await source.fetchMinutes({
      series: one,
      from: at("2026-11-20T11:58:00Z"),
      to: at("2026-11-20T12:00:00Z"),
    });
    expect(nothing).toEqual({ points: [], usage: { requests: 0, metricsRequested: 0 } });
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(0);
  });
});
