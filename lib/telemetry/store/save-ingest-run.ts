import "server-only";
import { getPrisma } from "@/lib/db";
import { recordIngestRun } from "@/lib/observability/record-ingest-run";

/** One ingest run's row (what it covered, what it cost in API usage) and its Prometheus counters. */
export async function saveIngestRun(args: {
  source: string;
  /** "minutes" (series telemetry) or "reservations" (capacity reservation use). */
  kind?: "minutes" | "reservations";
  startedAt: Date;
  result: {
    from: Date | null;
    to: Date;
    written: number;
    reread?: number;
    changed?: number;
    apiRequests: number;
    metricsRequested: number;
    error?: string | null;
  };
}): Promise<void> {
  const { source, result } = args;
  await getPrisma().telemetryIngestRun.create({
    data: {
      source,
      ...(args.kind ? { kind: args.kind } : {}),
      startedAt: args.startedAt,
      finishedAt: new Date(),
      fromMinute: result.from,
      toMinute: result.to,
      pointsWritten: result.written,
      pointsReread: result.reread ?? 0,
      pointsChanged: result.changed ?? 0,
      apiRequests: result.apiRequests,
      metricsRequested: result.metricsRequested,
      error: result.error?.slice(0, 2000) ?? null,
    },
  });
  recordIngestRun({
    source,
    apiRequests: result.apiRequests,
    metricsRequested: result.metricsRequested,
    reread: result.reread ?? 0,
    changed: result.changed ?? 0,
    failed: Boolean(result.error),
  });
}
