// A batch whose UTC days have no partition (a backfill) is loaded into new tables that are then
// attached, with its hourly rollups summed in memory. These tests hold that path to what the
// upsert path produces: the rollups equal a rebuild from the stored minutes, the partitions carry
// the parent's indexes, a concurrent writer of the same day falls back to the upsert path, and a
// failed load leaves nothing behind.
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { listSeries } from "@/lib/telemetry/list-series";
import { forgetMinutePartitions } from "@/lib/telemetry/store/ensure-minute-partitions";
import { refreshHourlyRollups } from "@/lib/telemetry/store/refresh-hourly-rollups";
import { writeMinutePoints } from "@/lib/telemetry/store/write-minute-points";
import type { SeriesRef, TelemetryMinutePoint } from "@/lib/telemetry/types";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

let series: SeriesRef[] = [];
const source = createSimulatedTelemetrySource({ seed: 11 });
const at = (iso: string) => new Date(iso);

async function simulate(from: string, to: string, only = series): Promise<TelemetryMinutePoint[]> {
  return (await source.fetchMinutes({ series: only, from: at(from), to: at(to) })).points;
}

async function partitions(): Promise<string[]> {
  const { rows } = await getPool().query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'telemetry_minute'::regclass ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

type HourRow = Record<string, number | Date>;
const hourly = async (): Promise<HourRow[]> =>
  (await getPool().query<HourRow>(`SELECT * FROM telemetry_hourly ORDER BY series_id, hour`)).rows;

beforeAll(async () => {
  await seedSimulatedFleet({ now: at("2026-11-01T00:00:00Z") });
  series = await listSeries();
});

describe("bulk load of new days", () => {
  it("loads a batch spanning midnight into two new partitions carrying the parent's primary key and BRIN index", async () => {
    const points = await simulate("2026-11-09T21:00:00Z", "2026-11-10T03:00:00Z");
    expect(await writeMinutePoints({ source: "test", points })).toEqual({
      written: points.length,
      reread: 0,
      changed: 0,
    });
    expect(await partitions()).toEqual(["telemetry_minute_p20261109", "telemetry_minute_p20261110"]);
    // Each partition's indexes are the partitions of the parent's two indexes, and there are no others.
    const { rows } = await getPool().query<{ part: string; indexes: string[] }>(
      `SELECT c.relname AS part, array_agg(pi.relname::text ORDER BY pi.relname) AS indexes
       FROM pg_class c JOIN pg_index x ON x.indrelid = c.oid
       LEFT JOIN pg_inherits ih ON ih.inhrelid = x.indexrelid LEFT JOIN pg_class pi ON pi.oid = ih.inhparent
       WHERE c.relname IN ('telemetry_minute_p20261109', 'telemetry_minute_p20261110') GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { part: "telemetry_minute_p20261109", indexes: ["telemetry_minute_pkey", "telemetry_minute_ts_idx"] },
      { part: "telemetry_minute_p20261110", indexes: ["telemetry_minute_pkey", "telemetry_minute_ts_idx"] },
    ]);
    const stored = await getPool().query(
      `SELECT count(*)::int AS n, min(ts) AS first, max(ts) AS last FROM telemetry_minute`,
    );
    expect(stored.rows[0]).toEqual({
      n: points.length,
      first: at("2026-11-09T21:00:00Z"),
      last: at("2026-11-10T02:59:00Z"),
    });
  });

  it("writes the same hourly rollups as rebuilding them from the stored minutes", async () => {
    const fromBatch = await hourly();
    expect(fromBatch).toHaveLength(series.length * 6);
    // The catalog has a pool that breaches its SLO: the breach count is exercised, not only zeros.
    expect(fromBatch.some((h) => (h.slo_breach_minutes as number) > 0)).toBe(true);
    const client = await getPool().connect();
    try {
      await client.query("BEGIN");
      await refreshHourlyRollups(client, {
        seriesIds: series.map((s) => s.seriesId),
        from: at("2026-11-09T21:00:00Z"),
        to: at("2026-11-10T03:00:00Z"),
      });
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    const rebuilt = await hourly();
    expect(rebuilt).toHaveLength(fromBatch.length);
    rebuilt.forEach((row, i) => {
      for (const [column, value] of Object.entries(row)) {
        const mine = fromBatch[i]![column];
        if (typeof value === "number" && !Number.isInteger(value)) expect(mine as number, column).toBeCloseTo(value, 6);
        else expect(mine, column).toEqual(value);
      }
    });
  });

  it("a later batch into a loaded day takes the upsert path and rewrites its rollups", async () => {
    const points = (await simulate("2026-11-10T02:00:00Z", "2026-11-10T04:00:00Z")).map((p) => ({
      ...p,
      requests: (p.requests ?? 0) + 1,
    }));
    await writeMinutePoints({ source: "test", points });
    const { rows } = await getPool().query(
      `SELECT count(*)::int AS n FROM telemetry_minute WHERE ts >= '2026-11-10T02:00:00Z'`,
    );
    expect(rows[0].n).toBe(points.length);
    const sums = await getPool().query(
      `SELECT (SELECT sum(requests::float8) FROM telemetry_minute WHERE ts >= '2026-11-10T02:00:00Z') AS minute,
              (SELECT sum(requests) FROM telemetry_hourly WHERE hour >= '2026-11-10T02:00:00Z') AS hour`,
    );
    expect(sums.rows[0].hour).toBeCloseTo(sums.rows[0].minute, 6);
    expect(await partitions()).toEqual(["telemetry_minute_p20261109", "telemetry_minute_p20261110"]);
  });

  it("two processes writing the same new day: one loads it, the other waits and upserts into it", async () => {
    const half = Math.floor(series.length / 2);
    const [a, b] = [series.slice(0, half), series.slice(half)];
    const [pa, pb] = await Promise.all([
      simulate("2026-11-12T00:00:00Z", "2026-11-12T01:00:00Z", a),
      simulate("2026-11-12T00:00:00Z", "2026-11-12T01:00:00Z", b),
    ]);
    // Both start as if no day were known (two fresh processes): each tries the bulk path.
    forgetMinutePartitions();
    await Promise.all([
      writeMinutePoints({ source: "test", points: pa }),
      writeMinutePoints({ source: "test", points: pb }),
    ]);
    expect((await partitions()).filter((p) => p === "telemetry_minute_p20261112")).toHaveLength(1);
    const { rows } = await getPool().query(
      `SELECT count(*)::int AS n, count(DISTINCT series_id)::int AS series FROM telemetry_minute WHERE ts >= '2026-11-12' AND ts < '2026-11-13'`,
    );
    expect(rows[0]).toEqual({ n: pa.length + pb.length, series: series.length });
    const rollups = await getPool().query(
      `SELECT count(*)::int AS n FROM telemetry_hourly WHERE hour = '2026-11-12T00:00:00Z'`,
    );
    expect(rollups.rows[0].n).toBe(series.length);
  });

  it("a batch that fails to load (a minute twice) leaves no partition, rows, rollups or watermark behind", async () => {
    const points = await simulate("2026-11-14T00:00:00Z", "2026-11-14T00:02:00Z");
    const before = await getPool().query(`SELECT "latestMinute" FROM "TelemetrySourceState" WHERE source = 'test'`);
    await expect(writeMinutePoints({ source: "test", points: [...points, points[0]!] })).rejects.toMatchObject({
      code: "23505",
    });
    expect(await partitions()).not.toContain("telemetry_minute_p20261114");
    const after = await getPool().query(`SELECT "latestMinute" FROM "TelemetrySourceState" WHERE source = 'test'`);
    expect(after.rows).toEqual(before.rows);
    const rollups = await getPool().query(`SELECT count(*)::int AS n FROM telemetry_hourly WHERE hour >= '2026-11-14'`);
    expect(rollups.rows[0].n).toBe(0);
    // The same day loads once the batch is valid.
    await writeMinutePoints({ source: "test", points });
    expect(await partitions()).toContain("telemetry_minute_p20261114");
  });
});
