// model_latency_minute holds each model's p50/p95/p99 per minute over all its pools, from their
// merged histograms. Both write paths (the bulk load of new days and the upsert of minutes that
// exist) must leave it equal to an independent SQL recomputation from the raw minute rows.
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { listSeries } from "@/lib/telemetry/list-series";
import { writeMinutePoints } from "@/lib/telemetry/store/write-minute-points";
import { pooledLatencySql } from "../setup/sql-pooled-latency";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const source = createSimulatedTelemetrySource({ seed: 5 });
const from = new Date("2026-11-02T10:00:00Z");
const to = new Date("2026-11-02T10:08:00Z");

type Row = { g: string; p50: number; p95: number; p99: number; requests: number };

/** Per "model|epoch seconds" in [from, to): the stored rows and the SQL recomputation. */
async function storedAndRecomputed() {
  const stored = (
    await getPool().query<Row>(
      `SELECT model_id || '|' || extract(epoch FROM ts)::bigint AS g, p50_ms AS p50, p95_ms AS p95, p99_ms AS p99, requests
       FROM model_latency_minute WHERE ts >= $1 AND ts < $2 ORDER BY 1`,
      [from, to],
    )
  ).rows;
  const recomputed = (
    await getPool().query<Row>(pooledLatencySql(`pm."modelId" || '|' || extract(epoch FROM t.ts)::bigint`), [from, to])
  ).rows.sort((a, b) => a.g.localeCompare(b.g));
  return { stored, recomputed };
}

function expectEqual(stored: Row[], recomputed: Row[]) {
  expect(stored.map((r) => r.g)).toEqual(recomputed.map((r) => r.g));
  stored.forEach((s, i) => {
    const e = recomputed[i]!;
    // Stored as real (float4): equal to its 7 significant digits.
    for (const k of ["p50", "p95", "p99"] as const) expect(s[k] / e[k], `${s.g} ${k}`).toBeCloseTo(1, 6);
    expect(s.requests, s.g).toBeCloseTo(e.requests, 3);
  });
}

beforeAll(async () => {
  await seedSimulatedFleet({ now: new Date("2026-11-01T00:00:00Z") });
  const series = await listSeries();
  // A new day: the bulk path.
  const points = (
    await source.fetchMinutes({ series, from: new Date("2026-11-02T00:00:00Z"), to: new Date("2026-11-03T00:00:00Z") })
  ).points;
  await writeMinutePoints({ source: "simulated", points });
}, 120_000);

describe("model latency per minute", () => {
  it("after a bulk load: one row per model-minute with requests, equal to the SQL recomputation", async () => {
    const { stored, recomputed } = await storedAndRecomputed();
    expect(stored.length).toBeGreaterThan(8 * 8); // most of 12 models serve traffic every minute
    expectEqual(stored, recomputed);
  });

  it("after late data rewrites one series' minute (the upsert path), the model's minute follows", async () => {
    const ts = new Date("2026-11-02T10:03:00Z");
    const { rows } = await getPool().query<{ series_id: number; poolId: string; modelId: string; requests: number }>(
      `SELECT t.series_id, pm."poolId", pm."modelId", t.requests FROM telemetry_minute t
       JOIN "PoolModel" pm ON pm.id = t.series_id WHERE t.ts = $1 AND t.requests > 0 ORDER BY t.series_id LIMIT 1`,
      [ts],
    );
    const target = rows[0]!;
    const before = await getPool().query<{ p95: number }>(
      `SELECT p95_ms AS p95 FROM model_latency_minute WHERE model_id = $1 AND ts = $2`,
      [target.modelId, ts],
    );
    await writeMinutePoints({
      source: "simulated",
      points: [
        {
          seriesId: target.series_id,
          poolId: target.poolId,
          ts,
          utilizationPct: 90,
          latencyP50Ms: 4000,
          latencyP95Ms: 9000,
          latencyP99Ms: 12000,
          requests: target.requests * 50,
          units: 1,
          instances: 1,
        },
      ],
    });
    const after = await getPool().query<{ p95: number }>(
      `SELECT p95_ms AS p95 FROM model_latency_minute WHERE model_id = $1 AND ts = $2`,
      [target.modelId, ts],
    );
    expect(after.rows[0]!.p95).toBeGreaterThan(before.rows[0]!.p95 * 1.2);
    const { stored, recomputed } = await storedAndRecomputed();
    expectEqual(stored, recomputed);
  });
});
