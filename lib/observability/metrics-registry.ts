import "server-only";
import client from "prom-client";
import { PoolActionState } from "@/lib/generated/prisma/enums";
import { getLogger } from "./logger";

// One Prometheus registry per server process. Kept on globalThis: Next's development hot reload
// re-evaluates modules, and prom-client refuses to register a metric name twice.

/** What the database-backed gauges show; read fresh on every scrape (see setDbGaugeReader). */
export type DbGaugeSnapshot = {
  /** Sources that have stored at least one minute; lag as in lib/telemetry/store/source-state.ts. */
  ingestLag: Array<{ source: string; lagSeconds: number }>;
  /** Counts per PoolAction.state; states missing here are exported as 0. */
  poolActions: Array<{ state: string; count: number }>;
};
export type ReadDbGauges = () => Promise<DbGaugeSnapshot>;

export type FleetMetrics = ReturnType<typeof createMetrics>;

const holder = globalThis as unknown as { __fleetMetrics?: FleetMetrics };

export function getMetrics(): FleetMetrics {
  holder.__fleetMetrics ??= createMetrics();
  return holder.__fleetMetrics;
}

/** Injects the database read behind the gauges (tests pass a fake; the route uses PostgreSQL). */
export function setDbGaugeReader(read: ReadDbGauges): void {
  getMetrics().db.read = read;
}

function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const db: { read?: ReadDbGauges; inflight?: Promise<DbGaugeSnapshot | null> } = {};

  // The three DB-backed gauges are collected concurrently within one scrape: they share one read.
  const snapshot = (): Promise<DbGaugeSnapshot | null> => {
    const read = db.read;
    if (!read) return Promise.resolve(null);
    db.inflight ??= Promise.resolve()
      .then(read)
      .catch((err: unknown) => {
        // A database outage must not take the process metrics down with it: fleet_metrics_db_up says so.
        getLogger().warn({ err }, "metrics: reading the database-backed gauges failed");
        return null;
      })
      .finally(() => (db.inflight = undefined));
    return db.inflight;
  };

  return {
    registry,
    db,
    httpRequestDuration: new client.Histogram({
      name: "http_request_duration_seconds",
      help: "Route handler latency in seconds, by route pattern, method and response status",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    ingestRuns: new client.Counter({
      name: "fleet_telemetry_ingest_runs_total",
      help: "Telemetry ingest runs that had work to do in this process, by source and outcome",
      labelNames: ["source", "outcome"] as const,
      registers: [registry],
    }),
    ingestPointsReread: new client.Counter({
      name: "fleet_telemetry_points_reread_total",
      help: "Telemetry points fetched again from the trailing late-data window, by source",
      labelNames: ["source"] as const,
      registers: [registry],
    }),
    ingestPointsChanged: new client.Counter({
      name: "fleet_telemetry_points_changed_total",
      help: "Re-read telemetry points that added or changed a stored minute (late data), by source",
      labelNames: ["source"] as const,
      registers: [registry],
    }),
    partitionsDropped: new client.Counter({
      name: "fleet_telemetry_partitions_dropped_total",
      help: "Daily telemetry_minute partitions dropped by retention in this process",
      registers: [registry],
    }),
    cloudwatchCalls: new client.Counter({
      name: "fleet_cloudwatch_get_metric_data_calls_total",
      help: "CloudWatch GetMetricData API calls made by this process",
      registers: [registry],
    }),
    cloudwatchMetricsRequested: new client.Counter({
      name: "fleet_cloudwatch_metrics_requested_total",
      help: "Metrics requested through CloudWatch GetMetricData by this process (CloudWatch bills per metric)",
      registers: [registry],
    }),
    ingestLag: new client.Gauge({
      name: "fleet_telemetry_ingest_lag_seconds",
      help: "Seconds between now and the end of the newest stored telemetry minute, by source (from the database)",
      labelNames: ["source"] as const,
      registers: [registry],
      async collect() {
        const s = await snapshot();
        this.reset();
        for (const { source, lagSeconds } of s?.ingestLag ?? []) this.set({ source }, lagSeconds);
      },
    }),
    poolActions: new client.Gauge({
      name: "fleet_pool_actions",
      help: "Pool actions (launches and drains) by state (from the database)",
      labelNames: ["state"] as const,
      registers: [registry],
      async collect() {
        const s = await snapshot();
        this.reset();
        if (!s) return;
        const counts = new Map(s.poolActions.map((a) => [a.state, a.count]));
        for (const state of new Set([...Object.values(PoolActionState), ...counts.keys()])) {
          this.set({ state }, counts.get(state) ?? 0);
        }
      },
    }),
    dbUp: new client.Gauge({
      name: "fleet_metrics_db_up",
      help: "1 when this scrape read the database-backed gauges, 0 when the read failed",
      registers: [registry],
      async collect() {
        this.set((await snapshot()) ? 1 : 0);
      },
    }),
  };
}
