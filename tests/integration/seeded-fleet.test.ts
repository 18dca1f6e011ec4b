import { describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import { SIM_MODELS } from "@/lib/simulator/catalog";
import { SIM_POOLS } from "@/lib/simulator/pools";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { writeMinutePoints } from "@/lib/telemetry/store/write-minute-points";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const now = new Date("2026-11-20T12:00:30Z");
const source = createSimulatedTelemetrySource({ seed: 7 });

describe("seeded simulated fleet", () => {
  it("seeds once, with the catalog's models, pools, prices, reservations and commitment", async () => {
    expect(await seedSimulatedFleet({ now })).toBe(true);
    expect(await seedSimulatedFleet({ now })).toBe(false);
    const prisma = getPrisma();
    expect(await prisma.model.count()).toBe(SIM_MODELS.length);
    expect(await prisma.pool.count()).toBe(SIM_POOLS.length);
    expect(await prisma.poolModel.count()).toBe(SIM_POOLS.length);
    const pools = await prisma.pool.findMany();
    const prices = await prisma.instancePrice.findMany();
    // Every pool has a price for its instance type in its region.
    for (const p of pools)
      expect(
        prices.some((x) => x.instanceType === p.instanceType && x.region === p.region),
        p.id,
      ).toBe(true);
    const reservations = await prisma.capacityReservation.findMany();
    expect(reservations.length).toBe(SIM_POOLS.filter((p) => p.reservedInstances > 0).length);
    expect(reservations.every((r) => /^cr-[0-9a-f]{17}$/.test(r.id))).toBe(true);
    expect(await prisma.commitment.count()).toBe(1);
  });

  it("backfills every series minute, then writes nothing more until time passes", async () => {
    const first = await runIngest({ source, backfillDays: 1, now });
    expect(first.error).toBeUndefined();
    expect(first.written).toBe(SIM_POOLS.length * 1440);
    const { rows } = await getPool().query(
      "SELECT count(*)::int AS n, min(ts) AS min, max(ts) AS max FROM telemetry_minute",
    );
    expect(rows[0]).toEqual({
      n: SIM_POOLS.length * 1440,
      min: new Date("2026-11-19T12:00:00Z"),
      max: new Date("2026-11-20T11:59:00Z"),
    });

    expect((await runIngest({ source, backfillDays: 1, now })).written).toBe(0);
    const later = await runIngest({ source, backfillDays: 1, now: new Date(now.getTime() + 5 * 60_000) });
    expect(later.written).toBe(SIM_POOLS.length * 5);
  });

  it("updates minutes written again in place (late or corrected data), rollups included", async () => {
    const ts = new Date("2026-11-20T10:30:00Z");
    const { rows: before } = await getPool().query(
      `SELECT series_id, "poolId" FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id WHERE ts = $1 ORDER BY series_id LIMIT 1`,
      [ts],
    );
    const { seriesId, poolId } = { seriesId: before[0].series_id as number, poolId: before[0].poolId as string };
    const count = async () => (await getPool().query("SELECT count(*)::int AS n FROM telemetry_minute")).rows[0].n;
    const total = await count();
    await writeMinutePoints({
      source: "simulated",
      points: [
        {
          seriesId,
          poolId,
          ts,
          utilizationPct: 12.5,
          latencyP50Ms: 10,
          latencyP95Ms: 20,
          latencyP99Ms: 30,
          requests: 4242,
          units: 1,
          instances: 3,
        },
      ],
    });
    expect(await count()).toBe(total);
    const { rows } = await getPool().query(
      "SELECT utilization_pct, requests, instances FROM telemetry_minute WHERE series_id = $1 AND ts = $2",
      [seriesId, ts],
    );
    expect(rows[0]).toEqual({ utilization_pct: 12.5, requests: 4242, instances: 3 });
  });

  it("keeps hourly rollups equal to an independent sum of the minutes", async () => {
    const { rows } = await getPool().query(`
      WITH expected AS (
        SELECT t.series_id, date_trunc('hour', t.ts) AS hour, count(*) AS minutes,
               sum(t.instances::float8) AS instance_minutes, sum(t.requests::float8) AS requests,
               sum(t.spend_usd) AS spend, sum(t.idle_reserved_usd) AS idle,
               sum(t.latency_p95_ms::float8 * t.requests::float8) AS p95xr,
               count(*) FILTER (WHERE t.requests > 0 AND t.latency_p95_ms > m."sloP95Ms") AS breach
        FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id JOIN "Model" m ON m.id = pm."modelId"
        GROUP BY 1, 2)
      SELECT count(*)::int AS hours,
             count(*) FILTER (WHERE h.series_id IS NULL)::int AS missing,
             max(abs(e.spend - h.spend_usd)) AS spend_diff,
             max(abs(e.idle - h.idle_reserved_usd)) AS idle_diff,
             max(abs(e.instance_minutes - h.instance_minutes)) AS inst_diff,
             max(abs(e.requests - h.requests)) AS req_diff,
             max(abs(e.p95xr - h.p95_ms_x_requests) / greatest(e.p95xr, 1)) AS p95_rel_diff,
             max(abs(e.breach - h.slo_breach_minutes)) AS breach_diff,
             max(abs(e.minutes - h.minutes)) AS minutes_diff
      FROM expected e LEFT JOIN telemetry_hourly h ON h.series_id = e.series_id AND h.hour = e.hour`);
    const r = rows[0];
    expect(r.missing).toBe(0);
    expect(r.hours).toBe(SIM_POOLS.length * 25); // 24 whole hours plus the 5 minutes of the next one
    for (const key of [
      "spend_diff",
      "idle_diff",
      "inst_diff",
      "req_diff",
      "p95_rel_diff",
      "breach_diff",
      "minutes_diff",
    ]) {
      expect(Number(r[key]), key).toBeLessThan(1e-6);
    }
    const { rows: extra } = await getPool().query("SELECT count(*)::int AS n FROM telemetry_hourly");
    expect(extra[0].n).toBe(r.hours);
  });

  it("stores spend that follows from the price catalog and reservations", async () => {
    // Hand-check one pool: the idle reserved helios pool runs 4 of 16 reserved trn2 (no on-demand).
    const { rows } = await getPool().query(`
      SELECT t.instances, t.spend_usd, t.idle_reserved_usd, r."usdPerInstanceHour" AS rate, r."instanceCount" AS reserved
      FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
      JOIN "CapacityReservation" r ON r."poolId" = pm."poolId"
      WHERE pm."poolId" = 'helios-405b-use2-trn2-a' LIMIT 1`);
    const r = rows[0];
    expect(r.spend_usd).toBeCloseTo((r.instances * r.rate) / 60, 9);
    expect(r.idle_reserved_usd).toBeCloseTo(((r.reserved - r.instances) * r.rate) / 60, 9);
  });
});
