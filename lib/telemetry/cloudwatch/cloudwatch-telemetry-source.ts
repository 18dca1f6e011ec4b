import "server-only";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { MINUTE_MS, floorTo, type FetchMinutesResult, type TelemetrySource } from "@/lib/telemetry/types";
import { buildMinuteQueries } from "./build-minute-queries";
import { alignToPeriod, choosePeriodSeconds } from "./choose-period-seconds";
import { getCloudWatchClient } from "./cloudwatch-client";
import { getCloudWatchConfig, type CloudWatchConfig } from "./cloudwatch-config";
import { fetchMetricData, type MetricSeries } from "./fetch-metric-data";
import { mapMinutePoints } from "./map-minute-points";

/**
 * The telemetry source backed by CloudWatch GetMetricData. Only the ingest job calls it; pages
 * read PostgreSQL. Minutes younger than the settle time are not returned, so the store's watermark
 * stops before them and the next tick asks again once CloudWatch has them complete.
 */
export function createCloudWatchTelemetrySource(
  opts: {
    config?: CloudWatchConfig;
    clientFor?: (args: { region: string }) => CloudWatchClient;
    now?: () => Date;
  } = {},
): TelemetrySource {
  const clientFor = opts.clientFor ?? getCloudWatchClient;
  const config = opts.config ?? getCloudWatchConfig(); // parsed now: a bad setting fails at start
  return {
    name: "cloudwatch",
    dataArrivesLate: true,
    async fetchMinutes({ series, from, to }): Promise<FetchMinutesResult> {
      const now = opts.now?.() ?? new Date();
      const settledTo = new Date(
        Math.min(to.getTime(), floorTo(now.getTime() - config.settleSeconds * 1000, MINUTE_MS)),
      );
      const usage = { requests: 0, metricsRequested: 0 };
      if (series.length === 0 || settledTo.getTime() <= from.getTime()) return { points: [], usage };

      const periodSeconds = choosePeriodSeconds({ from, to: settledTo, now });
      const regions = buildMinuteQueries({ series, periodSeconds, config });
      const data = new Map<string, MetricSeries>();
      // Regions one after another: CloudWatch's 50 TPS quota is per region, but a tick is a few
      // calls and keeping them sequential keeps a backfill gentle on shared accounts. Within a
      // region, one call per period (EC2 basic monitoring is read at 300 s), each with its window
      // aligned to its own period so datapoints fall on period boundaries.
      for (const { region, queries } of regions) {
        for (const period of [...new Set(queries.map((q) => q.periodSeconds))].sort((a, b) => a - b)) {
          const { startTime, endTime } = alignToPeriod({ from, to: settledTo, periodSeconds: period });
          const fetched = await fetchMetricData({
            client: clientFor({ region }),
            queries: queries.filter((q) => q.periodSeconds === period).map((q) => q.query),
            startTime,
            endTime,
          });
          for (const [id, s] of fetched.series) data.set(id, s);
          usage.requests += fetched.usage.requests;
          usage.metricsRequested += fetched.usage.metricsRequested;
        }
      }
      const points = mapMinutePoints({
        series,
        queries: regions.flatMap((r) => r.queries),
        data,
        from,
        to: settledTo,
        requestsFromSamples: config.app.requestsFrom === "latency-sample-count",
      });
      return { points, usage, completeUntil: settledTo };
    },
  };
}
