import "server-only";
import type pg from "pg";
import { getConfig } from "@/lib/config";
import { getPool } from "@/lib/db";
import { getLogger } from "@/lib/observability/logger";
import { getMetrics } from "@/lib/observability/metrics-registry";
import { forgetMinutePartitions } from "./ensure-minute-partitions";

// Retention of the per-minute table: whole daily partitions entirely older than the retention are
// dropped (no DELETE, no vacuum debt). Hourly rollups stay: ranges over 24 h read them, and a
// rollup hour is only rebuilt by a write of that hour's minutes, which the ingest never repeats
// behind its watermark. Only partitions named by ensure-minute-partitions.ts are considered.
//
// DROP of a partition locks the parent ACCESS EXCLUSIVE for a moment. lock_timeout bounds how long
// it may wait behind a slow dashboard query (and hold up the queries queued behind it); a drop that
// times out is left for the next run. One transaction per partition, oldest first.
const DAY_MS = 86_400_000;
const NAME = /^telemetry_minute_p(\d{4})(\d{2})(\d{2})$/;
const LOCK_TIMEOUT = "5s";
const LOCK_NOT_AVAILABLE = "55P03";

/** `client`, if given, must not be inside a transaction (each drop commits on its own). */
export async function dropExpiredMinutePartitions(
  args: { now?: Date; retentionDays?: number; client?: pg.PoolClient } = {},
): Promise<{ dropped: string[] }> {
  const retentionDays = args.retentionDays ?? getConfig().TELEMETRY_MINUTE_RETENTION_DAYS;
  const cutoff = (args.now ?? new Date()).getTime() - retentionDays * DAY_MS;
  const client = args.client ?? (await getPool().connect());
  const dropped: string[] = [];
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'telemetry_minute'::regclass ORDER BY 1`,
    );
    const expired = rows
      .map((r) => r.name)
      .filter((name) => {
        const m = NAME.exec(name);
        return m !== null && Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) + DAY_MS <= cutoff;
      });
    for (const name of expired) {
      await client.query("BEGIN");
      try {
        await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
        await client.query(`DROP TABLE ${client.escapeIdentifier(name)}`);
        await client.query("COMMIT");
        dropped.push(name);
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        if ((err as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw err;
        getLogger().warn(
          { partition: name, lockTimeout: LOCK_TIMEOUT },
          "telemetry retention: partition busy, retried next run",
        );
        break;
      }
    }
    // The per-model minute latencies follow the same days (a small table: a DELETE of whole days).
    await client.query(`DELETE FROM model_latency_minute WHERE ts < $1`, [
      new Date(Math.floor(cutoff / DAY_MS) * DAY_MS),
    ]);
  } finally {
    if (!args.client) client.release();
    if (dropped.length > 0) {
      forgetMinutePartitions();
      getMetrics().partitionsDropped.inc(dropped.length);
      getLogger().info(
        { partitions: dropped, retentionDays },
        "telemetry retention: dropped expired minute partitions",
      );
    }
  }
  return { dropped };
}
