import "server-only";
import { finished } from "node:stream/promises";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { getPool } from "@/lib/db";
import { computePoolMinuteCost } from "@/lib/cost/pool-minute-cost";
import { invalidateTelemetryReads } from "@/lib/telemetry/queries/query-telemetry-sums";
import type { TelemetryMinutePoint } from "@/lib/telemetry/types";
import { COPY_COLUMNS, encodeCopyBinary, type MinuteCosts } from "./encode-copy-binary";
import { ensureMinutePartitions, forgetMinutePartitions } from "./ensure-minute-partitions";
import { loadPoolPricing } from "./load-pool-pricing";
import { refreshHourlyRollups } from "./refresh-hourly-rollups";

// The single write path for telemetry, used by every source. Idempotent: rows are upserted by
// (series, minute), the affected hourly rollups are rebuilt from the minute rows, and the source's
// watermark only moves forward, all in one transaction.
// Minutes not stored yet (the normal case: a tick or a backfill past the watermark) are COPY'd
// straight into the table. If any already exist (a re-fetch, late data), that COPY fails on the
// primary key and is rolled back to a savepoint; the rows then go through a staging table and one
// INSERT … ON CONFLICT DO UPDATE. Both are far faster than parameter arrays at backfill volume.
// The table is partitioned by UTC day: COPY and the upsert into the parent route each row to its
// day, whose partition is made sure of first (in its own short transaction, not this one).
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
/** "no partition of relation … found for row": a day this process remembered was dropped since. */
const NO_PARTITION = "23514";
const DAY_MS = 86_400_000;

async function copyRows(client: PoolClient, table: string, rows: Prepared): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} ${COPY_COLUMNS} FROM STDIN (FORMAT binary)`));
  stream.end(encodeCopyBinary(rows.points, rows.costs, rows.order));
  await finished(stream);
}

async function upsertRows(client: PoolClient, rows: Prepared): Promise<void> {
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

/** The points, their costs in parallel arrays (no per-point objects), and the write order. */
type Prepared = { points: TelemetryMinutePoint[]; costs: MinuteCosts; order: Uint32Array };

async function prepare(points: TelemetryMinutePoint[]): Promise<Prepared> {
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
  const n = points.length;
  const costs: MinuteCosts = { reservedInstances: new Float64Array(n), spendUsd: new Float64Array(n), idleReservedUsd: new Float64Array(n) };
  for (const [poolId, byMinute] of groups) {
    const poolPricing = pricing.get(poolId);
    if (!poolPricing) throw new Error(`telemetry for unknown pool ${poolId}`);
    for (const indexes of byMinute.values()) {
      const split = computePoolMinuteCost({ pricing: poolPricing, at: points[indexes[0]!]!.ts, instancesBySeries: indexes.map((i) => points[i]!.instances) });
      indexes.forEach((i, j) => {
        costs.reservedInstances[i] = split[j]!.reservedInstances;
        costs.spendUsd[i] = split[j]!.spendUsd;
        costs.idleReservedUsd[i] = split[j]!.idleReservedUsd;
      });
    }
  }
  // Time-ordered inserts keep the BRIN index on ts tight; sources usually emit in order already.
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const ordered = points.every((p, i) => i === 0 || points[i - 1]!.ts.getTime() <= p.ts.getTime());
  if (!ordered) order.sort((a, b) => points[a]!.ts.getTime() - points[b]!.ts.getTime() || points[a]!.seriesId - points[b]!.seriesId);
  return { points, costs, order };
}

export async function writeMinutePoints(args: { source: string; points: TelemetryMinutePoint[] }): Promise<{ written: number }> {
  if (args.points.length === 0) return { written: 0 };
  const rows = await prepare(args.points);
  const first = rows.points[rows.order[0]!]!.ts;
  const last = rows.points[rows.order[rows.order.length - 1]!]!.ts;
  const client = await getPool().connect();
  try {
    // Up to the day after the newest minute: the first tick after midnight finds its day ready.
    await ensureMinutePartitions({ client, from: first, to: new Date(last.getTime() + DAY_MS) });
    await client.query("BEGIN");
    await upsertRows(client, rows);
    await refreshHourlyRollups(client, {
      seriesIds: [...new Set(rows.points.map((p) => p.seriesId))],
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
    invalidateTelemetryReads();
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    if ((err as { code?: string }).code === NO_PARTITION) forgetMinutePartitions(); // the next write re-checks
    throw err;
  } finally {
    client.release();
  }
  return { written: rows.points.length };
}
