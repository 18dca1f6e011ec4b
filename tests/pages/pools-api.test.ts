import { describe, expect, it } from "vitest";
import { GET as poolGET } from "@/app/api/pools/[poolId]/route";
import { GET as poolsGET } from "@/app/api/pools/route";
import { GET as overviewGET } from "@/app/api/overview/route";
import { ZOverview } from "@/lib/overview/overview-dto";
import { ZPoolDetail, ZPoolList } from "@/lib/pools/pool-dto";
import { SIM_HOT_POOL_ID, SIM_IDLE_RESERVED_POOL_ID, SIM_POOLS } from "@/lib/simulator/pools";
import { callRoute, sql, useSeededFleet } from "./seeded-fleet";
import { expectUsd } from "../setup/expect-usd";

useSeededFleet();

describe("GET /api/pools", () => {
  it("refuses anonymous callers", async () => {
    expect((await callRoute(poolsGET, "/api/pools", { role: null })).status).toBe(401);
  });

  it("lists every pool with spend, utilization, in-service and reserved capacity equal to independent SQL", async () => {
    const { status, body } = await callRoute(poolsGET, "/api/pools?range=6h");
    expect(status).toBe(200);
    const list = ZPoolList.parse(body);
    expect(list.pools).toHaveLength(SIM_POOLS.length);
    const expected = await sql<{ pool: string; spend: number; util: number }>(
      `SELECT pm."poolId" AS pool, sum(t.spend_usd) AS spend,
              sum(t.instances::float8 * t.utilization_pct::float8) / nullif(sum(t.instances::float8), 0) AS util
       FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id WHERE t.ts >= $1 AND t.ts < $2 GROUP BY 1`,
      [list.range.from, list.range.to],
    );
    const recent = await sql<{ pool: string; instances: number }>(
      `SELECT pm."poolId" AS pool, sum(t.instances::float8) / count(DISTINCT t.ts) AS instances
       FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id WHERE t.ts >= $1 AND t.ts < $2 GROUP BY 1`,
      [list.nowWindow.from, list.nowWindow.to],
    );
    const reserved = await sql<{ pool: string; n: number }>(
      `SELECT "poolId" AS pool, sum("instanceCount")::int AS n FROM "CapacityReservation" WHERE "startAt" <= now() AND "endAt" > now() GROUP BY 1`,
    );
    for (const p of list.pools) {
      const e = expected.find((x) => x.pool === p.id)!;
      expectUsd(p.metrics.spendUsd, e.spend, p.id);
      expect(p.metrics.utilizationPct!, p.id).toBeCloseTo(e.util, 6);
      expect(p.inService!, p.id).toBeCloseTo(recent.find((x) => x.pool === p.id)!.instances, 6);
      expect(p.reservedNow, p.id).toBe(reserved.find((x) => x.pool === p.id)?.n ?? 0);
      expect(p.spark.length, p.id).toBeGreaterThan(20);
    }
    const idle = list.pools.find((p) => p.id === SIM_IDLE_RESERVED_POOL_ID)!;
    expect(idle.reservedNow).toBe(16);
    expect(idle.inService).toBeCloseTo(4, 6);
  });

  it("adds up to the overview's fleet spend for the same range", async () => {
    const pools = ZPoolList.parse((await callRoute(poolsGET, "/api/pools?range=7d")).body);
    const overview = ZOverview.parse((await callRoute(overviewGET, "/api/overview?range=7d")).body);
    // Each pool's amount is rounded once to the cent (this list has no total to foot to): the sum of
    // n rounded rows is within n half-cents of the fleet total, which is rounded once.
    const cents = (usd: string) => Math.round(Number(usd) * 100);
    const rowCents = pools.pools.reduce((a, p) => a + cents(p.metrics.spendUsd), 0);
    expect(Math.abs(rowCents - cents(overview.fleet.spendUsd))).toBeLessThanOrEqual(pools.pools.length / 2 + 0.5);
  });
});

describe("GET /api/pools/:poolId", () => {
  it("answers 404 for an unknown pool and 400 for a malformed id", async () => {
    const missing = await callRoute(poolGET, "/api/pools/nope", { params: { poolId: "nope" } });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: "NOT_FOUND", message: "no pool nope" }); // names the id
    expect((await callRoute(poolGET, "/api/pools/x", { params: { poolId: "../etc" } })).status).toBe(400);
  });

  it("shows the hot pool's capacity, reservation, model figures and series", async () => {
    const { status, body } = await callRoute(poolGET, `/api/pools/${SIM_HOT_POOL_ID}?range=6h`, {
      params: { poolId: SIM_HOT_POOL_ID },
    });
    expect(status).toBe(200);
    const detail = ZPoolDetail.parse(body);
    expect(detail.pool).toMatchObject({
      id: SIM_HOT_POOL_ID,
      desiredCapacity: 12,
      reservedNow: 8,
      models: ["atlas-70b-chat"],
    });
    expect(detail.pool.metrics.utilizationPct!).toBeGreaterThan(85);
    expect(detail.models[0]!.metrics.latencyP95Ms!).toBeGreaterThan(detail.models[0]!.sloP95Ms);
    expect(detail.reservations).toHaveLength(1);
    expect(detail.reservations[0]!.active).toBe(true);
    const [e] = await sql<{ spend: number; idle: number }>(
      `SELECT sum(t.spend_usd) AS spend, sum(t.idle_reserved_usd) AS idle FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
       WHERE pm."poolId" = $1 AND t.ts >= $2 AND t.ts < $3`,
      [SIM_HOT_POOL_ID, detail.range.from, detail.range.to],
    );
    expectUsd(detail.pool.metrics.spendUsd, e!.spend);
    expectUsd(detail.models[0]!.metrics.spendUsd, e!.spend);
    expect(detail.series.length).toBeGreaterThan(30);
    expect(detail.series.at(-1)!.instances).toBeCloseTo(12, 6);
    expect(detail.series.at(-1)!.reservedInstances).toBeCloseTo(8, 4);
  });
});
