import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { setDbGaugeReader, type DbGaugeSnapshot } from "@/lib/observability/metrics-registry";
import { observeRequest, withRequestMetrics } from "@/lib/observability/observe-request";
import { recordIngestRun } from "@/lib/observability/record-ingest-run";

// The route with an injected database reader; read-db-gauges.test.ts covers the PostgreSQL reader.
let snapshot: DbGaugeSnapshot | Error = { ingestLag: [], poolActions: [] };
beforeAll(() => {
  process.env.LOG_LEVEL = "error"; // the failing-read case logs a warning by design
  setDbGaugeReader(async () => {
    if (snapshot instanceof Error) throw snapshot;
    return snapshot;
  });
});
afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

async function scrape(headers: Record<string, string> = {}) {
  const response = await GET(new Request("http://localhost/api/metrics", { headers }));
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.text() };
}

describe("GET /api/metrics", () => {
  it("serves the Prometheus text format with HELP and TYPE for every Fleet Console metric", async () => {
    const { status, contentType, body } = await scrape();
    expect(status).toBe(200);
    expect(contentType).toBe("text/plain; version=0.0.4; charset=utf-8");
    for (const [name, type] of [
      ["http_request_duration_seconds", "histogram"],
      ["fleet_telemetry_ingest_lag_seconds", "gauge"],
      ["fleet_telemetry_ingest_runs_total", "counter"],
      ["fleet_telemetry_partitions_dropped_total", "counter"],
      ["fleet_cloudwatch_get_metric_data_calls_total", "counter"],
      ["fleet_cloudwatch_metrics_requested_total", "counter"],
      ["fleet_pool_actions", "gauge"],
      ["fleet_metrics_db_up", "gauge"],
      ["process_cpu_seconds_total", "counter"],
      ["nodejs_eventloop_lag_seconds", "gauge"],
    ]) {
      expect(body).toMatch(new RegExp(`^# HELP ${name} \\S`, "m"));
      expect(body).toMatch(new RegExp(`^# TYPE ${name} ${type}$`, "m"));
    }
  });

  it("records requests observed through the helper and through the route wrapper", async () => {
    observeRequest({ route: "/api/pools/:id", method: "get", status: 200, durationSeconds: 0.042 });
    const created = withRequestMetrics("/api/test/created", async () => new Response(null, { status: 201 }));
    await created(new Request("http://localhost/api/test/created", { method: "POST" }), undefined);
    const failing = withRequestMetrics("/api/test/throws", async () => {
      throw new Error("boom");
    });
    await expect(failing(new Request("http://localhost/api/test/throws"), undefined)).rejects.toThrow("boom");

    const { body } = await scrape();
    const pools = 'route="/api/pools/:id",method="GET",status="200"';
    expect(body).toContain(`http_request_duration_seconds_count{${pools}} 1`);
    expect(body).toContain(`http_request_duration_seconds_sum{${pools}} 0.042`);
    expect(body).toContain(`http_request_duration_seconds_bucket{le="0.025",${pools}} 0`);
    expect(body).toContain(`http_request_duration_seconds_bucket{le="0.05",${pools}} 1`);
    expect(body).toContain(
      'http_request_duration_seconds_count{route="/api/test/created",method="POST",status="201"} 1',
    );
    expect(body).toContain('http_request_duration_seconds_count{route="/api/test/throws",method="GET",status="500"} 1');
  });

  it("reads ingest lag and pool actions from the injected reader on every scrape", async () => {
    snapshot = { ingestLag: [{ source: "cloudwatch", lagSeconds: 95 }], poolActions: [{ state: "running", count: 3 }] };
    let { body } = await scrape();
    expect(body).toContain('fleet_telemetry_ingest_lag_seconds{source="cloudwatch"} 95');
    expect(body).toContain('fleet_pool_actions{state="running"} 3');
    expect(body).toContain('fleet_pool_actions{state="failed"} 0'); // every state is exported
    expect(body).toMatch(/^fleet_metrics_db_up 1$/m);

    snapshot = { ingestLag: [{ source: "cloudwatch", lagSeconds: 30 }], poolActions: [] };
    ({ body } = await scrape());
    expect(body).toContain('fleet_telemetry_ingest_lag_seconds{source="cloudwatch"} 30');
    expect(body).toContain('fleet_pool_actions{state="running"} 0');
  });

  it("still answers when the database read fails, and says so", async () => {
    snapshot = new Error("connect ECONNREFUSED");
    const { status, body } = await scrape();
    expect(status).toBe(200);
    expect(body).toMatch(/^fleet_metrics_db_up 0$/m);
    expect(body).not.toMatch(/^fleet_telemetry_ingest_lag_seconds\{/m);
    expect(body).not.toMatch(/^fleet_pool_actions\{/m);
    snapshot = { ingestLag: [], poolActions: [] };
  });

  it("counts ingest runs and CloudWatch usage", async () => {
    recordIngestRun({
      source: "cloudwatch",
      apiRequests: 4,
      metricsRequested: 1800,
      reread: 30,
      changed: 2,
      failed: false,
    });
    recordIngestRun({
      source: "cloudwatch",
      apiRequests: 1,
      metricsRequested: 500,
      reread: 15,
      changed: 0,
      failed: true,
    });
    recordIngestRun({ source: "simulated", apiRequests: 0, metricsRequested: 0, reread: 0, changed: 0, failed: false });
    const { body } = await scrape();
    expect(body).toMatch(/^fleet_cloudwatch_get_metric_data_calls_total 5$/m);
    expect(body).toMatch(/^fleet_cloudwatch_metrics_requested_total 2300$/m);
    expect(body).toContain('fleet_telemetry_ingest_runs_total{source="cloudwatch",outcome="succeeded"} 1');
    expect(body).toContain('fleet_telemetry_ingest_runs_total{source="cloudwatch",outcome="failed"} 1');
    expect(body).toContain('fleet_telemetry_ingest_runs_total{source="simulated",outcome="succeeded"} 1');
    expect(body).toContain('fleet_telemetry_points_reread_total{source="cloudwatch"} 45');
    expect(body).toContain('fleet_telemetry_points_changed_total{source="cloudwatch"} 2');
  });

  it("in production, answers 403 until METRICS_TOKEN is set", async () => {
    const env = process.env as Record<string, string | undefined>;
    const before = env.NODE_ENV;
    env.NODE_ENV = "production";
    try {
      const off = await scrape();
      expect(off.status).toBe(403);
      expect(JSON.parse(off.body)).toMatchObject({
        error: { code: "FORBIDDEN", message: "GET /api/metrics is off in production until METRICS_TOKEN is set" },
      });
      process.env.METRICS_TOKEN = "scrape-token-456";
      expect((await scrape({ authorization: "Bearer scrape-token-456" })).status).toBe(200);
    } finally {
      env.NODE_ENV = before;
      delete process.env.METRICS_TOKEN;
    }
  });

  it("requires the bearer token when METRICS_TOKEN is set", async () => {
    process.env.METRICS_TOKEN = "scrape-token-123";
    const missing = await scrape();
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    expect((await scrape({ authorization: "Bearer wrong-token-12" })).status).toBe(401);
    const ok = await scrape({ authorization: "Bearer scrape-token-123" });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain("# TYPE fleet_pool_actions gauge");
  });
});
