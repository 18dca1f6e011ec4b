import "server-only";
import { getMetrics } from "./metrics-registry";

/**
 * Counts one telemetry ingest run and its API usage in this process. Called once per run that had
 * work to do (lib/telemetry/run-ingest.ts); Prometheus sums the counters over worker pods.
 */
export function recordIngestRun(args: {
  source: string;
  apiRequests: number;
  metricsRequested: number;
  /** Points fetched again from the late-data re-read window, and those that changed a stored minute. */
  reread: number;
  changed: number;
  failed: boolean;
}): void {
  const metrics = getMetrics();
  metrics.ingestRuns.inc({ source: args.source, outcome: args.failed ? "failed" : "succeeded" });
  metrics.ingestPointsReread.inc({ source: args.source }, args.reread);
  metrics.ingestPointsChanged.inc({ source: args.source }, args.changed);
  if (args.source !== "cloudwatch") return; // the simulated source makes no billable calls
  metrics.cloudwatchCalls.inc(args.apiRequests);
  metrics.cloudwatchMetricsRequested.inc(args.metricsRequested);
}
