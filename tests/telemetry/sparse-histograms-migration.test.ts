// Migration 20261206052000 on a database that already holds full 48-bucket histograms: each minute
// and hour keeps the same counts, stored as the run of its non-empty buckets (NULL without
// requests, {} for rows from before histograms), and merged histograms read exactly as before.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { LATENCY_BUCKETS } from "@/lib/telemetry/latency-histogram";
import { sumHistogramSql } from "@/lib/telemetry/sql/histogram-sql";
import { createTestDatabase } from "../setup/test-database";

const MIGRATION = "20261206052000_sparse_latency_histograms";
const ALL = readdirSync("prisma/migrations", { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const BEFORE = ALL.slice(0, ALL.indexOf(MIGRATION));

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const full = (counts: Record<number, number>) =>
  `{${Array.from({ length: LATENCY_BUCKETS }, (_, k) => counts[k] ?? 0).join(",")}}`;

describe(`migration ${MIGRATION}`, () => {
  it("rewrites stored histograms as runs, keeping every count and every merged sum", async () => {
    expect(ALL).toContain(MIGRATION);
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const earlier = mkdtempSync(path.join(os.tmpdir(), "fc-migrations-"));
    cleanups.push(() => rmSync(earlier, { recursive: true, force: true }));
    for (const name of BEFORE)
      cpSync(path.join("prisma/migrations", name), path.join(earlier, name), { recursive: true });
    expect(await applyMigrations({ databaseUrl: db.url, migrationsDir: earlier })).toEqual(BEFORE);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    cleanups.push(() => client.end());
    await client.query(`CREATE TABLE telemetry_minute_p20261119 PARTITION OF telemetry_minute
      FOR VALUES FROM ('2026-11-19T00:00:00Z') TO ('2026-11-20T00:00:00Z')`);
    // Minutes of series 1: requests in buckets 3…6 (one empty inside), in 0 and 47, none (all
    // zeros), a row from before histograms ({}), a fractional count in bucket 20.
    const histograms = [full({ 3: 30, 4: 5, 6: 50 }), full({ 0: 1, 47: 2 }), full({}), "{}", full({ 20: 0.1 })];
    await client.query(
      `INSERT INTO telemetry_minute (series_id, ts, instances, reserved_instances, spend_usd, idle_reserved_usd, latency_histogram)
       SELECT 1, '2026-11-19T10:00:00Z'::timestamptz + (i - 1) * interval '1 minute', 1, 0, 0, 0, h::real[]
       FROM unnest($1::text[]) WITH ORDINALITY u(h, i)`,
      [histograms],
    );
    // An hour of series 1 (its series row is not needed here: foreign keys are not checked).
    await client.query(`SET session_replication_role = replica`);
    await client.query(
      `INSERT INTO telemetry_hourly (series_id, hour, minutes, instance_minutes, busy_instance_minutes, requests, units,
         p50_ms_x_requests, p95_ms_x_requests, p99_ms_x_requests, reserved_instance_minutes, spend_usd,
         idle_reserved_usd, slo_breach_minutes, latency_histogram)
       VALUES (1, '2026-11-19T10:00:00Z', 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, $1::float8[])`,
      [full({ 0: 1, 3: 30, 4: 5, 6: 50, 20: 0.1, 47: 2 })],
    );
    await client.query(`SET session_replication_role = DEFAULT`);
    const mergedSql = (table: string) => `SELECT ${sumHistogramSql("t.latency_histogram")} AS h FROM ${table} t`;
    const before = {
      minute: (await client.query(mergedSql("telemetry_minute"))).rows[0].h,
      hourly: (await client.query(mergedSql("telemetry_hourly"))).rows[0].h,
    };

    expect(await applyMigrations({ databaseUrl: db.url })).toEqual(ALL.slice(BEFORE.length));

    const minutes = await client.query(`SELECT latency_histogram::text AS h FROM telemetry_minute ORDER BY ts`);
    expect(minutes.rows.map((r) => r.h)).toEqual([
      "[4:7]={30,5,0,50}",
      full({ 0: 1, 47: 2 }),
      null,
      "{}",
      "[21:21]={0.1}",
    ]);
    const hour = await client.query(`SELECT latency_histogram::text AS h FROM telemetry_hourly`);
    expect(hour.rows[0].h).toBe(full({ 0: 1, 3: 30, 4: 5, 6: 50, 20: 0.1, 47: 2 }));
    expect({
      minute: (await client.query(mergedSql("telemetry_minute"))).rows[0].h,
      hourly: (await client.query(mergedSql("telemetry_hourly"))).rows[0].h,
    }).toEqual(before);
    expect(before.minute[6]).toBe(50);
  }, 120_000);
});
