// CloudWatch's GetMetricData on the wire (AWS JSON 1.0, query-compatible: X-Amz-Target
// GraniteServiceVersion20100801.GetMetricData; epoch-second timestamps), for the end-to-end start
// against a fake account and for ingest tests at the wire. By default it answers every query with
// no datapoints, as CloudWatch does for a metric nobody publishes: periods without data are
// omitted, never sent as zeros. A test may publish datapoints (`datapoints`): each query is then
// answered with those of its metric and statistic in [StartTime, EndTime), as published.
import { readCredentialScope, requestId, startStandinServer, type StandinReply } from "./standin-server";

/** One MetricDataQuery as it arrived. */
export type CloudWatchQuery = {
  id: string;
  namespace: string;
  metricName: string;
  dimensions: Array<{ Name: string; Value: string }>;
  period: number;
  stat: string;
};

export type CloudWatchRequest = {
  target: string;
  region: string;
  queries: number;
  startTime: number;
  endTime: number;
  metricQueries: CloudWatchQuery[];
};

/** Published datapoints of a query's metric and statistic: [epoch seconds, value] pairs. */
export type Datapoints = (query: CloudWatchQuery) => Array<[number, number]>;

type WireQuery = {
  Id: string;
  Label?: string;
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
});

export async function startFakeCloudWatchHttp(opts: { datapoints?: Datapoints } = {}) {
  const requests: CloudWatchRequest[] = [];
  const server = await startStandinServer((req, body): StandinReply => {
    const target = String(req.headers["x-amz-target"] ?? "");
    const input = JSON.parse(body || "{}") as {
      StartTime?: number;
      EndTime?: number;
      MetricDataQueries?: WireQuery[];
    };
    const queries = input.MetricDataQueries ?? [];
    const startTime = input.StartTime ?? 0;
    const endTime = input.EndTime ?? 0;
    requests.push({
      target,
      region: readCredentialScope(req)?.region ?? "",
      queries: queries.length,
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
    return {
      status: 200,
      headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": requestId() },
      body: JSON.stringify({
        MetricDataResults: queries.map((q) => {
          const points = (opts.datapoints?.(toQuery(q)) ?? [])
            .filter(([t]) => t >= startTime && t < endTime)
            .sort(([x], [y]) => x - y);
          return {
            Id: q.Id,
            Label: q.Label ?? q.Id,
            Timestamps: points.map(([t]) => t),
            Values: points.map(([, v]) => v),
            StatusCode: "Complete",
          };
        }),
        Messages: [],
      }),
    };
  });
  return { ...server, requests };
}
