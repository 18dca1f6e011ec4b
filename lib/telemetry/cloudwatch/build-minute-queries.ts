import type { MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { SeriesRef, TelemetryMinutePoint } from "@/lib/telemetry/types";
import type { CloudWatchConfig } from "./cloudwatch-config";
import {
  metricKeyOf,
  poolBilledMetric,
  poolInServiceMetric,
  poolUtilizationMetric,
  toMetricDataQuery,
  type MetricRef,
} from "./pool-metrics";

export type PointField = keyof Pick<
  TelemetryMinutePoint,
  | "utilizationPct"
  | "latencyP50Ms"
  | "latencyP95Ms"
  | "latencyP99Ms"
  | "requests"
  | "units"
  | "instances"
  | "billedInstances"
>;

/** One GetMetricData query, its period, and the point field it fills for which series. */
export type PlannedQuery = { query: MetricDataQuery; periodSeconds: number; field: PointField; seriesIds: number[] };
export type RegionQueries = { region: string; queries: PlannedQuery[] };

const APP_FIELDS = [
  { suffix: "p50", field: "latencyP50Ms", stat: "p50" },
  { suffix: "p95", field: "latencyP95Ms", stat: "p95" },
  { suffix: "p99", field: "latencyP99Ms", stat: "p99" },
  { suffix: "req", field: "requests", stat: "Sum" },
  { suffix: "units", field: "units", stat: "Sum" },
] as const;

function appMetric(s: SeriesRef, config: CloudWatchConfig, metricName: string, stat: string): MetricRef {
  const { namespace, modelDimension, poolDimension } = config.app;
  return {
    namespace,
    metricName,
    dimensions: [
      { Name: modelDimension, Value: s.modelMetricValue ?? s.modelId },
      { Name: poolDimension, Value: s.poolId },
    ],
    stat,
  };
}

/**
 * AWS/EC2 metrics are read at their native period (CLOUDWATCH_EC2_PERIOD_SECONDS: 300 under basic
 * monitoring): asked at 60 s, a basic-monitoring metric has one datapoint in five minutes, and the
 * other four would be missing. Never finer than the period retention allows for the window.
 */
function periodFor(ref: MetricRef, periodSeconds: number, config: CloudWatchConfig): number {
  return ref.namespace === "AWS/EC2" ? Math.max(periodSeconds, config.ec2PeriodSeconds) : periodSeconds;
}

/**
 * The queries for every series' minutes, grouped by region (one client per region). Ids are
 * derived from series ids, so they are stable across runs and valid (^[a-z][a-zA-Z0-9_]*$):
 * `s<series>_<p50|p95|p99|req|units>` per series, `u<series>` / `n<series>` / `b<series>` for
 * utilization, instances in service and instances billed (ASGs), named after the first series
 * that needs them. A pool-level query shared by several series (several models on one pool, or
 * pools on one cluster) is asked for once.
 */
export function buildMinuteQueries(args: {
  series: SeriesRef[];
  periodSeconds: number;
  config: CloudWatchConfig;
}): RegionQueries[] {
  const { config, periodSeconds } = args;
  const byRegion = new Map<string, Map<string, PlannedQuery>>();
  const sorted = [...args.series].sort((a, b) => a.seriesId - b.seriesId);
  for (const s of sorted) {
    let planned = byRegion.get(s.region);
    if (!planned) byRegion.set(s.region, (planned = new Map()));
    const add = (id: string, field: PointField, ref: MetricRef) => {
      const key = `${field}|${metricKeyOf(ref)}|${ref.stat}`;
      const existing = planned.get(key);
      if (existing) existing.seriesIds.push(s.seriesId);
      else {
        const period = periodFor(ref, periodSeconds, config);
        planned.set(key, {
          query: toMetricDataQuery(id, ref, period),
          periodSeconds: period,
          field,
          seriesIds: [s.seriesId],
        });
      }
    };
    for (const f of APP_FIELDS) {
      // Requests as the latency metric's SampleCount: a 4th statistic of a metric already asked for.
      const fromSamples = f.field === "requests" && config.app.requestsFrom === "latency-sample-count";
      const metricName =
        f.field === "requests" && !fromSamples
          ? config.app.requestsMetric
          : f.field === "units"
            ? config.app.unitsMetric
            : config.app.latencyMetric;
      add(
        `s${s.seriesId}_${f.suffix}`,
        f.field,
        appMetric(s, config, metricName, fromSamples ? "SampleCount" : f.stat),
      );
    }
    add(`u${s.seriesId}`, "utilizationPct", poolUtilizationMetric(s, config));
    const inService = poolInServiceMetric(s);
    if (inService) add(`n${s.seriesId}`, "instances", inService);
    const billed = poolBilledMetric(s);
    if (billed) add(`b${s.seriesId}`, "billedInstances", billed);
  }
  return [...byRegion.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([region, planned]) => ({ region, queries: [...planned.values()] }));
}
