// telemetry_minute is partitioned by UTC day: the write path creates the days it writes (and no
// others), rows land in their day, rewrites still upsert, retention drops whole expired days
// and keeps the hourly rollups, and a bounded read scans only the days it covers.
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db";
import { getMetrics } from "@/lib/observability/metrics-registry";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { listSeries } from "@/lib/telemetry/list-series";
import { dropExpiredMinutePartitions } from "@/lib/telemetry/store/drop-expired-minute-partitions";
import { ensureMinutePartitions } from "@/lib/telemetry/store/ensure-minute-partitions";
import { writeMinutePoints } from "@/lib/telemetry/store/write-minute-points";
import type { SeriesRef, TelemetryMinutePoint } from "@/lib/telemetry/types";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

// Minutes on three UTC days, the first one a minute before midnight.
const MINUTES = ["2026-11-18T23:59:00Z", "2026-11-19T00:00:00Z", "2026-11-19T12:30:00Z", "2026-11-20T06:15:00Z"].map(
  (t) => new Date(t),
);
let series: SeriesRef[] = [];

function pointsAt(minutes: Date[], requests: number): TelemetryMinutePoint[] {
  return minutes.flatMap((ts) =>
    series.map((s) => ({
      seriesId: s.seriesId,
      poolId: s.poolId,
      ts,
      utilizationPct: 50,
      latencyP50Ms: 100,
      latencyP95Ms: 200,
      latencyP99Ms: 300,
      requests,
      units: requests * 10,
      instances: 4,
    })),
  );
}

async function partitions(): Promise<string[]> {
  const { rows } = await getPool().query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'telemetry_minute'::regclass ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

beforeAll(async () => {
  await seedSimulatedFleet({ now: new Date("2026-11-18T00:00:00Z") });
  series = (await listSeries()).slice(0, 3);
});

describe("daily partitions of telemetry_minute", () => {
  it("writing points over three days creates exactly those days' partitions", async () => {
    expect(await partitions()).toEqual([]);
    await writeMinutePoints({ source: "test", points: pointsAt(MINUTES, 60) });
    expect(await partitions()).toEqual([
      "telemetry_minute_p20261118",
      "telemetry_minute_p20261119",
      "telemetry_minute_p20261120",
    ]);
  });

  it("a day first written later, next to existing ones, gets its partition with the parent's indexes", async () => {
    await writeMinutePoints({
      source: "test",
      points: pointsAt([new Date("2026-11-20T23:59:00Z"), new Date("2026-11-21T00:00:00Z")], 60),
    });
    expect(await partitions()).toContain("telemetry_minute_p20261121");
    const { rows } = await getPool().query(
      `SELECT relkind, (SELECT count(*)::int FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
                        WHERE x.indrelid = c.oid AND (x.indisprimary OR ic.relam = (SELECT oid FROM pg_am WHERE amname = 'brin'))) AS indexes
       FROM pg_class c WHERE relname = 'telemetry_minute_p20261121'`,
    );
    expect(rows).toEqual([{ relkind: "r", indexes: 2 }]); // its own primary key and BRIN, from the parent
  });

  it("puts every row in the partition of its UTC day", async () => {
    const { rows } = await getPool().query<{ part: string; day: string; n: number }>(
      `SELECT tableoid::regclass::text AS part, to_char(timezone('UTC', ts), 'YYYYMMDD') AS day, count(*)::int AS n
       FROM telemetry_minute GROUP BY 1, 2 ORDER BY 2`,
    );
    expect(rows).toEqual([
      { part: "telemetry_minute_p20261118", day: "20261118", n: 3 },
      { part: "telemetry_minute_p20261119", day: "20261119", n: 6 },
      { part: "telemetry_minute_p20261120", day: "20261120", n: 6 },
      { part: "telemetry_minute_p20261121", day: "20261121", n: 3 },
    ]);
  });

  it("rewriting the same minutes across partitions upserts them (the staging-table path)", async () => {
    await writeMinutePoints({ source: "test", points: pointsAt(MINUTES, 120) });
    const { rows } = await getPool().query(
      `SELECT count(*)::int AS n, count(DISTINCT (series_id, ts))::int AS d, min(requests) AS lo, max(requests) AS hi FROM telemetry_minute`,
    );
    expect(rows[0]).toEqual({ n: 18, d: 18, lo: 60, hi: 120 });
    const hourly = await getPool().query(
      `SELECT sum(requests) AS requests, sum(minutes)::int AS minutes FROM telemetry_hourly`,
    );
    expect(hourly.rows[0]).toEqual({ requests: 12 * 120 + 6 * 60, minutes: 18 });
  });

  it("two concurrent ensureMinutePartitions calls for the same new day both succeed", async () => {
    const day = { from: new Date("2026-11-25T10:00:00Z"), to: new Date("2026-11-25T11:00:00Z") };
    const [a, b] = await Promise.all([ensureMinutePartitions(day), ensureMinutePartitions(day)]);
    expect([...a.created, ...b.created]).toEqual(["telemetry_minute_p20261125"]);
    expect((await partitions()).filter((p) => p === "telemetry_minute_p20261125")).toHaveLength(1);
    // Known in-process now: a further call does not touch the database.
    expect(await ensureMinutePartitions(day)).toEqual({ created: [] });
  });

  it("a 24-hour read scans only the partitions of the days it covers", async () => {
    await getPool().query("ANALYZE telemetry_minute");
    const { rows } = await getPool().query(
      `EXPLAIN SELECT pm."poolId", sum(t.spend_usd) FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
       WHERE t.ts >= $1 AND t.ts < $2 GROUP BY 1`,
      [new Date("2026-11-19T12:00:00Z"), new Date("2026-11-20T12:00:00Z")],
    );
    const plan = rows.map((r) => r["QUERY PLAN"] as string).join("\n");
    expect([...new Set(plan.match(/telemetry_minute_p\d{8}/g))].sort()).toEqual([
      "telemetry_minute_p20261119",
      "telemetry_minute_p20261120",
    ]);
  });

  it("retention drops only partitions entirely older than it, and keeps every hourly rollup", async () => {
    const rollupsBefore = (
      await getPool().query(`SELECT series_id, hour, requests, minutes FROM telemetry_hourly ORDER BY 1, 2`)
    ).rows;
    const droppedBefore = (await getMetrics().partitionsDropped.get()).values[0]?.value ?? 0;
    // Cutoff 2026-11-19T06:00Z: the 18th ends before it; the 19th straddles it and stays.
    const result = await dropExpiredMinutePartitions({ now: new Date("2026-11-21T06:00:00Z"), retentionDays: 2 });
    expect(result.dropped).toEqual(["telemetry_minute_p20261118"]);
    expect(await partitions()).toEqual([
      "telemetry_minute_p20261119",
      "telemetry_minute_p20261120",
      "telemetry_minute_p20261121",
      "telemetry_minute_p20261125",
    ]);
    const minutes = await getPool().query(`SELECT min(ts) AS first, count(*)::int AS n FROM telemetry_minute`);
    expect(minutes.rows[0]).toEqual({ first: new Date("2026-11-19T00:00:00Z"), n: 15 });
    expect(
      (await getPool().query(`SELECT series_id, hour, requests, minutes FROM telemetry_hourly ORDER BY 1, 2`)).rows,
    ).toEqual(rollupsBefore);
    expect((await getMetrics().partitionsDropped.get()).values[0]?.value).toBe(droppedBefore + 1);

    // Nothing more to drop at the same instant.
    expect(await dropExpiredMinutePartitions({ now: new Date("2026-11-21T06:00:00Z"), retentionDays: 2 })).toEqual({
      dropped: [],
    });
  });

  it("a write into a dropped day creates its partition again", async () => {
    await writeMinutePoints({ source: "test", points: pointsAt([new Date("2026-11-18T10:00:00Z")], 60) });
    expect(await partitions()).toContain("telemetry_minute_p20261118");
    const { rows } = await getPool().query(`SELECT count(*)::int AS n FROM telemetry_minute_p20261118`);
    expect(rows[0].n).toBe(3);
  });
});
