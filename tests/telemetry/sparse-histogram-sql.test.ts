// Sparse histograms in PostgreSQL (migration 20261206052000, lib/telemetry/sparse-histogram.ts):
// stored runs read back and merge, through the same SQL the pages run, to exactly the full
// histograms they stand for; the migration's latency_histogram_sparse() is the TypeScript twin.
import { describe, expect, it } from "vitest";
import { getPool } from "@/lib/db";
import { histogramQuantileMs, LATENCY_BUCKETS } from "@/lib/telemetry/latency-histogram";
import { readHistogram, sumHistogramSql } from "@/lib/telemetry/sql/histogram-sql";
import { sparseHistogramLiteral } from "@/lib/telemetry/sparse-histogram";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const full = (counts: Record<number, number>) => Array.from({ length: LATENCY_BUCKETS }, (_, k) => counts[k] ?? 0);

/** The merged histogram of stored rows (NULL for a row without one), as the read SQL sums them. */
async function merged(type: "real" | "float8", rows: Array<string | null>): Promise<number[]> {
  const { rows: out } = await getPool().query(
    `SELECT ${sumHistogramSql("v.h")} AS h FROM unnest($1::text[]) u(x), LATERAL (SELECT u.x::${type}[] AS h) v`,
    [rows],
  );
  return Array.from(readHistogram(out[0]!.h));
}

describe("sparse histograms in SQL", () => {
  it("a stored run reads back as the full histogram (round trip through real[] and float8[])", async () => {
    const h = full({ 12: 3, 13: 0.5, 15: 250 });
    const literal = sparseHistogramLiteral(h)!;
    expect(await merged("real", [literal])).toEqual(h);
    expect(await merged("float8", [literal])).toEqual(h);
  });

  it("runs with different offsets merge bucket by bucket", async () => {
    // [3:5] is buckets 2…4, [5:7] buckets 4…6: they overlap in bucket 4 only.
    expect(await merged("real", ["[3:5]={1,2,3}", "[5:7]={10,20,30}", "[48:48]={4}"])).toEqual(
      full({ 2: 1, 3: 2, 4: 13, 5: 20, 6: 30, 47: 4 }),
    );
  });

  it("a minute without requests (NULL) or stored before histograms ({}) adds nothing", async () => {
    expect(await merged("real", [null, "{}"])).toEqual(full({}));
    expect(histogramQuantileMs(new Float64Array(await merged("real", [null, "{}"])), 0.95)).toBeNull();
    expect(await merged("real", [null, "[2:2]={5}", "{}"])).toEqual(full({ 1: 5 }));
  });

  it("the merged percentile is the hand-computed one", async () => {
    // 50 requests in bucket 3 (1.587…2 ms) and 50 in bucket 6 (3.175…4 ms), from two rows whose
    // runs start at different buckets. p50: rank 50 ends bucket 3, at its upper edge 2^(3/3) = 2 ms.
    // p95: rank 95 is 45 of bucket 6's 50, 0.9 of the way in log: 2^((5 + 0.9)/3) = 2^1.96667 = 3.90864 ms.
    const h = new Float64Array(await merged("real", ["[4:4]={30}", "[4:7]={20,0,0,50}"]));
    expect(histogramQuantileMs(h, 0.5)).toBe(2);
    expect(histogramQuantileMs(h, 0.95)).toBeCloseTo(3.90864, 5);
  });

  it("latency_histogram_sparse() keeps the same run as the TypeScript encoder, values untouched", async () => {
    const h = full({ 2: 1, 4: 0.1 + 0.2, 9: 7 });
    const { rows } = await getPool().query(
      `SELECT latency_histogram_sparse($1::float8[])::text AS sql, $2::float8[]::text AS ts,
              latency_histogram_sparse($1::float8[]) = $2::float8[] AS same,
              latency_histogram_sparse('{0,0,0}')::text AS zeros, latency_histogram_sparse('{}')::text AS empty,
              latency_histogram_sparse('[3:5]={0,1,0}')::text AS resparse`,
      [h, sparseHistogramLiteral(h)],
    );
    expect(rows[0]).toEqual({
      sql: "[3:10]={1,0,0.30000000000000004,0,0,0,0,7}",
      ts: "[3:10]={1,0,0.30000000000000004,0,0,0,0,7}",
      same: true,
      zeros: null,
      empty: "{}",
      resparse: "[4:4]={1}",
    });
  });
});

describe("the write paths store sparse histograms", () => {
  const hour = "2026-11-05T10:00:00Z";
  const at = (minute: number) => new Date(Date.parse(hour) + minute * 60_000);
  const point = (seriesId: number, poolId: string, minute: number, counts: Record<number, number> | null) => ({
    seriesId,
    poolId,
    ts: at(minute),
    utilizationPct: 50,
    latencyP50Ms: counts ? 10 : null,
    latencyP95Ms: counts ? 20 : null,
    latencyP99Ms: counts ? 30 : null,
    requests: counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null,
    units: null,
    instances: 2,
    ...(counts ? { latencyHistogram: full(counts) } : {}),
  });
  const stored = async (seriesId: number) => ({
    minutes: (
      await getPool().query<{ h: string | null }>(
        `SELECT latency_histogram::text AS h FROM telemetry_minute WHERE series_id = $1 AND ts >= $2 ORDER BY ts`,
        [seriesId, hour],
      )
    ).rows.map((r) => r.h),
    hour: (
      await getPool().query<{ h: string | null }>(
        `SELECT latency_histogram::text AS h FROM telemetry_hourly WHERE series_id = $1 AND hour = $2`,
        [seriesId, hour],
      )
    ).rows[0]?.h,
  });

  it("new days (COPY + hourly sums in memory), then a rewritten minute (upsert + hourly rebuilt in SQL)", async () => {
    const { seedSimulatedFleet } = await import("@/lib/simulator/seed-simulated-fleet");
    const { listSeries } = await import("@/lib/telemetry/list-series");
    const { writeMinutePoints } = await import("@/lib/telemetry/store/write-minute-points");
    await seedSimulatedFleet({ now: new Date("2026-11-01T00:00:00Z") });
    const s = (await listSeries())[0]!;
    // Minute 0: buckets 3 and 6; minute 1: no latency measured; minute 2: bucket 4.
    await writeMinutePoints({
      source: "simulated",
      points: [
        point(s.seriesId, s.poolId, 0, { 3: 30, 6: 50 }),
        point(s.seriesId, s.poolId, 1, null),
        point(s.seriesId, s.poolId, 2, { 4: 5 }),
      ],
    });
    expect(await stored(s.seriesId)).toEqual({
      minutes: ["[4:7]={30,0,0,50}", null, "[5:5]={5}"],
      hour: "[4:7]={30,5,0,50}",
    });
    // Late data for minute 1: requests in bucket 10, stored on the upsert path.
    await writeMinutePoints({ source: "simulated", points: [point(s.seriesId, s.poolId, 1, { 10: 2 })] });
    expect(await stored(s.seriesId)).toEqual({
      minutes: ["[4:7]={30,0,0,50}", "[11:11]={2}", "[5:5]={5}"],
      hour: "[4:11]={30,5,0,50,0,0,0,2}",
    });

    // A read with latency: false (spend, reserved use) sums the same figures and carries no histogram.
    const { queryTelemetrySums } = await import("@/lib/telemetry/sql/query-telemetry-sums");
    for (const [from, to] of [
      [at(0), at(3)], // minute rows only
      [new Date("2026-11-05T09:59:00Z"), new Date("2026-11-05T11:01:00Z")], // an hourly rollup and minute edges
    ]) {
      const range = { from: from!, to: to!, stepSeconds: 3600, table: "hourly" as const };
      const withLatency = await queryTelemetrySums({ range, groupBy: "pool", bucketed: false, poolIds: [s.poolId] });
      const without = await queryTelemetrySums({
        range,
        groupBy: "pool",
        bucketed: false,
        poolIds: [s.poolId],
        latency: false,
      });
      expect(withLatency).toHaveLength(1);
      expect(withLatency[0]!.latencyHistogram[3]).toBe(30);
      expect(withLatency[0]!.spendUsd).toBeGreaterThan(0);
      const { latencyHistogram, requestsWithinSlo, ...rest } = withLatency[0]!;
      expect([latencyHistogram.length, typeof requestsWithinSlo]).toEqual([LATENCY_BUCKETS, "number"]);
      expect(without).toEqual([rest]);
    }
  }, 120_000);
});
