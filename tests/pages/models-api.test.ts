import { describe, expect, it } from "vitest";
import { GET as modelGET } from "@/app/api/models/[modelId]/route";
import { GET as modelsGET } from "@/app/api/models/route";
import { GET as overviewGET } from "@/app/api/overview/route";
import { ZModelDetail, ZModelList } from "@/lib/models/model-dto";
import { ZOverview } from "@/lib/overview/overview-dto";
import { pooledLatencySql } from "../setup/sql-pooled-latency";
import { callRoute, insertFinishedAction, sql, useSeededFleet } from "./seeded-fleet";
import { expectUsd } from "../setup/expect-usd";

useSeededFleet();

const BOTH_FAMILIES = ["atlas-1b-edge", "atlas-8b-instruct", "iris-vl-7b", "lumen-caption-3b", "rank-embed-v4"];
const SCALE: Record<string, number> = { llm: 1e6, vlm: 1e3, ranking: 1e6 };

/**
 * Per model and chip family, from the minute table with no shared code; latency is the pooled
 * percentile of all the requests from the merged histograms (sql-pooled-latency.ts).
 */
async function expectedByModelAndFamily(from: string, to: string) {
  const rows = await sql<{
    model: string;
    family: string;
    spend: number;
    idle: number;
    units: number;
    util: number;
    requests: number;
  }>(
    `SELECT pm."modelId" AS model, p."chipFamily"::text AS family, sum(t.spend_usd) AS spend, sum(t.units) AS units,
            sum(t.idle_reserved_usd) AS idle,
            sum(t.requests::float8) AS requests,
            sum(t.instances::float8 * t.utilization_pct::float8) / nullif(sum(t.instances::float8), 0) AS util
     FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id JOIN "Pool" p ON p.id = pm."poolId"
     WHERE t.ts >= $1 AND t.ts < $2 GROUP BY 1, 2`,
    [from, to],
  );
  const latency = await sql<{ g: string; p95: number; p99: number }>(
    pooledLatencySql(`pm."modelId" || '|' || p."chipFamily"::text`),
    [from, to],
  );
  const byKey = new Map(latency.map((r) => [r.g, r]));
  return rows.map((r) => ({
    ...r,
    p95: byKey.get(`${r.model}|${r.family}`)!.p95,
    p99: byKey.get(`${r.model}|${r.family}`)!.p99,
  }));
}

describe("GET /api/models", () => {
  it("refuses anonymous callers and bad ranges", async () => {
    expect((await callRoute(modelsGET, "/api/models?range=6h", { role: null })).status).toBe(401);
    const bad = await callRoute(modelsGET, "/api/models?range=2y");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/range/);
  });

  it("reports each model's figures and Trainium-vs-Graviton costs equal to independent SQL", async () => {
    const { status, body } = await callRoute(modelsGET, "/api/models?range=6h");
    expect(status).toBe(200);
    const list = ZModelList.parse(body);
    const rows = await expectedByModelAndFamily(list.range.from, list.range.to);
    expect(list.models).toHaveLength(12);
    for (const m of list.models) {
      const mine = rows.filter((r) => r.model === m.id);
      const spend = mine.reduce((a, r) => a + r.spend, 0);
      const units = mine.reduce((a, r) => a + r.units, 0);
      // Footed to the list's total (largest remainder): within a cent of the amount.
      expect(Math.abs(Number(m.metrics.spendUsd) - spend), m.id).toBeLessThan(0.01);
      expect(m.costPerUnitUsd!, m.id).toBeCloseTo((spend / units) * SCALE[m.kind]!, 6);
      // Fully loaded: the idle reserved dollars stored on the model's own series rows added in.
      const idle = mine.reduce((a, r) => a + r.idle, 0);
      expect(m.fullyLoadedCostPerUnitUsd!, m.id).toBeCloseTo(((spend + idle) / units) * SCALE[m.kind]!, 6);
      if (mine.length === 1) {
        expect(m.metrics.utilizationPct!, m.id).toBeCloseTo(mine[0]!.util, 6);
        expect(m.metrics.latencyP99Ms!, m.id).toBeCloseTo(mine[0]!.p99, 6);
      }
      expect(m.pools.length, m.id).toBeGreaterThan(0);
      expect(m.chipComparison !== null, m.id).toBe(BOTH_FAMILIES.includes(m.id));
      if (!m.chipComparison) continue;
      for (const family of ["trainium", "graviton"] as const) {
        const r = mine.find((x) => x.family === family)!;
        expect(m.chipComparison[family].costPerUnitUsd!, `${m.id} ${family}`).toBeCloseTo(
          (r.spend / r.units) * SCALE[m.kind]!,
          6,
        );
        expect(m.chipComparison[family].latencyP95Ms!, `${m.id} ${family}`).toBeCloseTo(r.p95, 6);
      }
      const { trainium, graviton, cheaper, savingPct } = m.chipComparison;
      expect(cheaper).toBe(graviton.costPerUnitUsd! < trainium.costPerUnitUsd! ? "graviton" : "trainium");
      const [lo, hi] = [trainium.costPerUnitUsd!, graviton.costPerUnitUsd!].sort((a, b) => a - b);
      expect(savingPct!).toBeCloseTo(100 * (1 - lo! / hi!), 6);
    }
  });

  it("agrees with the overview for the same range (the pages reconcile)", async () => {
    const models = ZModelList.parse((await callRoute(modelsGET, "/api/models?range=7d")).body);
    const overview = ZOverview.parse((await callRoute(overviewGET, "/api/overview?range=7d")).body);
    expect(models.range).toEqual(overview.range);
    for (const m of overview.models) {
      const mine = models.models.find((x) => x.id === m.id)!;
      expect(mine.metrics).toEqual(m.metrics);
      expect(mine.costPerUnitUsd).toEqual(m.costPerUnitUsd);
    }
    // The spend column foots to the same total as the overview's "Spend in range", to the cent.
    expect(models.totals.spendUsd).toBe(overview.fleet.spendUsd);
    const cents = (usd: string) => Math.round(Number(usd) * 100);
    expect(models.models.reduce((a, m) => a + cents(m.metrics.spendUsd), 0)).toBe(cents(models.totals.spendUsd));
  });
});

describe("GET /api/models/:modelId", () => {
  it("answers 404 for an unknown model and 400 for a malformed id", async () => {
    const missing = await callRoute(modelGET, "/api/models/nope?range=6h", { params: { modelId: "nope" } });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: "NOT_FOUND", message: "no model nope" }); // names the id
    expect((await callRoute(modelGET, "/api/models/x?range=6h", { params: { modelId: "Bad Id!" } })).status).toBe(400);
  });

  it("a model's p95 pools all its requests, its attainment counts requests, and its breach minutes the model's p95", async () => {
    // The seeded fleet's breaching model (its hot pool drives the pooled p95 over SLO) and another.
    for (const modelId of ["atlas-70b-chat", "atlas-8b-instruct"]) {
      const { body } = await callRoute(modelGET, `/api/models/${modelId}?range=6h`, { params: { modelId } });
      const detail = ZModelDetail.parse(body);
      const [e] = await sql<{ p95: number; attainment: number; requests: number }>(
        `${pooledLatencySql(`pm."modelId"`)}`.replace(
          "WHERE t.ts >= $1 AND t.ts < $2",
          `WHERE t.ts >= $1 AND t.ts < $2 AND pm."modelId" = $3`,
        ),
        [detail.range.from, detail.range.to, modelId],
      );
      expect(detail.model.metrics.latencyP95Ms!, modelId).toBeCloseTo(e!.p95, 6);
      expect(detail.model.metrics.sloAttainmentPct!, modelId).toBeCloseTo(100 * e!.attainment, 6);
      expect(detail.model.metrics.latencyRequests, modelId).toBeCloseTo(e!.requests, 0);
      // Minutes: per minute, the model-level p95 from all its pools' histograms, recomputed in SQL
      // over the first 10 minutes of the range (the per-minute recomputation is slow), and the
      // whole range counted from the stored per-minute rows.
      const tenFrom = detail.range.from;
      const tenTo = new Date(Date.parse(tenFrom) + 10 * 60_000).toISOString();
      const perMinute = await sql<{ g: string; p95: number }>(
        pooledLatencySql(`extract(epoch FROM t.ts)::text`).replace(
          "WHERE t.ts >= $1 AND t.ts < $2",
          `WHERE t.ts >= $1 AND t.ts < $2 AND pm."modelId" = $3`,
        ),
        [tenFrom, tenTo, modelId],
      );
      const [slo] = await sql<{ slo: number }>(`SELECT "sloP95Ms" AS slo FROM "Model" WHERE id = $1`, [modelId]);
      const tenOver = perMinute.filter((r) => r.p95 > slo!.slo).length;
      const [stored] = await sql<{ over: number; minutes: number; ten_over: number }>(
        `SELECT count(*)::int AS minutes, (count(*) FILTER (WHERE p95_ms > $4))::int AS over,
                (count(*) FILTER (WHERE p95_ms > $4 AND ts < $3))::int AS ten_over
         FROM model_latency_minute WHERE model_id = $5 AND ts >= $1 AND ts < $2`,
        [detail.range.from, detail.range.to, tenTo, slo!.slo, modelId],
      );
      expect(stored!.ten_over, modelId).toBe(tenOver);
      expect(detail.sloMinutes, modelId).toEqual({ minutes: stored!.minutes, overSloMinutes: stored!.over });
      expect(detail.sloMinutes.minutes, modelId).toBe(360);
      if (modelId === "atlas-70b-chat") {
        expect(tenOver).toBeGreaterThan(0);
        expect(detail.model.metrics.sloAttainmentPct!).toBeLessThan(95);
      }
    }
  });

  it("splits the model by pool, with per-pool spend equal to SQL, and carries actions on its pools", async () => {
    const poolId = "atlas-8b-instruct-use1-c8g-a";
    const probe = ZModelDetail.parse(
      (
        await callRoute(modelGET, "/api/models/atlas-8b-instruct?range=6h", {
          params: { modelId: "atlas-8b-instruct" },
        })
      ).body,
    );
    const to = Date.parse(probe.range.to);
    const inside = await insertFinishedAction({
      poolId,
      kind: "drain",
      count: 3,
      startedAt: new Date(to - 3 * 3600_000),
      finishedAt: new Date(to - 3 * 3600_000 + 600_000),
    });
    const outside = await insertFinishedAction({
      poolId,
      kind: "launch",
      count: 2,
      startedAt: new Date(to - 30 * 3600_000),
      finishedAt: new Date(to - 29 * 3600_000),
    });

    const detail = ZModelDetail.parse(
      (
        await callRoute(modelGET, "/api/models/atlas-8b-instruct?range=6h", {
          params: { modelId: "atlas-8b-instruct" },
        })
      ).body,
    );
    expect(detail.pools.map((p) => p.id).sort()).toEqual([
      "atlas-8b-instruct-use1-c8g-a",
      "atlas-8b-instruct-use1-trn1-a",
      "atlas-8b-instruct-use2-trn1-a",
      "atlas-8b-instruct-usw2-trn1-a",
    ]);
    const expected = await sql<{ pool: string; spend: number }>(
      `SELECT pm."poolId" AS pool, sum(t.spend_usd) AS spend FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
       WHERE pm."modelId" = 'atlas-8b-instruct' AND t.ts >= $1 AND t.ts < $2 GROUP BY 1`,
      [detail.range.from, detail.range.to],
    );
    for (const e of expected) expectUsd(detail.pools.find((p) => p.id === e.pool)!.metrics.spendUsd, e.spend, e.pool);
    expectUsd(
      detail.model.metrics.spendUsd,
      expected.reduce((a, e) => a + e.spend, 0),
    );
    expect(detail.series.length).toBeGreaterThan(30);
    expect(Object.keys(detail.series.at(-1)!.pools).sort()).toEqual(detail.pools.map((p) => p.id).sort());
    expect(detail.model.chipComparison).not.toBeNull();
    expect(detail.actions.map((a) => a.id)).toContain(inside);
    expect(detail.actions.map((a) => a.id)).not.toContain(outside);
  });
});

describe("unallocated idle reserved", () => {
  it("lists the reserved dollars of a pool serving no model on their own line, equal to SQL over the reservation rows", async () => {
    const probe = ZModelList.parse((await callRoute(modelsGET, "/api/models?range=24h")).body);
    const to = Date.parse(probe.range.to);
    await sql(
      `INSERT INTO "Pool" (id, "chipFamily", "instanceType", region, "availabilityZone", "backingKind", "backingId",
                           "minCapacity", "desiredCapacity", "maxCapacity", "updatedAt")
       SELECT 'pool-serving-nothing', "chipFamily", "instanceType", region, "availabilityZone", "backingKind",
              'pool-serving-nothing', 0, 0, 4, now() FROM "Pool" LIMIT 1`,
    );
    // 3 instances at $7/h for the last 3 hours of the window: 3 × 3 × 7 = $63.
    await sql(
      `INSERT INTO "CapacityReservation" (id, "instanceType", region, "availabilityZone", "instanceCount", "startAt",
                                          "endAt", "usdPerInstanceHour", "poolId")
       SELECT 'cr-serving-nothing', "instanceType", region, "availabilityZone", 3, $1, NULL, 7, id
       FROM "Pool" WHERE id = 'pool-serving-nothing'`,
      [new Date(to - 3 * 3600_000)],
    );
    // The same window as a custom range: a key of its own in the read cache.
    const path = `/api/models?range=custom&from=${probe.range.from}&to=${probe.range.to}`;
    const list = ZModelList.parse((await callRoute(modelsGET, path)).body);
    expect(list.range.to).toBe(probe.range.to);
    const [expected] = await sql<{ usd: number }>(
      `SELECT coalesce(sum(r."instanceCount" * r."usdPerInstanceHour" *
                extract(epoch FROM least(coalesce(r."endAt", 'infinity'), coalesce(r."retiredAt", 'infinity'), $2::timestamptz)
                                   - greatest(r."startAt", $1::timestamptz)) / 3600), 0)::float8 AS usd
       FROM "CapacityReservation" r
       WHERE NOT EXISTS (SELECT 1 FROM "PoolModel" pm WHERE pm."poolId" = r."poolId")
         AND r."startAt" < $2 AND coalesce(r."endAt", 'infinity') > $1`,
      [list.range.from, list.range.to],
    );
    expect(list.unallocatedIdleReserved.usd).toBeCloseTo(expected!.usd, 6);
    expect(list.unallocatedIdleReserved.poolIds).toContain("pool-serving-nothing");
    // Hand-computed when the simulated fleet has no pool without a model: exactly the new one.
    if (list.unallocatedIdleReserved.poolIds.length === 1) expect(list.unallocatedIdleReserved.usd).toBeCloseTo(63, 6);
  });
});
