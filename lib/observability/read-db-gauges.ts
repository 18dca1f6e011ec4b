import "server-only";
import { getPool } from "@/lib/db";
import { lagSecondsOf } from "@/lib/telemetry/store/source-state";
import type { DbGaugeSnapshot } from "./metrics-registry";

// The database read behind /api/metrics' gauges, run on every scrape of every pod: two small
// aggregate queries (one row per telemetry source; one count per action state).
export async function readDbGauges(now = new Date()): Promise<DbGaugeSnapshot> {
  const pool = getPool();
  const [sources, actions] = await Promise.all([
    pool.query<{ source: string; latestMinute: Date | null }>(
      `SELECT source, "latestMinute" FROM "TelemetrySourceState"`,
    ),
    pool.query<{ state: string; count: number }>(
      `SELECT state::text AS state, count(*)::int AS count FROM "PoolAction" GROUP BY state`,
    ),
  ]);
  return {
    ingestLag: sources.rows.flatMap((r) => {
      const lagSeconds = lagSecondsOf(r.latestMinute, now);
      return lagSeconds === null ? [] : [{ source: r.source, lagSeconds }];
    }),
    poolActions: actions.rows,
  };
}
