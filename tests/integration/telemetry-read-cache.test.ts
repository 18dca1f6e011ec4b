import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { writeMinutePoints } from "@/lib/telemetry/store/write-minute-points";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

// Reads are shared between callers until the data changes; these check both halves.
let range: { from: Date; to: Date; stepSeconds: number; table: "minute" };

beforeAll(async () => {
  await seedSimulatedFleet();
  const result = await runIngest({ source: createSimulatedTelemetrySource({ seed: 11 }), backfillDays: 1 });
  expect(result.error).toBeUndefined();
  const { rows } = await getPool().query<{ latest: Date }>(`SELECT max(ts) AS latest FROM telemetry_minute`);
  const to = new Date(rows[0]!.latest.getTime() + 60_000);
  range = { from: new Date(to.getTime() - 3 * 3_600_000), to, stepSeconds: 600, table: "minute" };
});

describe("telemetry read cache", () => {
  it("answers identical concurrent reads with one result", async () => {
    const [a, b] = await Promise.all([
      queryTelemetrySums({ range, groupBy: "pool", bucketed: false }),
      queryTelemetrySums({ range, groupBy: "pool", bucketed: false }),
    ]);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toBe(a);
  });

  it("shows a late rewrite of minutes already read (the write clears the cache)", async () => {
    const before = await queryTelemetrySums({ range, groupBy: "pool", bucketed: false });
    const { rows } = await getPool().query<{ series_id: number; poolId: string; ts: Date; instances: number }>(
      `SELECT t.series_id, pm."poolId", t.ts, t.instances FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
       WHERE t.ts = $1 ORDER BY t.series_id LIMIT 1`,
      [new Date(range.to.getTime() - 30 * 60_000)],
    );
    const row = rows[0]!;
    const poolBefore = before.find((r) => r.key === row.poolId)!;
    // The same minute again with 1,000 more requests than the pool served in the whole range.
    const extra = poolBefore.requests + 1000;
    const { rows: current } = await getPool().query(`SELECT * FROM telemetry_minute WHERE series_id = $1 AND ts = $2`, [
      row.series_id,
      row.ts,
    ]);
    const c = current[0]!;
    await writeMinutePoints({
      source: "simulated",
      points: [
        {
          seriesId: row.series_id,
          poolId: row.poolId,
          ts: row.ts,
          utilizationPct: c.utilization_pct,
          latencyP50Ms: c.latency_p50_ms,
          latencyP95Ms: c.latency_p95_ms,
          latencyP99Ms: c.latency_p99_ms,
          requests: c.requests + extra,
          units: c.units,
          instances: c.instances,
        },
      ],
    });
    const after = await queryTelemetrySums({ range, groupBy: "pool", bucketed: false });
    expect(after).not.toBe(before);
    expect(after.find((r) => r.key === row.poolId)!.requests).toBeCloseTo(poolBefore.requests + extra, 0);
  });
});
