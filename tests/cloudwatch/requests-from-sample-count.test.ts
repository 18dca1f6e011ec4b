// CLOUDWATCH_REQUESTS_FROM at the wire (the HTTP stand-in): the exact queries each setting sends
// (ids, statistics, periods), the calls and metrics CloudWatch bills for them counted from the
// request bodies, and the minutes read back, which must be the same either way when the model
// server records one latency sample per request. Expected figures are worked out by hand.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { billGetMetricData } from "@/bench/cloudwatch-wire-bill";
import { createCloudWatchClient } from "@/lib/telemetry/cloudwatch/cloudwatch-client";
import { parseCloudWatchConfig } from "@/lib/telemetry/cloudwatch/cloudwatch-config";
import { createCloudWatchTelemetrySource } from "@/lib/telemetry/cloudwatch/cloudwatch-telemetry-source";
import { startFakeCloudWatchHttp, type CloudWatchQuery } from "../aws-standins/fake-cloudwatch-http";
import { seriesRef } from "./series-fixtures";

const sec = (hhmm: string) => Date.parse(`2026-11-20T${hhmm}:00Z`) / 1000;
// 11:00 served 30 requests (30 latency samples), 11:01 was idle (0 requests, 0 units, no latency
// sample), 11:02 nothing was published at all (the server was down).
const published: Record<string, Array<[number, number]>> = {
  "RequestLatency|p50": [[sec("11:00"), 100]],
  "RequestLatency|p95": [[sec("11:00"), 200]],
  "RequestLatency|p99": [[sec("11:00"), 300]],
  "RequestLatency|SampleCount": [[sec("11:00"), 30]],
  "Requests|Sum": [
    [sec("11:00"), 30],
    [sec("11:01"), 0],
  ],
  "Units|Sum": [
    [sec("11:00"), 300],
    [sec("11:01"), 0],
  ],
  "GroupInServiceInstances|Average": [sec("11:00"), sec("11:01"), sec("11:02")].map((t) => [t, 4] as [number, number]),
  "GroupTotalInstances|Average": [sec("11:00"), sec("11:01"), sec("11:02")].map((t) => [t, 5] as [number, number]),
};

let fake: Awaited<ReturnType<typeof startFakeCloudWatchHttp>>;
const now = new Date("2026-11-20T11:05:30Z");
const one = [seriesRef({ seriesId: 7, poolId: "p", modelId: "m" })];

function sourceWith(env: Record<string, string>) {
  const config = parseCloudWatchConfig({ CLOUDWATCH_EC2_PERIOD_SECONDS: "60", ...env });
  const clientFor = ({ region }: { region: string }) =>
    createCloudWatchClient({
      region,
      retry: config.retry,
      overrides: { endpoint: fake.url, credentials: { accessKeyId: "test", secretAccessKey: "test" } },
    });
  return createCloudWatchTelemetrySource({ config, clientFor, now: () => now });
}

const sent = (q: CloudWatchQuery) => `${q.id} ${q.metricName} ${q.stat} ${q.period}`;

beforeAll(async () => {
  fake = await startFakeCloudWatchHttp({ datapoints: (q) => published[`${q.metricName}|${q.stat}`] ?? [] });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

describe("requests from the latency metric's SampleCount", () => {
  const from = new Date("2026-11-20T11:00:00Z");
  const to = new Date("2026-11-20T11:03:00Z");

  it("default: Requests Sum, 6 metrics billed for one ASG series' 8 queries", async () => {
    const result = await sourceWith({}).fetchMinutes({ series: one, from, to });
    expect(fake.requests.flatMap((r) => r.metricQueries.map(sent))).toEqual([
      "s7_p50 RequestLatency p50 60",
      "s7_p95 RequestLatency p95 60",
      "s7_p99 RequestLatency p99 60",
      "s7_req Requests Sum 60",
      "s7_units Units Sum 60",
      "u7 CPUUtilization Average 60",
      "n7 GroupInServiceInstances Average 60",
      "b7 GroupTotalInstances Average 60",
    ]);
    // RequestLatency (3 statistics, one metric), Requests, Units, CPUUtilization, 2 group metrics.
    expect(billGetMetricData(fake.requests)).toMatchObject({ calls: 1, billedMetrics: 6, perQueryMetrics: 8 });
    expect(result.usage).toEqual({ requests: 1, metricsRequested: 6 });
  });

  it("latency-sample-count: SampleCount as a 4th latency statistic, one metric fewer, the same minutes", async () => {
    const before = await sourceWith({}).fetchMinutes({ series: one, from, to });
    fake.requests.length = 0;
    const after = await sourceWith({ CLOUDWATCH_REQUESTS_FROM: "latency-sample-count" }).fetchMinutes({
      series: one,
      from,
      to,
    });
    expect(fake.requests.flatMap((r) => r.metricQueries.map(sent))).toEqual([
      "s7_p50 RequestLatency p50 60",
      "s7_p95 RequestLatency p95 60",
      "s7_p99 RequestLatency p99 60",
      "s7_req RequestLatency SampleCount 60",
      "s7_units Units Sum 60",
      "u7 CPUUtilization Average 60",
      "n7 GroupInServiceInstances Average 60",
      "b7 GroupTotalInstances Average 60",
    ]);
    expect(billGetMetricData(fake.requests)).toMatchObject({ calls: 1, billedMetrics: 5, perQueryMetrics: 8 });
    expect(after.usage).toEqual({ requests: 1, metricsRequested: 5 });
    // 11:00 served 30; 11:01 idle: no SampleCount datapoint, Units 0, so 0 requests (as Requests
    // Sum said); 11:02 nothing published: null both ways.
    expect(after.points.map((p) => [p.ts.toISOString().slice(11, 16), p.requests, p.units])).toEqual([
      ["11:00", 30, 300],
      ["11:01", 0, 0],
      ["11:02", null, null],
    ]);
    expect(after.points).toEqual(before.points);
  });

  it("leaves requests null when units were served but no latency sample was recorded", async () => {
    const units = published["Units|Sum"]!;
    published["Units|Sum"] = [...units, [sec("11:02"), 50]];
    try {
      const { points } = await sourceWith({ CLOUDWATCH_REQUESTS_FROM: "latency-sample-count" }).fetchMinutes({
        series: one,
        from,
        to,
      });
      expect(points.find((p) => p.ts.toISOString().slice(11, 16) === "11:02")).toMatchObject({
        requests: null,
        units: 50,
      });
    } finally {
      published["Units|Sum"] = units;
    }
  });

  it("is requests-sum unless set, and refuses anything else", () => {
    expect(parseCloudWatchConfig({}).app.requestsFrom).toBe("requests-sum");
    expect(() => parseCloudWatchConfig({ CLOUDWATCH_REQUESTS_FROM: "sample-count" })).toThrow();
  });
});
