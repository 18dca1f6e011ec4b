// Minutes with missing datapoints are stored as NULL fields, and every average skips them over its
// own denominator. Two series over 70 minutes (10:00–11:10, so reads take a whole hour from the
// rollups and ten minutes from the minute rows), with holes chosen so that reading a null as 0
// would give visibly different figures. Expected values are worked out by hand below, and checked
// once more against an independent SQL over the raw minute rows.
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { listSeries } from "@/lib/telemetry/list-series";
import { deriveMetrics } from "@/lib/telemetry/sql/derive-metrics";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import { writeMinutePoints } from "@/lib/telemetry/store/write-minute-points";
import type { SeriesRef, TelemetryMinutePoint } from "@/lib/telemetry/types";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const T0 = Date.parse("2026-11-12T10:00:00Z");
const at = (m: number) => new Date(T0 + m * 60_000);
let a: SeriesRef;
let b: SeriesRef;

// Series A: 2 instances; utilization 40 % in even minutes, missing in odd ones; 30 requests and
// 300 units a minute with p50/p95/p99 100/200/300 ms until minute 60, then the servers are silent.
function pointA(m: number): TelemetryMinutePoint {
  const served = m < 60;
  return {
    seriesId: a.seriesId,
    poolId: a.poolId,
    ts: at(m),
    utilizationPct: m % 2 === 0 ? 40 : null,
    latencyP50Ms: served ? 100 : null,
    latencyP95Ms: served ? 200 : null,
    latencyP99Ms: served ? 300 : null,
    requests: served ? 30 : null,
    units: served ? 300 : null,
    instances: 2,
  };
}

// Series B: 6 instances; utilization 80 % for minutes 0–29, then missing; 90 requests and 900
// units a minute in minutes 10–59 only; latency (50/100/150 ms) only from minute 40.
function pointB(m: number): TelemetryMinutePoint {
  const served = m >= 10 && m < 60;
  const timed = served && m >= 40;
  return {
    seriesId: b.seriesId,
    poolId: b.poolId,
    ts: at(m),
    utilizationPct: m < 30 ? 80 : null,
    latencyP50Ms: timed ? 50 : null,
    latencyP95Ms: timed ? 100 : null,
    latencyP99Ms: timed ? 150 : null,
    requests: served ? 90 : null,
    units: served ? 900 : null,
    instances: 6,
  };
}

const minutes = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const pointsFor = (from: number, to: number) => minutes(from, to).flatMap((m) => [pointA(m), pointB(m)]);

async function hourlyRow(seriesId: number) {
  const { rows } = await getPool().query(
    `SELECT minutes, instance_minutes, busy_instance_minutes, utilization_instance_minutes, requests, request_minutes,
            units, unit_minutes, latency_requests, p95_ms_x_requests, p99_ms_max
     FROM telemetry_hourly WHERE series_id = $1 AND hour = $2`,
    [seriesId, at(0)],
  );
  return rows[0];
}

// Worked by hand from the definitions above (hour 10:00–11:00).
const HOUR_A = {
  minutes: 60,
  instance_minutes: 120,
  busy_instance_minutes: 24, // 30 even minutes × 2 instances × 0.40
  utilization_instance_minutes: 60,
  requests: 1800,
  request_minutes: 60,
  units: 18000,
  unit_minutes: 60,
  latency_requests: 1800,
  p95_ms_x_requests: 360000,
  p99_ms_max: 300,
};
const HOUR_B = {
  minutes: 60,
  instance_minutes: 360,
  busy_instance_minutes: 144, // 30 minutes × 6 × 0.80
  utilization_instance_minutes: 180,
  requests: 4500, // minutes 10–59
  request_minutes: 50,
  units: 45000,
  unit_minutes: 50,
  latency_requests: 1800, // minutes 40–59
  p95_ms_x_requests: 180000,
  p99_ms_max: 150,
};

function expectRow(actual: Record<string, number>, expected: Record<string, number>) {
  for (const [k, v] of Object.entries(expected)) expect(Number(actual[k]), k).toBeCloseTo(v, 6);
}

beforeAll(async () => {
  await seedSimulatedFleet({ now: new Date("2026-11-01T00:00:00Z") });
  const series = await listSeries();
  a = series[0]!;
  b = series.find((s) => s.poolId !== a.poolId)!; // two pools: a pool's figures are its series' only
  // A new day: the bulk path, whose hourly rollups are summed from the batch in JS.
  expect((await writeMinutePoints({ source: "test", points: pointsFor(0, 60) })).written).toBe(120);
}, 120_000);

describe("missing datapoints are stored as null and skipped by every average", () => {
  it("the bulk load stores nulls, and its rollups carry the hand-computed sums and denominators", async () => {
    const { rows } = await getPool().query(
      `SELECT series_id, count(*)::int AS n, count(utilization_pct)::int AS util, count(requests)::int AS req,
              count(latency_p95_ms)::int AS p95, count(*) FILTER (WHERE requests = 0 OR utilization_pct = 0)::int AS zeros
       FROM telemetry_minute WHERE ts >= $1 AND ts < $2 GROUP BY 1 ORDER BY 1`,
      [at(0), at(60)],
    );
    expect(rows).toEqual([
      { series_id: a.seriesId, n: 60, util: 30, req: 60, p95: 60, zeros: 0 },
      { series_id: b.seriesId, n: 60, util: 30, req: 50, p95: 20, zeros: 0 },
    ]);
    expectRow(await hourlyRow(a.seriesId), HOUR_A);
    expectRow(await hourlyRow(b.seriesId), HOUR_B);
  });

  it("rebuilding the hour from the minute rows (the upsert path's SQL) gives the same sums", async () => {
    // The same minutes again: existing rows, so the staging merge and the SQL rollup rebuild.
    await writeMinutePoints({ source: "test", points: pointsFor(20, 40) });
    expectRow(await hourlyRow(a.seriesId), HOUR_A);
    expectRow(await hourlyRow(b.seriesId), HOUR_B);
  });

  it("a window of a rollup hour and ten minute rows: utilization, rates and latency over their own denominators", async () => {
    await writeMinutePoints({ source: "test", points: pointsFor(60, 70) });
    const range = { from: at(0), to: at(70), stepSeconds: 600, table: "minute" as const };
    const [fleet] = await queryTelemetrySums({ range, groupBy: "fleet", bucketed: false });
    const m = deriveMetrics(fleet!);
    // Utilization: (24 + 144) busy over (60 + 180) instance-minutes with a figure... plus A's
    // ten last minutes (5 even ones × 2 × 0.4 = 4 busy over 10): 172 / 250 = 68.8 %. Reading the
    // holes as 0 would give 172 / 560 = 30.7 %.
    expect(m.utilizationPct).toBeCloseTo(68.8, 9);
    // Rates: A serves 30/min in each of its 60 measured minutes, B 90/min in its 50: 0.5 + 1.5 req/s
    // over the 70 minutes. Holes as 0: 6,300 requests / 4,200 s = 1.5 req/s.
    expect(m.requestsPerSecond).toBeCloseTo(2, 9);
    expect(m.unitsPerSecond).toBeCloseTo(20, 9); // 300/60 + 900/60 units/s
    // Totals are what was measured; averages over instances see every minute.
    expect(fleet!.requests).toBeCloseTo(6300, 6);
    expect(fleet!.units).toBeCloseTo(63000, 6);
    expect(m.avgInstances).toBeCloseTo(8, 9);
    // Latency: only minutes with percentiles and requests, weighted by their requests.
    expect(fleet!.latencyRequests).toBeCloseTo(3600, 6);
    expect(fleet!.p95MsXRequests / fleet!.latencyRequests).toBeCloseTo(150, 6); // (200 × 1800 + 100 × 1800) / 3600
    expect(m.latencyRequests).toBeCloseTo(3600, 3); // the merged histograms hold the same requests

    // The same figures from the raw minute rows, by a query written independently of the store.
    const { rows } = await getPool().query(
      `WITH per_series AS (
         SELECT series_id, count(*) AS n,
                sum(requests::float8) * count(*) / nullif(count(requests), 0) AS req_scaled,
                sum(units) * count(*) / nullif(count(units), 0) AS units_scaled
         FROM telemetry_minute WHERE ts >= $1 AND ts < $2 GROUP BY series_id)
       SELECT (SELECT 100 * sum(instances::float8 * utilization_pct / 100) / sum(instances::float8) FILTER (WHERE utilization_pct IS NOT NULL)
                 FROM telemetry_minute WHERE ts >= $1 AND ts < $2) AS util,
              sum(req_scaled) / (max(n) * 60) AS rps, sum(units_scaled) / (max(n) * 60) AS ups
       FROM per_series`,
      [at(0), at(70)],
    );
    expect(m.utilizationPct).toBeCloseTo(rows[0].util, 6);
    expect(m.requestsPerSecond).toBeCloseTo(rows[0].rps, 9);
    expect(m.unitsPerSecond).toBeCloseTo(rows[0].ups, 9);
  });

  it("a group with no datapoint for a figure shows no figure (null), not 0", async () => {
    const range = { from: at(60), to: at(70), stepSeconds: 600, table: "minute" as const };
    const rows = await queryTelemetrySums({ range, groupBy: "pool", bucketed: false, poolIds: [b.poolId] });
    const m = deriveMetrics(rows.find((r) => r.key === b.poolId)!);
    expect(m).toMatchObject({
      utilizationPct: null,
      requestsPerSecond: null,
      unitsPerSecond: null,
      latencyP95Ms: null,
    });
    expect(m.avgInstances).toBe(6);
  });
});
