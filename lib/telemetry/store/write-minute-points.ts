import "server-only";
import { finished } from "node:stream/promises";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { getPool } from "@/lib/db";
import { invalidateTelemetryReads } from "@/lib/telemetry/sql/query-telemetry-sums";
import type { TelemetryMinutePoint } from "@/lib/telemetry/types";
import { bulkLoadMinuteDays, type DaySlice } from "./bulk-load-minute-days";
import { COPY_COLUMNS, encodeCopyBinary } from "./encode-copy-binary";
import {
  anyMinutePartitionKnown,
  ensureMinutePartitions,
  forgetMinutePartitions,
  rememberMinutePartitions,
} from "./ensure-minute-partitions";
import { prepareMinuteBatch, type MinuteBatch } from "./prepare-minute-batch";
import { refreshHourlyRollups } from "./refresh-hourly-rollups";
import { writeBatchHourlyRollups } from "./write-batch-hourly-rollups";
import { refreshModelLatencyMinutes, writeBatchModelLatencyMinutes } from "./write-model-latency-minutes";

// The single write path for telemetry, used by every source. Idempotent: rows are upserted by
// (series, minute), the affected hourly rollups are rebuilt from the minute rows, and the source's
// watermark only moves forward, all in one transaction.
// Minutes not stored yet (the normal case: a tick or a backfill past the watermark) are COPY'd
// straight into the table. If any already exist (a re-fetch, late data), that COPY fails on the
// primary key and is rolled back to a savepoint; the rows then go through a staging table and one
// INSERT … ON CONFLICT DO UPDATE. Both are far faster than parameter arrays at backfill volume.
// The table is partitioned by UTC day: COPY and the upsert into the parent route each row to its
// day, whose partition is made sure of first (in its own short transaction, not this one).
// A batch whose days have no partition at all (a backfill) instead loads new tables and attaches
// them (bulk-load-minute-days.ts), with its hourly rollups summed from the batch itself.
const STAGE_SQL = `CREATE TEMP TABLE IF NOT EXISTS telemetry_minute_stage (LIKE telemetry_minute INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`;
const MINUTE_FIELDS = [
  "utilization_pct",
  "latency_p50_ms",
  "latency_p95_ms",
  "latency_p99_ms",
  "requests",
  "units",
  "instances",
  "reserved_instances",
  "spend_usd",
  "idle_reserved_usd",
  "latency_histogram",
];
// A row already stored with the same values is left alone (no dead tuple, not counted as changed):
// a re-read window mostly fetches minutes that have not changed. Counts the rows inserted or
// changed before $1 (the re-read window's end; NULL: none).
const MERGE_SQL = `
WITH merged AS (
  INSERT INTO telemetry_minute AS t SELECT * FROM telemetry_minute_stage ORDER BY ts, series_id
  ON CONFLICT (series_id, ts) DO UPDATE SET
    ${MINUTE_FIELDS.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}
  WHERE (${MINUTE_FIELDS.map((c) => `t.${c}`).join(", ")}) IS DISTINCT FROM (${MINUTE_FIELDS.map((c) => `EXCLUDED.${c}`).join(", ")})
  RETURNING t.ts
)
SELECT (count(*) FILTER (WHERE ts < $1))::int AS changed FROM merged`;
const UNIQUE_VIOLATION = "23505";
/** "no partition of relation … found for row": a day this process remembered was dropped since. */
const NO_PARTITION = "23514";
const DAY_MS = 86_400_000;

/** COPYs rows.points[order[i]] into `table`; FREEZE only into a table created in this transaction. */
async function copyRows(
  client: PoolClient,
  table: string,
  rows: MinuteBatch,
  opts: { order?: Uint32Array; freeze?: boolean } = {},
): Promise<void> {
  const stream = client.query(
    copyFrom(`COPY ${table} ${COPY_COLUMNS} FROM STDIN (FORMAT binary${opts.freeze ? ", FREEZE" : ""})`),
  );
  stream.end(encodeCopyBinary(rows.points, rows.costs, rows.histograms, opts.order ?? rows.order));
  await finished(stream);
}

/** Points before `before` (the re-read window), all of them new rows when COPY succeeded. */
function countBefore(rows: MinuteBatch, before: Date | undefined): number {
  if (!before) return 0;
  let n = 0;
  for (const p of rows.points) if (p.ts.getTime() < before.getTime()) n++;
  return n;
}

/** Stores the rows; returns how many of those before `rereadBefore` were new or changed. */
async function upsertRows(client: PoolClient, rows: MinuteBatch, rereadBefore?: Date): Promise<number> {
  await client.query("SAVEPOINT fresh_minutes");
  try {
    await copyRows(client, "telemetry_minute", rows);
    await client.query("RELEASE SAVEPOINT fresh_minutes");
    return countBefore(rows, rereadBefore);
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    await client.query("ROLLBACK TO SAVEPOINT fresh_minutes");
    await client.query(STAGE_SQL);
    await copyRows(client, "telemetry_minute_stage", rows);
    const merged = await client.query<{ changed: number }>(MERGE_SQL, [rereadBefore ?? null]);
    return merged.rows[0]?.changed ?? 0;
  }
}

/** Where each UTC day starts and ends in the batch's time order. */
function daySlices(rows: MinuteBatch): DaySlice[] {
  const slices: DaySlice[] = [];
  rows.order.forEach((i, k) => {
    const day = Math.floor(rows.points[i]!.ts.getTime() / DAY_MS);
    const current = slices[slices.length - 1];
    if (current?.day === day) current.end = k + 1;
    else slices.push({ day, start: k, end: k + 1 });
  });
  return slices;
}

/**
 * The bulk path, when every day of the batch is new: true with the write transaction left open
 * for the caller to finish, false with no transaction when the upsert path must run instead.
 */
async function tryBulkLoad(
  client: PoolClient,
  rows: MinuteBatch,
  slices: DaySlice[],
  after?: Promise<unknown>,
): Promise<boolean> {
  if (anyMinutePartitionKnown(slices.map((s) => s.day))) return false; // a live tick: no query
  await client.query("BEGIN");
  const copy = (table: string, slice: DaySlice) =>
    copyRows(client, table, rows, { order: rows.order.subarray(slice.start, slice.end), freeze: true });
  if (await bulkLoadMinuteDays(client, slices, copy, after)) {
    await writeBatchHourlyRollups(client, rows.points, rows.costs, rows.histograms);
    await writeBatchModelLatencyMinutes(client, rows.points, rows.histograms);
    return true;
  }
  await client.query("ROLLBACK");
  return false;
}

export type WriteMinutesResult = {
  /** Points stored: every point at or after `rereadBefore`, and the re-read ones that changed. */
  written: number;
  /** Points before `rereadBefore` (the re-read window). */
  reread: number;
  /** Of those, the minutes they added or changed (late data). */
  changed: number;
};

export async function writeMinutePoints(args: {
  source: string;
  points: TelemetryMinutePoint[];
  rereadBefore?: Date;
}): Promise<WriteMinutesResult> {
  return writeMinuteBatch({
    source: args.source,
    batch: await prepareMinuteBatch(args.points),
    rereadBefore: args.rereadBefore,
  });
}

/**
 * Stores a prepared batch. `after`, the previous batch's write, lets a backfill pipeline its
 * chunks: this batch's rows may load meanwhile, but it commits only after that write has, and
 * fails if it failed, so the watermark never passes a chunk that was not stored.
 */
export async function writeMinuteBatch(args: {
  source: string;
  batch: MinuteBatch;
  after?: Promise<unknown>;
  /**
   * Points before this were fetched again (the re-read window, already stored once): rows that
   * did not change are not rewritten, and those that did are counted as changed.
   */
  rereadBefore?: Date;
}): Promise<WriteMinutesResult> {
  const rows = args.batch;
  if (rows.points.length === 0) {
    await args.after;
    return { written: 0, reread: 0, changed: 0 };
  }
  const reread = countBefore(rows, args.rereadBefore);
  let changed = reread; // the bulk path loads days that had no rows: every point is new
  const first = rows.points[rows.order[0]!]!.ts;
  const last = rows.points[rows.order[rows.order.length - 1]!]!.ts;
  const slices = daySlices(rows);
  const client = await getPool().connect();
  try {
    const bulk = await tryBulkLoad(client, rows, slices, args.after);
    if (!bulk) {
      await args.after;
      // Days are not made ahead: a day nobody has written yet is the bulk path's to create, so a
      // backfill after downtime loads every day after the first that way.
      await ensureMinutePartitions({ client, from: first, to: last });
      await client.query("BEGIN");
      changed = await upsertRows(client, rows, args.rereadBefore);
      const written = {
        seriesIds: [...new Set(rows.points.map((p) => p.seriesId))],
        from: first,
        to: new Date(last.getTime() + 60_000),
      };
      await refreshHourlyRollups(client, written);
      await refreshModelLatencyMinutes(client, written);
    }
    await client.query(
      `INSERT INTO "TelemetrySourceState" (source, "latestMinute", "lastRunAt") VALUES ($1, $2, now())
       ON CONFLICT (source) DO UPDATE SET "latestMinute" = GREATEST("TelemetrySourceState"."latestMinute", EXCLUDED."latestMinute"),
         "lastRunAt" = now()`,
      [args.source, last],
    );
    await client.query("COMMIT");
    if (bulk) rememberMinutePartitions(slices.map((s) => s.day));
    invalidateTelemetryReads();
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    if ((err as { code?: string }).code === NO_PARTITION) forgetMinutePartitions(); // the next write re-checks
    throw err;
  } finally {
    client.release();
  }
  return { written: rows.points.length - reread + changed, reread, changed };
}
