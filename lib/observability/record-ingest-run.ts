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
  failed: boolean;
}): void {
  const metrics = getMetrics();
  metrics.ingestRuns.inc({ source: args.source, outcome: args.failed ? "failed" : "succeeded" });
  if (args.source !== "cloudwatch") return; // the simulated source makes no billable calls
  metrics.cloudwatchCalls.inc(args.apiRequests);
  metrics.cloudwatchMetricsRequested.inc(args.metricsRequested);
}
