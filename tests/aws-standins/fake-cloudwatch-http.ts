// CloudWatch's GetMetricData on the wire (AWS JSON 1.0, query-compatible: X-Amz-Target
// GraniteServiceVersion20100801.GetMetricData; epoch-second timestamps), for the end-to-end start
// against a fake account and for ingest tests at the wire. By default it answers every query with
// no datapoints, as CloudWatch does for a metric nobody publishes: periods without data are
// omitted, never sent as zeros. A test may publish datapoints (`datapoints`): each query is then
// answered with those of its metric and statistic in [StartTime, EndTime), as published. Every
// request body is kept (`requests`), so a test or the cost bench counts what the SDK really sent.
import { readCredentialScope, requestId, startStandinServer, type StandinReply } from "./standin-server";

/** One MetricDataQuery as it arrived. */
export type CloudWatchQuery = {
  id: string;
  namespace: string;
  metricName: string;
  dimensions: Array<{ Name: string; Value: string }>;
  period: number;
  stat: string;
  /** A metric math or SEARCH expression (then no MetricStat). */
  expression?: string;
  returnData: boolean;
};

export type CloudWatchRequest = {
  target: string;
  region: string;
  queries: number;
  /** The page asked for (NextToken), absent on a first call. */
  nextToken?: string;
  startTime: number;
  endTime: number;
  metricQueries: CloudWatchQuery[];
};

/**
 * Published datapoints of a query's metric and statistic: [epoch seconds, value] pairs. The
 * request's window (epoch seconds) lets a generator make only the datapoints asked for.
 */
export type Datapoints = (
  query: CloudWatchQuery,
  window: { startTime: number; endTime: number },
) => Array<[number, number]>;

type WireQuery = {
  Id: string;
  Label?: string;
  Expression?: string;
  ReturnData?: boolean;
  MetricStat?: {
    Metric?: { Namespace?: string; MetricName?: string; Dimensions?: Array<{ Name: string; Value: string }> };
    Period?: number;
    Stat?: string;
  };
};

const toQuery = (q: WireQuery): CloudWatchQuery => ({
  id: q.Id,
  namespace: q.MetricStat?.Metric?.Namespace ?? "",
  metricName: q.MetricStat?.Metric?.MetricName ?? "",
  dimensions: q.MetricStat?.Metric?.Dimensions ?? [],
  period: q.MetricStat?.Period ?? 0,
  stat: q.MetricStat?.Stat ?? "",
  ...(q.Expression !== undefined ? { expression: q.Expression } : {}),
  returnData: q.ReturnData ?? true,
});

/** Datapoints per GetMetricData call before CloudWatch paginates. */
export const MAX_DATAPOINTS = 100_800;

export async function startFakeCloudWatchHttp(opts: { datapoints?: Datapoints } = {}) {
  const requests: CloudWatchRequest[] = [];
  const server = await startStandinServer((req, body): StandinReply => {
    const target = String(req.headers["x-amz-target"] ?? "");
    const input = JSON.parse(body || "{}") as {
      StartTime?: number;
      EndTime?: number;
      MetricDataQueries?: WireQuery[];
      NextToken?: string;
    };
    const queries = input.MetricDataQueries ?? [];
    const startTime = input.StartTime ?? 0;
    const endTime = input.EndTime ?? 0;
    requests.push({
      target,
      region: readCredentialScope(req)?.region ?? "",
      queries: queries.length,
      ...(input.NextToken ? { nextToken: input.NextToken } : {}),
      startTime,
      endTime,
      metricQueries: queries.map(toQuery),
    });
    if (target !== "GraniteServiceVersion20100801.GetMetricData")
      return {
        status: 400,
        headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-query-error": "InvalidAction;Sender" },
        body: JSON.stringify({ __type: "com.amazonaws.cloudwatch#InvalidAction", message: `unsupported ${target}` }),
      };
    // CloudWatch returns at most MAX_DATAPOINTS per call (query by query, each ascending) and a
    // NextToken for the rest; a query cut short says PartialData. Every page is a call of its own.
    const answers = queries.map((q) =>
      (opts.datapoints?.(toQuery(q), { startTime, endTime }) ?? [])
        .filter(([t]) => t >= startTime && t < endTime)
        .sort(([x], [y]) => x - y),
    );
    const offset = Number(input.NextToken ?? 0);
    let before = 0;
    const results = queries.map((q, i) => {
      const points = answers[i]!;
      const from = Math.min(points.length, Math.max(0, offset - before));
      const to = Math.min(points.length, Math.max(0, offset + MAX_DATAPOINTS - before));
      before += points.length;
      return {
        Id: q.Id,
        Label: q.Label ?? q.Id,
        Timestamps: points.slice(from, to).map(([t]) => t),
        Values: points.slice(from, to).map(([, v]) => v),
        StatusCode: to < points.length ? "PartialData" : "Complete",
      };
    });
    const more = offset + MAX_DATAPOINTS < before;
    return {
      status: 200,
      headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": requestId() },
      body: JSON.stringify({
        MetricDataResults: results,
        Messages: [],
        ...(more ? { NextToken: String(offset + MAX_DATAPOINTS) } : {}),
      }),
    };
  });
  return { ...server, requests };
}
