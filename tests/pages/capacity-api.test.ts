import { describe, expect, it } from "vitest";
import { GET as capacityGET } from "@/app/api/capacity/route";
import { ZCapacityOverview } from "@/lib/capacity/capacity-dto";
import { SIM_IDLE_RESERVED_POOL_ID } from "@/lib/simulator/pools";
import { callRoute, sql, useSeededFleet } from "./seeded-fleet";
import { expectUsd } from "../setup/expect-usd";

const cents = (usd: string) => Math.round(Number(usd) * 100);

useSeededFleet();

describe("GET /api/capacity", () => {
  it("refuses anonymous callers and bad ranges", async () => {
    expect((await callRoute(capacityGET, "/api/capacity", { role: null })).status).toBe(401);
    expect((await callRoute(capacityGET, "/api/capacity?range=custom&from=2026-01-02T00:00:00Z")).status).toBe(400);
  });

  it("without a bill, burns the prior spend plus every telemetry day since the start, against the yearly plan", async () => {
    const overview = ZCapacityOverview.parse((await callRoute(capacityGET, "/api/capacity?range=6h")).body);
    const [c] = overview.commitments;
    const [row] = await sql<{ prior: number; total: number; start: Date; end: Date; plan: Record<string, number> }>(
      `SELECT "priorSpendUsd" AS prior, "totalUsd" AS total, "startAt" AS start, "endAt" AS end, "yearlyPlanUsd" AS plan
       FROM "Commitment"`,
    );
    const asOf = Date.parse(c!.asOf);
    const days = await sql<{ day: Date; usd: number; minutes: number }>(
      `SELECT date_trunc('day', ts AT TIME ZONE 'UTC') AS day, sum(spend_usd + idle_reserved_usd)::float8 AS usd,
         count(DISTINCT ts)::int AS minutes
       FROM telemetry_minute WHERE ts >= $1 AND ts < $2 GROUP BY 1 ORDER BY 1`,
      [row!.start, new Date(asOf)],
    );
    const tracked = days.reduce((a, d) => a + d.usd, 0);
    expect(c!.billedUntil).toBeNull();
    expect(c!.billedUsd).toBe("0.00");
    expect(c!.takeOrPay).toBe(true);
    // The three parts are footed to burned to date (each within a cent, together exact).
    expect(Math.abs(Number(c!.estimatedUsd) - tracked)).toBeLessThan(0.01);
    expect(Math.abs(Number(c!.priorSpendUsd) - row!.prior)).toBeLessThan(0.01);
    const burned = row!.prior + tracked;
    expectUsd(c!.burnedToDateUsd, burned);
    expect(cents(c!.priorSpendUsd) + cents(c!.billedUsd) + cents(c!.estimatedUsd)).toBe(cents(c!.burnedToDateUsd));
    // The declared years before asOf's year in full, asOf's year by its elapsed share.
    const year = new Date(asOf).getUTCFullYear();
    const yearStart = Date.UTC(year, 0, 1);
    const yearLength = Date.UTC(year + 1, 0, 1) - yearStart;
    const plan =
      Object.entries(row!.plan)
        .filter(([y]) => Number(y) < year)
        .reduce((a, [, v]) => a + v, 0) +
      (row!.plan[String(year)]! * (asOf - yearStart)) / yearLength;
    expectUsd(c!.planToDateUsd, plan);
    // Run-rate: the complete days (all 1,440 minutes) before asOf's day; 2 days of backfill: no whole week.
    const today = Math.floor(asOf / 86_400_000) * 86_400_000;
    const complete = days.filter((d) => d.minutes === 1440 && d.day.getTime() < today);
    const rate = complete.length ? complete.reduce((a, d) => a + d.usd, 0) / complete.length : 0;
    expect(c!.runRateDays).toBe(complete.length);
    expect(c!.runRateWeeks).toBe(0);
    expectUsd(c!.runRateUsdPerDay, rate);
    const daysLeft = (row!.end.getTime() - asOf) / 86_400_000;
    expectUsd(c!.forecastAtEndUsd, burned + rate * daysLeft);
    expect(c!.forecastLowUsd).toBe(c!.forecastAtEndUsd);
    expectUsd(c!.forecastVsTotalUsd, burned + rate * daysLeft - row!.total);
    expect(c!.points.at(-1)).toMatchObject({ t: row!.end.toISOString(), plan: expect.closeTo(row!.total, 2) });
    expect(c!.points.at(-1)!.forecast!).toBeCloseTo(Number(c!.forecastAtEndUsd), 2);
  });

  it("reports idle reserved instance-hours and dollars per pool and model equal to independent SQL", async () => {
    const overview = ZCapacityOverview.parse((await callRoute(capacityGET, "/api/capacity?range=6h")).body);
    const expected = await sql<{ pool: string; model: string; idle: number; reserved: number; idle_usd: number }>(
      `SELECT pm."poolId" AS pool, pm."modelId" AS model, sum(greatest(t.reserved_instances::float8 - t.instances::float8, 0)) AS idle,
              sum(t.reserved_instances::float8) AS reserved, sum(t.idle_reserved_usd) AS idle_usd
       FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
       WHERE t.ts >= $1 AND t.ts < $2 GROUP BY 1, 2 HAVING sum(t.reserved_instances) > 0`,
      [overview.range.from, overview.range.to],
    );
    expect(overview.usage.byPool).toHaveLength(expected.length);
    for (const e of expected) {
      const row = overview.usage.byPool.find((r) => r.key === e.pool)!;
      expect(row.idleInstanceHours, e.pool).toBeCloseTo(e.idle / 60, 2);
      // Footed to usage.idleReservedUsd (largest remainder): within a cent.
      expect(Math.abs(Number(row.idleReservedUsd) - e.idle_usd), e.pool).toBeLessThan(0.01);
      expect(row.related).toEqual([e.model]);
    }
    expect(overview.usage.byPool[0]).toMatchObject({ key: SIM_IDLE_RESERVED_POOL_ID, instanceType: "trn2.48xlarge" });
    expect(overview.usage.byPool[0]!.avgIdleInstances).toBeCloseTo(12, 3);
    const helios = overview.usage.byModel.find((r) => r.key === "helios-405b")!;
    expect(
      Math.abs(
        Number(helios.idleReservedUsd) -
          expected.filter((e) => e.model === "helios-405b").reduce((a, e) => a + e.idle_usd, 0),
      ),
    ).toBeLessThan(0.01);
    // Both idle tables foot to the usage total, to the cent.
    const totalIdleUsd = expected.reduce((a, e) => a + e.idle_usd, 0);
    expectUsd(overview.usage.idleReservedUsd, totalIdleUsd);
    for (const rows of [overview.usage.byPool, overview.usage.byModel])
      expect(rows.reduce((a, r) => a + cents(r.idleReservedUsd), 0)).toBe(cents(overview.usage.idleReservedUsd));
    const totalReserved = expected.reduce((a, e) => a + e.reserved, 0);
    const totalIdle = expected.reduce((a, e) => a + e.idle, 0);
    expect(overview.usage.reservedUtilizationPct!).toBeCloseTo(100 * (1 - totalIdle / totalReserved), 3);
    const last = overview.usage.series.at(-1)!;
    expect(last.reserved - last.used).toBeGreaterThan(11.9); // helios' 12 idle instances, at least
  });

  it("flags the reservation that ends within 30 days", async () => {
    const overview = ZCapacityOverview.parse((await callRoute(capacityGET, "/api/capacity?range=1h")).body);
    const expiring = overview.reservations.filter((r) => r.expiring);
    expect(expiring.map((r) => r.poolId)).toEqual(["scribe-13b-code-use1-trn1-a"]);
    expect(overview.reservations[0]!.id).toBe(expiring[0]!.id); // soonest first
  });

  it("reports each reservation's measured use: latest used/total, range average and utilization without missing periods", async () => {
    const [first, second] = await sql<{ id: string }>(`SELECT id FROM "CapacityReservation" ORDER BY id LIMIT 2`);
    // 00:00..00:55 in range: used 2,2,2,2,3,3,3,3,–,–,4,4 of 4 (00:55 without a total); 01:00 is
    // outside; 02:00 is the newest period with a used count (02:05 has none).
    const used = [2, 2, 2, 2, 3, 3, 3, 3, null, null, 4, 4, 4];
    const rows = used.map((u, i) => [i * 5, u, i === 11 ? null : 4] as const);
    for (const [minutes, u, total] of [...rows, [120, 1, 4] as const, [125, null, null] as const])
      await sql(
        `INSERT INTO reservation_usage_5m (reservation_id, ts, used_instances, available_instances, total_instances)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          first!.id,
          new Date(Date.parse("2026-01-01T00:00:00Z") + minutes * 60_000),
          u,
          u === null ? null : 4 - u,
          total,
        ],
      );
    const { status, body } = await callRoute(
      capacityGET,
      "/api/capacity?range=custom&from=2026-01-01T00:00:00Z&to=2026-01-01T01:00:00Z",
    );
    expect(status).toBe(200);
    const overview = ZCapacityOverview.parse(body);
    const measured = overview.reservations.find((r) => r.id === first!.id)!.measured;
    expect(measured).toEqual({
      latest: { ts: "2026-01-01T02:00:00.000Z", usedInstances: 1, totalInstances: 4 },
      avgUsedInstances: expect.closeTo((2 * 4 + 3 * 4 + 4 * 2) / 10, 9),
      // Σ used / Σ total over the 9 periods with both: (8 + 12 + 4) / 36.
      utilizationPct: expect.closeTo((100 * 24) / 36, 9),
      periods: 12,
      missingPeriods: 2,
    });
    expect(overview.reservations.find((r) => r.id === second!.id)!.measured).toEqual({
      latest: null,
      avgUsedInstances: null,
      utilizationPct: null,
      periods: 0,
      missingPeriods: 0,
    });
  });
});
