// What CloudWatch bills for the GetMetricData calls a stand-in received, counted from the request
// bodies the SDK sent (not from the ingest's own tally). GetMetricData costs $0.01 per 1,000
// metrics requested, per call: a NextToken page is a call of its own and asks for its metrics again.
//
// "Metric requested", as the pricing page words it: up to five statistics of the same metric
// (namespace, name, dimensions) in one call count as one metric; more are billed as more metrics.
// So per call, each metric bills ceil(queries on it / 5). Some users report bills matching one
// metric per MetricStat query (prometheus/cloudwatch_exporter#482); `perQueryMetrics` is that
// reading, an upper bound. A metric math expression is not a metric: the MetricStat queries it
// reads are billed (returned or not). A SEARCH expression bills each metric it returns, which the
// request alone does not say: the ingest sends none, and this counter refuses one rather than guess.
import type { CloudWatchRequest } from "@/tests/aws-standins/fake-cloudwatch-http";

export const USD_PER_METRIC_REQUESTED = 0.01 / 1000;
const STATS_PER_BILLED_METRIC = 5;
const GET_METRIC_DATA = "GraniteServiceVersion20100801.GetMetricData";

export type WireBill = {
  /** GetMetricData calls, NextToken pages included. */
  calls: number;
  /** Calls that asked for a further page (NextToken). */
  pages: number;
  /** MetricStat queries sent. */
  metricStatQueries: number;
  /** Metric math expressions sent (not billed themselves). */
  expressions: number;
  /** Metrics requested as billed: per call, ceil(statistics / 5) per distinct metric. */
  billedMetrics: number;
  /** One metric per MetricStat query (the upper-bound reading). */
  perQueryMetrics: number;
};

export function billGetMetricData(requests: CloudWatchRequest[]): WireBill {
  const bill: WireBill = {
    calls: 0,
    pages: 0,
    metricStatQueries: 0,
    expressions: 0,
    billedMetrics: 0,
    perQueryMetrics: 0,
  };
  for (const r of requests) {
    if (r.target !== GET_METRIC_DATA) continue;
    bill.calls += 1;
    if (r.nextToken) bill.pages += 1;
    const statsPerMetric = new Map<string, number>();
    for (const q of r.metricQueries) {
      if (q.expression !== undefined) {
        if (/\bSEARCH\s*\(/i.test(q.expression))
          throw new Error(`cannot bill SEARCH expression ${q.id} from the request alone`);
        bill.expressions += 1;
        continue;
      }
      bill.metricStatQueries += 1;
      const dims = [...q.dimensions]
        .sort((a, b) => a.Name.localeCompare(b.Name))
        .map((d) => `${d.Name}=${d.Value}`)
        .join(",");
      const key = `${q.namespace}|${q.metricName}|${dims}`;
      statsPerMetric.set(key, (statsPerMetric.get(key) ?? 0) + 1);
    }
    for (const stats of statsPerMetric.values()) bill.billedMetrics += Math.ceil(stats / STATS_PER_BILLED_METRIC);
    bill.perQueryMetrics += [...statsPerMetric.values()].reduce((a, b) => a + b, 0);
  }
  return bill;
}

export const usdFor = (metrics: number) => metrics * USD_PER_METRIC_REQUESTED;
