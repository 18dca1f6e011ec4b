import "server-only";
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { metricKeyOf } from "./pool-metrics";

// The one place GetMetricData is called: batches of at most 500 queries, NextToken pages merged
// per query id, per-query failures turned into one error. Throttling is not handled here: the
// client's configured retry strategy retries it (lib/telemetry/cloudwatch/cloudwatch-client.ts).
export const MAX_QUERIES_PER_REQUEST = 500;

export type MetricSeries = { timestamps: Date[]; values: number[] };
export type MetricDataUsage = { requests: number; metricsRequested: number };

export class CloudWatchQueryError extends Error {
  override name = "CloudWatchQueryError";
  /** The calls made before the failure was found: billed all the same. */
  constructor(
    message: string,
    readonly usage?: MetricDataUsage,
  ) {
    super(message);
  }
}

const metricOf = (q: MetricDataQuery): string | undefined => {
  const m = q.MetricStat?.Metric;
  return m
    ? metricKeyOf({ namespace: m.Namespace ?? "", metricName: m.MetricName ?? "", dimensions: m.Dimensions ?? [] })
    : undefined;
};

/**
 * Calls of at most `size` queries, in order. Consecutive statistics of one metric (up to the 5 that
 * bill as one) stay in one call: split across two, the metric would be billed in both.
 */
export function batchQueries(queries: MetricDataQuery[], size = MAX_QUERIES_PER_REQUEST): MetricDataQuery[][] {
  const batches: MetricDataQuery[][] = [];
  let current: MetricDataQuery[] = [];
  for (let i = 0; i < queries.length;) {
    const metric = metricOf(queries[i]!);
    let end = i + 1;
    while (end < queries.length && end - i < Math.min(5, size) && metric && metricOf(queries[end]!) === metric) end++;
    if (current.length + (end - i) > size) {
      batches.push(current);
      current = [];
    }
    current.push(...queries.slice(i, end));
    i = end;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Metrics billed for one call: distinct metrics, whatever the number of stats asked of each. */
export function countMetricsRequested(queries: MetricDataQuery[]): number {
  const keys = new Set<string>();
  for (const q of queries) {
    const m = q.MetricStat?.Metric;
    if (m)
      keys.add(
        metricKeyOf({ namespace: m.Namespace ?? "", metricName: m.MetricName ?? "", dimensions: m.Dimensions ?? [] }),
      );
  }
  return keys.size;
}

type Outcome = { status: string; messages: string[] };

function describeFailures(outcomes: Map<string, Outcome>): string | null {
  const failed = [...outcomes.entries()].filter(([, o]) => o.status !== "Complete");
  if (failed.length === 0) return null;
  const shown = failed
    .slice(0, 5)
    .map(([id, o]) => `${id}: ${o.status}${o.messages.length ? ` (${o.messages.join("; ")})` : ""}`);
  const more = failed.length > shown.length ? `, and ${failed.length - shown.length} more` : "";
  return `GetMetricData returned incomplete results for ${failed.length} queries: ${shown.join(", ")}${more}`;
}

/**
 * All datapoints of `queries` in [startTime, endTime), ascending. Throws CloudWatchQueryError when
 * any query ends in InternalError or Forbidden, or still PartialData after the last page: the
 * caller then writes nothing rather than minutes with silent holes.
 */
export async function fetchMetricData(args: {
  client: CloudWatchClient;
  queries: MetricDataQuery[];
  startTime: Date;
  endTime: Date;
}): Promise<{ series: Map<string, MetricSeries>; usage: MetricDataUsage }> {
  const series = new Map<string, MetricSeries>();
  const usage: MetricDataUsage = { requests: 0, metricsRequested: 0 };
  const outcomes = new Map<string, Outcome>();
  for (const batch of batchQueries(args.queries)) {
    const metricsPerCall = countMetricsRequested(batch);
    let nextToken: string | undefined;
    do {
      const output = await args.client.send(
        new GetMetricDataCommand({
          MetricDataQueries: batch,
          StartTime: args.startTime,
          EndTime: args.endTime,
          ScanBy: "TimestampAscending",
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
      usage.requests += 1;
      usage.metricsRequested += metricsPerCall; // every page asks for the batch's metrics again
      for (const r of output.MetricDataResults ?? []) {
        if (!r.Id) continue;
        const s = series.get(r.Id) ?? { timestamps: [], values: [] };
        series.set(r.Id, s);
        const values = r.Values ?? [];
        (r.Timestamps ?? []).forEach((t, i) => {
          const v = values[i];
          if (v !== undefined && Number.isFinite(v)) {
            s.timestamps.push(new Date(t));
            s.values.push(v);
          }
        });
        // A failure on any page stays a failure; otherwise the last page's status stands.
        const previous = outcomes.get(r.Id);
        const messages = [
          ...(previous?.messages ?? []),
          ...(r.Messages ?? []).map((m) => `${m.Code ?? ""} ${m.Value ?? ""}`.trim()),
        ];
        const failedBefore = previous && (previous.status === "InternalError" || previous.status === "Forbidden");
        outcomes.set(r.Id, { status: failedBefore ? previous.status : (r.StatusCode ?? "Complete"), messages });
      }
      nextToken = output.NextToken;
    } while (nextToken);
  }
  const failure = describeFailures(outcomes);
  if (failure) throw new CloudWatchQueryError(failure, usage);
  return { series, usage };
}
