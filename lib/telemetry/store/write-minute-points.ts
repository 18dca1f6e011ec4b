import "server-only";
import { finished } from "node:stream/promises";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { getPool } from "@/lib/db";
import { computePoolMinuteCost } from "@/lib/cost/pool-minute-cost";
import type { TelemetryMinutePoint } from "@/lib/telemetry/types";
import { loadPoolPricing } from "./load-pool-pricing";
import { refreshHourlyRollups } from "./refresh-hourly-rollups";

// The single write path for telemetry, used by every source. Idempotent: rows are upserted by
// (series, minute), the affected hourly rollups are rebuilt from the minute rows, and the source's
// watermark only moves forward, all in one transaction.
// Minutes not stored yet (the normal case: a tick or a backfill past the watermark) are COPY'd
// straight into the table. If any already exist (a re-fetch, late data), that COPY fails on the
// primary key and is rolled back to a savepoint; the rows then go through a staging table and one
// INSERT … ON CONFLICT DO UPDATE. Both are far faster than parameter arrays at backfill volume.
const COLUMNS = `(series_id, ts, utilization_pct, latency_p50_ms, latency_p95_ms, latency_p99_ms,
  requests, units, instances, reserved_instances, spend_usd, idle_reserved_usd)`;
const STAGE_SQL = `CREATE TEMP TABLE IF NOT EXISTS telemetry_minute_stage (LIKE telemetry_minute INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`;
const MERGE_SQL = `
INSERT INTO telemetry_minute SELECT * FROM telemetry_minute_stage ORDER BY ts, series_id
ON CONFLICT (series_id, ts) DO UPDATE SET
  utilization_pct = EXCLUDED.utilization_pct, latency_p50_ms = EXCLUDED.latency_p50_ms,
  latency_p95_ms = EXCLUDED.latency_p95_ms, latency_p99_ms = EXCLUDED.latency_p99_ms,
  requests = EXCLUDED.requests, units = EXCLUDED.units, instances = EXCLUDED.instances,
  reserved_instances = EXCLUDED.reserved_instances, spend_usd = EXCLUDED.spend_usd,
  idle_reserved_usd = EXCLUDED.idle_reserved_usd`;
const UNIQUE_VIOLATION = "23505";

/** COPY text format, numbers and timestamps only (nothing to escape). */
async function copyRows(client: PoolClient, table: string, rows: CostedPoint[]): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} ${COLUMNS} FROM STDIN`));
  const iso = new Map<number, string>(); // one ISO string per minute, shared by every series
  let buffer = "";
  for (const p of rows) {
    const t = p.ts.getTime();
    let ts = iso.get(t);
    if (ts === undefined) iso.set(t, (ts = p.ts.toISOString()));
    buffer += `${p.seriesId}\t${ts}\t${p.utilizationPct}\t${p.latencyP50Ms}\t${p.latencyP95Ms}\t${p.latencyP99Ms}\t${p.requests}\t${p.units}\t${p.instances}\t${p.reservedInstances}\t${p.spendUsd}\t${p.idleReservedUsd}\n`;
    if (buffer.length > 256_000) {
      if (!stream.write(buffer)) await new Promise((r) => stream.once("drain", r));
      buffer = "";
    }
  }
  stream.end(buffer);
  await finished(stream);
}

async function upsertRows(client: PoolClient, rows: CostedPoint[]): Promise<void> {
  await client.query("SAVEPOINT fresh_minutes");
  try {
    await copyRows(client, "telemetry_minute", rows);
    await client.query("RELEASE SAVEPOINT fresh_minutes");
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    await client.query("ROLLBACK TO SAVEPOINT fresh_minutes");
    await client.query(STAGE_SQL);
    await copyRows(client, "telemetry_minute_stage", rows);
    await client.query(MERGE_SQL);
  }
}

type CostedPoint = TelemetryMinutePoint & { reservedInstances: number; spendUsd: number; idleReservedUsd: number };

async function applyCost(points: TelemetryMinutePoint[]): Promise<CostedPoint[]> {
  const pricing = await loadPoolPricing([...new Set(points.map((p) => p.poolId))]);
  // Group point indexes by pool, then by minute (numeric keys: this runs for every point).
  const groups = new Map<string, Map<number, number[]>>();
  points.forEach((p, i) => {
    let byMinute = groups.get(p.poolId);
    if (!byMinute) groups.set(p.poolId, (byMinute = new Map()));
    const t = p.ts.getTime();
    const list = byMinute.get(t);
    if (list) list.push(i);
    else byMinute.set(t, [i]);
  });
  const costed = new Array<CostedPoint>(points.length);
  for (const [poolId, byMinute] of groups) {
    const poolPricing = pricing.get(poolId);
    if (!poolPricing) throw new Error(`telemetry for unknown pool ${poolId}`);
    for (const indexes of byMinute.values()) {
      const costs = computePoolMinuteCost({ pricing: poolPricing, at: points[indexes[0]!]!.ts, instancesBySeries: indexes.map((i) => points[i]!.instances) });
      indexes.forEach((i, j) => (costed[i] = { ...points[i]!, ...costs[j]! }));
    }
  }
  // Time-ordered inserts keep the BRIN index on ts tight; sources usually emit in order already.
  const ordered = costed.every((p, i) => i === 0 || costed[i - 1]!.ts.getTime() <= p.ts.getTime());
  return ordered ? costed : costed.sort((a, b) => a.ts.getTime() - b.ts.getTime() || a.seriesId - b.seriesId);
}

export async function writeMinutePoints(args: { source: string; points: TelemetryMinutePoint[] }): Promise<{ written: number }> {
  if (args.points.length === 0) return { written: 0 };
  const rows = await applyCost(args.points);
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    await upsertRows(client, rows);
    const first = rows[0]!.ts;
    const last = rows[rows.length - 1]!.ts;
    await refreshHourlyRollups(client, {
      seriesIds: [...new Set(rows.map((p) => p.seriesId))],
      from: first,
      to: new Date(last.getTime() + 60_000),
    });
    await client.query(
      `INSERT INTO "TelemetrySourceState" (source, "latestMinute", "lastRunAt") VALUES ($1, $2, now())
       ON CONFLICT (source) DO UPDATE SET "latestMinute" = GREATEST("TelemetrySourceState"."latestMinute", EXCLUDED."latestMinute"),
         "lastRunAt" = now()`,
      [args.source, last],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return { written: rows.length };
}
