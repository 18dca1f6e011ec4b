import { describe, expect, it, beforeAll } from "vitest";
import { GET } from "@/app/api/overview/route";
import { getPool } from "@/lib/db";
import { ZOverview } from "@/lib/overview/overview-dto";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { appRequest } from "../setup/auth";
import { pooledLatencySql } from "../setup/sql-pooled-latency";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

beforeAll(async () => {
  await seedSimulatedFleet();
  // Recent data, so "last 6h" and "last 7d" (hourly rollups) both have rows.
  const result = await runIngest({ source: createSimulatedTelemetrySource({ seed: 3 }), backfillDays: 2 });
  expect(result.error).toBeUndefined();
});

async function getOverview(query: string) {
  const response = await GET(appRequest(`/api/overview${query}`, { role: "viewer" }));
  return { status: response.status, body: await response.json() };
}

/**
 * Per model, straight from the minute table with no shared code: spend, instance-weighted
 * utilization, and the p95 of all its requests from the merged histograms (sql-pooled-latency.ts).
 */
async function expectedFromMinutes(from: string, to: string) {
  const { rows } = await getPool().query(
    `SELECT pm."modelId" AS model, sum(t.spend_usd) AS spend,
            sum(t.instances::float8 * t.utilization_pct::float8) / nullif(sum(t.instances::float8), 0) AS util
     FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
     WHERE t.ts >= $1 AND t.ts < $2 GROUP BY 1`,
    [from, to],
  );
  const latency = await getPool().query(pooledLatencySql(`pm."modelId"`), [from, to]);
  const p95 = new Map(latency.rows.map((r) => [r.g as string, r.p95 as number]));
  return new Map(rows.map((r) => [r.model as string, { ...r, p95: p95.get(r.model)! }]));
}

describe("GET /api/overview", () => {
  it("answers 401 without a session", async () => {
    const response = await GET(appRequest("/api/overview?range=6h", { role: null }));
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
  });

  it("reports per-model figures equal to an independent SQL computation (minute table)", async () => {
    const { status, body } = await getOverview("?range=6h");
    expect(status).toBe(200);
    const overview = ZOverview.parse(body);
    expect(overview.range.table).toBe("minute");
    const expected = await expectedFromMinutes(overview.range.from, overview.range.to);
    expect(overview.models).toHaveLength(12);
    for (const m of overview.models) {
      const e = expected.get(m.id)!;
      // Footed to the fleet total (largest remainder): within a cent of its amount, not half a cent.
      expect(m.metrics.spendUsd, m.id).toMatch(/^\d+\.\d{2}$/);
      expect(Math.abs(Number(m.metrics.spendUsd) - e.spend), m.id).toBeLessThan(0.01);
      expect(m.metrics.utilizationPct!, m.id).toBeCloseTo(e.util, 6);
      expect(m.metrics.latencyP95Ms!, m.id).toBeCloseTo(e.p95, 6);
    }
    expect(overview.series.length).toBeGreaterThan(30);
    // The charts carry the costliest models (all 12 here) and nothing else.
    const bySpend = [...expected.entries()]
      .sort(([, a], [, b]) => b.spend - a.spend)
      .slice(0, 12)
      .map(([id]) => id)
      .sort();
    expect(overview.chartModelIds).toEqual(bySpend);
    expect(new Set(overview.series.flatMap((p) => Object.keys(p.models)))).toEqual(new Set(bySpend));
  });

  it("answers long ranges from rollups with the same totals as the minutes", async () => {
    const overview = ZOverview.parse((await getOverview("?range=7d")).body);
    expect(overview.range.table).toBe("hourly");
    const expected = await expectedFromMinutes(overview.range.from, overview.range.to);
    // Money is cents in decimal strings; rows are footed (largest remainder), so each is within a
    // cent of its own amount and together they are exactly the fleet total.
    const cents = (usd: string) => Math.round(Number(usd) * 100);
    for (const m of overview.models)
      expect(Math.abs(cents(m.metrics.spendUsd) - expected.get(m.id)!.spend * 100), m.id).toBeLessThan(1);
    const rowCents = overview.models.reduce((a, m) => a + cents(m.metrics.spendUsd), 0);
    expect(cents(overview.fleet.spendUsd)).toBe(rowCents);
    const fleetExpected = [...expected.values()].reduce((a, e) => a + e.spend, 0);
    expect(Math.abs(cents(overview.fleet.spendUsd) - fleetExpected * 100)).toBeLessThanOrEqual(0.5 + 1e-6);
  });

  it("refuses bad ranges with a 400 and a message", async () => {
    for (const query of [
      "?range=2y",
      "?range=custom&from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z",
      "?range=custom&from=nope&to=2026-11-01T00:00:00Z",
      "?range=24h&extra=1",
    ]) {
      const { status, body } = await getOverview(query);
      expect(status, query).toBe(400);
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(body.error.message.length).toBeGreaterThan(5);
    }
  });
});
