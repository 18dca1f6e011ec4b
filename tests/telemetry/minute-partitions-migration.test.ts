// The migration that partitions telemetry_minute by day, on an empty database and on one that
// already holds minutes: every row is kept, in the partition of its UTC day.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { createTestDatabase } from "../setup/test-database";

const MIGRATION = "20261122212500_telemetry_minute_daily_partitions";
const ALL = readdirSync("prisma/migrations", { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const BEFORE = ALL.slice(0, ALL.indexOf(MIGRATION));

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

async function describeTable(client: pg.Client) {
  const parent = await client.query(
    `SELECT c.relkind, pg_get_partkeydef(c.oid) AS key,
       (SELECT array_agg(pg_get_indexdef(indexrelid) ORDER BY pg_get_indexdef(indexrelid)) FROM pg_index WHERE indrelid = c.oid) AS indexes
     FROM pg_class c WHERE c.relname = 'telemetry_minute'`,
  );
  const parts = await client.query<{ name: string; bound: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'telemetry_minute'::regclass ORDER BY 1`,
  );
  return { parent: parent.rows[0], partitions: parts.rows };
}

describe(`migration ${MIGRATION}`, () => {
  it("is in the migration list", () => {
    expect(ALL).toContain(MIGRATION);
  });

  it("on an empty database: a partitioned table with its key and indexes, and no partition yet", async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    await applyMigrations({ databaseUrl: db.url });
    const client = await connect(db.url);
    await client.query("SET TimeZone = 'UTC'");
    const { parent, partitions } = await describeTable(client);
    expect(parent).toEqual({
      relkind: "p",
      key: "RANGE (ts)",
      indexes: [
        "CREATE INDEX telemetry_minute_ts_idx ON ONLY public.telemetry_minute USING brin (ts)",
        "CREATE UNIQUE INDEX telemetry_minute_pkey ON ONLY public.telemetry_minute USING btree (series_id, ts)",
      ],
    });
    expect(partitions).toEqual([]);
  });

  it("on a database with minutes: keeps every row, one partition per day from the first to the last", async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const earlier = mkdtempSync(path.join(os.tmpdir(), "fc-migrations-"));
    cleanups.push(() => rmSync(earlier, { recursive: true, force: true }));
    for (const name of BEFORE)
      cpSync(path.join("prisma/migrations", name), path.join(earlier, name), { recursive: true });
    expect(await applyMigrations({ databaseUrl: db.url, migrationsDir: earlier })).toEqual(BEFORE);

    const client = await connect(db.url);
    // The migration's session runs in a zone other than UTC: day boundaries must still be UTC's.
    await client.query(
      `ALTER DATABASE ${client.escapeIdentifier(new URL(db.url).pathname.slice(1))} SET TimeZone = 'America/Los_Angeles'`,
    );
    // Two series, minutes on 2026-11-19 and 2026-11-21 (none on the 20th), around UTC midnight.
    await client.query(`
      INSERT INTO telemetry_minute
      SELECT s, ts, 50, 100, 200, 300, s * 10, s * 100, 4, 2, 0.5, 0.25
      FROM generate_series(1, 2) s,
           (VALUES ('2026-11-19T00:00:00Z'::timestamptz), ('2026-11-19T23:59:00Z'), ('2026-11-21T00:00:00Z'), ('2026-11-21T17:30:00Z')) v(ts)`);
    const before = (await client.query(`SELECT * FROM telemetry_minute ORDER BY series_id, ts`)).rows;
    expect(before).toHaveLength(8);

    expect(await applyMigrations({ databaseUrl: db.url })).toEqual(ALL.slice(BEFORE.length));
    // Later migrations add columns (the latency histogram, empty for rows stored before it): the
    // rows keep every value they had.
    const after = (await client.query(`SELECT * FROM telemetry_minute ORDER BY series_id, ts`)).rows;
    expect(after.map((r) => ({ ...r, latency_histogram: undefined }))).toEqual(
      before.map((r) => ({ ...r, latency_histogram: undefined })),
    );
    expect(after.map((r) => r.latency_histogram)).toEqual(before.map(() => []));
    const { parent, partitions } = await describeTable(client);
    expect(parent?.relkind).toBe("p");
    expect(partitions.map((p) => p.name)).toEqual([
      "telemetry_minute_p20261119",
      "telemetry_minute_p20261120",
      "telemetry_minute_p20261121",
    ]);
    await client.query("SET TimeZone = 'UTC'");
    expect((await describeTable(client)).partitions[0]?.bound).toBe(
      "FOR VALUES FROM ('2026-11-19 00:00:00+00') TO ('2026-11-20 00:00:00+00')",
    );
    const perPartition = await client.query(
      `SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM telemetry_minute GROUP BY 1 ORDER BY 1`,
    );
    expect(perPartition.rows).toEqual([
      { part: "telemetry_minute_p20261119", n: 4 },
      { part: "telemetry_minute_p20261121", n: 4 },
    ]);
    // The primary key still holds across the parent.
    await expect(client.query(`INSERT INTO telemetry_minute SELECT * FROM telemetry_minute LIMIT 1`)).rejects.toThrow(
      /duplicate key/,
    );
    expect((await client.query(`SELECT to_regclass('telemetry_minute_unpartitioned') AS old`)).rows[0].old).toBeNull();
  });
});
