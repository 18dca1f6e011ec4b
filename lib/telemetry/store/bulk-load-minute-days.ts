import "server-only";
import type pg from "pg";
import { attachPartitionSql, existingMinutePartitions, minutePartitionName, PARTITION_DDL_LOCK } from "./ensure-minute-partitions";

// The backfill's fast path: a batch whose UTC days have no partition yet (every backfill chunk,
// as run-ingest.ts aligns them to days) is written into new plain tables, one per day, which are
// then ATTACHed. Loading a table without indexes and letting ATTACH build its primary key and BRIN
// index once, by sorting, costs PostgreSQL about half of COPYing into an indexed partition
// (0.76 s + 0.44 s against 2.4 s for a benchmark day of 360,000 rows). Readers see the day only
// when the caller's transaction commits, together with its rollups and the moved watermark.

/** The `order` positions (into the batch's time order) where each UTC day of the batch starts and ends. */
export type DaySlice = { day: number; start: number; end: number };

/**
 * Inside the caller's transaction: takes the partition DDL lock (held to commit, so no other
 * writer creates these days meanwhile) and, if none of the days has a partition, loads each
 * slice with `copy` into a new table and attaches it. Returns false, having changed nothing, when
 * some day already exists: the caller rolls back and takes the upsert path.
 */
export async function bulkLoadMinuteDays(
  client: pg.PoolClient,
  slices: DaySlice[],
  copy: (table: string, slice: DaySlice) => Promise<void>,
): Promise<boolean> {
  await client.query("SELECT pg_advisory_xact_lock($1)", [PARTITION_DDL_LOCK]);
  if ((await existingMinutePartitions(client, slices.map((s) => s.day))).size > 0) return false;
  for (const slice of slices) {
    const table = client.escapeIdentifier(minutePartitionName(slice.day));
    // Column defaults only: ATTACH builds the parent's indexes on the loaded rows.
    await client.query(`CREATE TABLE ${table} (LIKE telemetry_minute INCLUDING DEFAULTS)`);
    await copy(table, slice);
    await client.query(attachPartitionSql(client, slice.day));
  }
  return true;
}
