import "server-only";
import type pg from "pg";
import { dbScoped, getPool } from "@/lib/db";
import { getLogger } from "@/lib/observability/logger";

// telemetry_minute is partitioned by UTC day and has no DEFAULT partition (creating a day next to
// one would scan it), so a row for a day without a partition is refused: the write path calls
// this first, unless no day of its batch exists yet (then bulk-load-minute-days.ts makes them,
// loaded, under the same lock). Days already seen are remembered in-process, so a normal tick
// runs no query at all.
//
// A partition is made as a plain table and then ATTACHed: CREATE TABLE … PARTITION OF takes an
// ACCESS EXCLUSIVE lock on the parent, which would queue behind running dashboard queries and
// block every new one meanwhile; ATTACH takes SHARE UPDATE EXCLUSIVE, which readers and writers
// do not conflict with (two ATTACHes do conflict: the second waits for the first's commit). The
// transaction-level advisory lock serializes processes creating the same day; the second sees
// the partition in pg_inherits and skips it.
const DAY_MS = 86_400_000;
export const PARTITION_DDL_LOCK = 727_103; // lib/db/run-exclusive.ts holds 727_101-727_102
// Per database connection: a process that switches databases (the benchmark, scripts) must not
// trust what it learned about another one.
const knownDays = () => dbScoped("minute-partition-days", () => new Set<number>());

/** telemetry_minute_pYYYYMMDD for the UTC day `day` (days since the epoch). */
export function minutePartitionName(day: number): string {
  return `telemetry_minute_p${new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll("-", "")}`;
}

/** The UTC midnights that bound `day`, as SQL literals. */
export function dayBoundLiterals(client: pg.PoolClient, day: number): { from: string; to: string } {
  const bound = (d: number) => client.escapeLiteral(new Date(d * DAY_MS).toISOString());
  return { from: bound(day), to: bound(day + 1) };
}

/** ALTER TABLE … ATTACH PARTITION for the plain table of `day`, bounded by its UTC midnights. */
export function attachPartitionSql(client: pg.PoolClient, day: number): string {
  const { from, to } = dayBoundLiterals(client, day);
  return `ALTER TABLE telemetry_minute ATTACH PARTITION ${client.escapeIdentifier(minutePartitionName(day))} FOR VALUES FROM (${from}) TO (${to})`;
}

/** After partitions are dropped: the next write checks the catalog again instead of trusting memory. */
export function forgetMinutePartitions(): void {
  knownDays().clear();
}

/** Whether this process has seen a partition for any of `days` (no query: false may be stale). */
export function anyMinutePartitionKnown(days: number[]): boolean {
  const known = knownDays();
  return days.some((day) => known.has(day));
}

/** Days made by another writer (bulk-load-minute-days.ts), so later writes skip the catalog. */
export function rememberMinutePartitions(days: number[]): void {
  for (const day of days) knownDays().add(day);
}

/** The names of those of `days`' partitions that exist. */
export async function existingMinutePartitions(client: pg.PoolClient, days: number[]): Promise<Set<string>> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'telemetry_minute'::regclass AND c.relname = ANY($1::text[])`,
    [days.map(minutePartitionName)],
  );
  return new Set(rows.map((r) => r.name));
}

/**
 * Creates the missing daily partitions covering [from, to] (both ends' days included). `client`
 * must not be inside a transaction: the partitions are committed on their own, so the caller's
 * write transaction does not hold the parent's lock.
 */
export async function ensureMinutePartitions(args: {
  client?: pg.PoolClient;
  from: Date;
  to: Date;
}): Promise<{ created: string[] }> {
  const known = knownDays();
  const missing: number[] = [];
  for (let day = Math.floor(args.from.getTime() / DAY_MS); day <= Math.floor(args.to.getTime() / DAY_MS); day++) {
    if (!known.has(day)) missing.push(day);
  }
  if (missing.length === 0) return { created: [] };

  const client = args.client ?? (await getPool().connect());
  const created: string[] = [];
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [PARTITION_DDL_LOCK]);
    const existing = await existingMinutePartitions(client, missing);
    for (const day of missing) {
      const name = minutePartitionName(day);
      if (existing.has(name)) continue;
      const table = client.escapeIdentifier(name);
      // INCLUDING ALL brings the primary key and BRIN index, which ATTACH adopts as the partition's
      // copies of the parent's indexes instead of building new ones.
      await client.query(`CREATE TABLE ${table} (LIKE telemetry_minute INCLUDING ALL)`);
      await client.query(attachPartitionSql(client, day));
      created.push(name);
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    if (!args.client) client.release();
  }
  for (const day of missing) known.add(day);
  if (created.length > 0) getLogger().info({ partitions: created }, "telemetry: created minute partitions");
  return { created };
}
