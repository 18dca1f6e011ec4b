// The cost bench's bill of recorded GetMetricData calls, on hand-made requests.
import { describe, expect, it } from "vitest";
import { billGetMetricData, usdFor } from "@/bench/cloudwatch-wire-bill";
import { batchQueries } from "@/lib/telemetry/cloudwatch/fetch-metric-data";
import type { CloudWatchQuery, CloudWatchRequest } from "@/tests/aws-standins/fake-cloudwatch-http";

const q = (id: string, metricName: string, stat: string, dims: Array<[string, string]> = [["Pool", "a"]]) =>
  ({
    id,
    namespace: "NS",
    metricName,
    dimensions: dims.map(([Name, Value]) => ({ Name, Value })),
    period: 60,
    stat,
    returnData: true,
  }) satisfies CloudWatchQuery;

const call = (metricQueries: CloudWatchQuery[], extra: Partial<CloudWatchRequest> = {}): CloudWatchRequest => ({
  target: "GraniteServiceVersion20100801.GetMetricData",
  region: "us-east-1",
  queries: metricQueries.length,
  startTime: 0,
  endTime: 60,
  metricQueries,
  ...extra,
});

describe("billGetMetricData", () => {
  it("bills up to 5 statistics of one metric per call as one metric, a 6th as another", () => {
    const stats = ["p50", "p95", "p99", "SampleCount", "Average", "Maximum"];
    const bill = billGetMetricData([call(stats.map((s, i) => q(`l${i}`, "Latency", s)))]);
    expect(bill).toEqual({
      calls: 1,
      pages: 0,
      metricStatQueries: 6,
      expressions: 0,
      billedMetrics: 2,
      perQueryMetrics: 6,
    });
  });

  it("tells metrics apart by dimensions (in any order) and bills each call, pages included, again", () => {
    const queries = [
      q("a", "Requests", "Sum", [
        ["Pool", "a"],
        ["Model", "m"],
      ]),
      q("b", "Requests", "SampleCount", [
        ["Model", "m"],
        ["Pool", "a"],
      ]),
      q("c", "Requests", "Sum", [["Pool", "b"]]),
    ];
    const bill = billGetMetricData([call(queries), call(queries, { nextToken: "100800" })]);
    expect(bill).toMatchObject({ calls: 2, pages: 1, billedMetrics: 4, perQueryMetrics: 6 });
    expect(usdFor(bill.billedMetrics)).toBeCloseTo(0.00004, 10);
  });

  it("does not bill a math expression itself, refuses to guess a SEARCH's, and skips other actions", () => {
    const math = { ...q("e", "", ""), expression: "m1 / m2" };
    expect(billGetMetricData([call([q("m1", "A", "Sum"), q("m2", "B", "Sum"), math])])).toMatchObject({
      expressions: 1,
      billedMetrics: 2,
    });
    const search = { ...q("s", "", ""), expression: "SEARCH('{NS,Pool}', 'Sum', 60)" };
    expect(() => billGetMetricData([call([search])])).toThrow(/SEARCH/);
    expect(
      billGetMetricData([call([q("x", "A", "Sum")], { target: "GraniteServiceVersion20100801.ListMetrics" })]),
    ).toMatchObject({ calls: 0, billedMetrics: 0 });
  });
});

describe("batchQueries", () => {
  const stat = (id: string, metricName: string, stat: string) => ({
    Id: id,
    MetricStat: { Metric: { Namespace: "NS", MetricName: metricName, Dimensions: [] }, Period: 60, Stat: stat },
  });

  it("keeps one metric's statistics in one call, so the metric is billed once", () => {
    // Calls of 4: a's 3 statistics would straddle the first boundary after x; they move whole.
    const queries = [
      stat("x", "X", "Sum"),
      stat("y", "Y", "Sum"),
      stat("a1", "A", "p50"),
      stat("a2", "A", "p95"),
      stat("a3", "A", "p99"),
      stat("z", "Z", "Sum"),
    ];
    expect(batchQueries(queries, 4).map((b) => b.map((q) => q.Id))).toEqual([
      ["x", "y"],
      ["a1", "a2", "a3", "z"],
    ]);
  });

  it("cuts a metric after 5 statistics (the 6th bills anyway) and keeps plain order otherwise", () => {
    const six = ["p10", "p50", "p90", "p95", "p99", "p99.9"].map((s, i) => stat(`l${i}`, "L", s));
    expect(batchQueries(six, 5).map((b) => b.length)).toEqual([5, 1]);
    const plain = Array.from({ length: 7 }, (_, i) => stat(`m${i}`, `M${i}`, "Sum"));
    expect(batchQueries(plain, 3).map((b) => b.length)).toEqual([3, 3, 1]);
  });
});
