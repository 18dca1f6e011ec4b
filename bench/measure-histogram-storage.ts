// A small, repeatable A/B of what the latency histograms cost: the benchmark fleet (250 series,
// 5,000 instances) backfilled for HIST_BENCH_DAYS days (2 by default) through the real write path
// into its own embedded PostgreSQL, then bytes per stored row of telemetry_minute, telemetry_hourly
// and model_latency_minute, and the wall time of the heaviest page reads (uncached, exactly the SQL
// the pages run). Run it on each variant under the same conditions; figures, not assertions.
//   npx tsx --conditions=react-server bench/measure-histogram-storage.ts
import { createHash } from "node:crypto";
import { closeDb, getPool } from "@/lib/db";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { LATENCY_BUCKETS } from "@/lib/telemetry/latency-histogram";
import { buildTelemetrySumsQuery, type TelemetrySumsQuery } from "@/lib/telemetry/sql/query-telemetry-sums";
import { resolveRange } from "@/lib/telemetry/sql/time-range";
import { seedLargeFleet } from "./large-fleet";
import { measureIngest } from "./measure-ingest";

const DAYS = Number(process.env.HIST_BENCH_DAYS ?? 2);
const PG_PORT = Number(process.env.HIST_BENCH_PG_PORT ?? 56410);
const REPEATS = 5;
const log = (m: string) => console.log(`[hist-bench] ${m}`);

/** Bytes of a table, its partitions (telemetry_minute has no storage of its own) and indexes. */
const tableBytes = (name: string) => `(pg_total_relation_size('${name}') + coalesce((SELECT
  sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = '${name}'::regclass), 0))::float8`;

async function storage() {
  const { rows } = await getPool().query<Record<string, number>>(`SELECT
    ${tableBytes("telemetry_minute")} AS "minuteBytes", (SELECT count(*) FROM telemetry_minute)::float8 AS "minuteRows",
    (SELECT avg(pg_column_size(latency_histogram)) FROM telemetry_minute)::float8 AS "minuteHistogramBytes",
    ${tableBytes("telemetry_hourly")} AS "hourlyBytes", (SELECT count(*) FROM telemetry_hourly)::float8 AS "hourlyRows",
    (SELECT avg(pg_column_size(latency_histogram)) FROM telemetry_hourly)::float8 AS "hourlyHistogramBytes",
    ${tableBytes("model_latency_minute")} AS "latencyBytes",
    (SELECT count(*) FROM model_latency_minute)::float8 AS "latencyRows"`);
  const r = rows[0]!;
  return {
    minute: {
      mb: r.minuteBytes! / 2 ** 20,
      bytesPerRow: r.minuteBytes! / r.minuteRows!,
      histogram: r.minuteHistogramBytes,
    },
    hourly: {
      mb: r.hourlyBytes! / 2 ** 20,
      bytesPerRow: r.hourlyBytes! / r.hourlyRows!,
      histogram: r.hourlyHistogramBytes,
    },
    modelLatency: { mb: r.latencyBytes! / 2 ** 20, bytesPerRow: r.latencyBytes! / r.latencyRows! },
  };
}

/** Median wall time of a read, after one warm-up (so both variants read from shared buffers). */
async function timeRead(query: TelemetrySumsQuery): Promise<number> {
  const { sql, params } = buildTelemetrySumsQuery(query);
  await getPool().query(sql, params);
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await getPool().query(sql, params);
    times.push(performance.now() - started);
  }
  return Math.round(times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]! * 10) / 10;
}

async function reads(now: Date) {
  const models = (await getPool().query<{ id: string }>(`SELECT id FROM "Model" ORDER BY id`)).rows.map((r) => r.id);
  const d90 = resolveRange({ range: "90d" }, now);
  const d1 = resolveRange({ range: "24h" }, now);
  const one = [models[0]!];
  const cases: Array<[string, TelemetrySumsQuery[]]> = [
    // The model page (lib/models/get-model-detail.ts): five reads of one model's series.
    [
      "model page 90 d (5 reads)",
      [
        { range: d90, groupBy: "model", bucketed: false, modelIds: one },
        { range: d90, groupBy: "pool", bucketed: false, modelIds: one },
        { range: d90, groupBy: "chipFamily", bucketed: false, modelIds: one },
        { range: d90, groupBy: "model", bucketed: true, modelIds: one },
        { range: d90, groupBy: "pool", bucketed: true, modelIds: one },
      ],
    ],
    [
      "overview series 90 d (12 models)",
      [{ range: d90, groupBy: "model", bucketed: true, modelIds: models.slice(0, 12) }],
    ],
    ["overview totals by model 90 d", [{ range: d90, groupBy: "model", bucketed: false }]],
    ["pools totals 24 h (minutes)", [{ range: d1, groupBy: "pool", bucketed: false }]],
    [
      "overview series 24 h (12 models, minutes)",
      [{ range: d1, groupBy: "model", bucketed: true, modelIds: models.slice(0, 12) }],
    ],
  ];
  const out: Record<string, number> = {};
  for (const [name, queries] of cases) {
    let ms = 0;
    for (const q of queries) ms += await timeRead(q);
    out[name] = Math.round(ms * 10) / 10;
  }
  return out;
}

/** sha256 of 200 MB: how busy the shared host was during the run (its ms, as bench/run.ts reports). */
function cpuCheckMs(): number {
  const block = Buffer.alloc(1 << 20, 7);
  const started = performance.now();
  for (let i = 0; i < 200; i++) createHash("sha256").update(block).digest();
  return Math.round(performance.now() - started);
}

/** The old storage emulated: each histogram as all 48 buckets (zeros where the run has none). */
const denseSql = (column: string, type: string) =>
  `ARRAY[${Array.from({ length: LATENCY_BUCKETS }, (_, k) => `coalesce(${column}[${k + 1}], 0)`).join(", ")}]::${type}[]`;

/**
 * Dense and sparse copies of both tables in the same database, read by the same page SQL in turn
 * (dense, sparse, dense, …): on a shared host whose speed changes from minute to minute, only
 * reads measured side by side compare.
 */
async function interleavedReads(now: Date) {
  const pool = getPool();
  const cols = `series_id, ts, utilization_pct, latency_p50_ms, latency_p95_ms, latency_p99_ms, requests, units,
    instances, reserved_instances, spend_usd, idle_reserved_usd`;
  await pool.query(`CREATE TABLE ab_minute_sparse AS SELECT * FROM telemetry_minute`);
  await pool.query(`CREATE TABLE ab_minute_dense AS SELECT ${cols},
    ${denseSql("latency_histogram", "real")} AS latency_histogram FROM telemetry_minute`);
  await pool.query(`CREATE TABLE ab_hourly_sparse AS SELECT * FROM telemetry_hourly`);
  await pool.query(`CREATE TABLE ab_hourly_dense AS SELECT * FROM telemetry_hourly`);
  await pool.query(`UPDATE ab_hourly_dense SET latency_histogram = ${denseSql("latency_histogram", "float8")}`);
  for (const t of ["ab_minute_sparse", "ab_minute_dense"])
    await pool.query(`ALTER TABLE ${t} ADD PRIMARY KEY (series_id, ts)`);
  for (const t of ["ab_hourly_sparse", "ab_hourly_dense"])
    await pool.query(`ALTER TABLE ${t} ADD PRIMARY KEY (series_id, hour)`);
  await pool.query(`VACUUM ANALYZE ab_minute_sparse, ab_minute_dense, ab_hourly_sparse, ab_hourly_dense`);
  const { rows: sizes } = await pool.query(`SELECT relname, pg_total_relation_size(oid)::float8 / 2^20 AS mb
    FROM pg_class WHERE relname IN ('ab_minute_sparse', 'ab_minute_dense', 'ab_hourly_sparse', 'ab_hourly_dense')`);
  const models = (await pool.query<{ id: string }>(`SELECT id FROM "Model" ORDER BY id`)).rows.map((r) => r.id);
  const d90 = resolveRange({ range: "90d" }, now);
  const d1 = resolveRange({ range: "24h" }, now);
  const cases: Array<[string, TelemetrySumsQuery]> = [
    ["overview totals by model 90 d", { range: d90, groupBy: "model", bucketed: false }],
    [
      "overview series 90 d (12 models)",
      { range: d90, groupBy: "model", bucketed: true, modelIds: models.slice(0, 12) },
    ],
    ["pools totals 24 h (minutes)", { range: d1, groupBy: "pool", bucketed: false }],
    [
      "overview series 24 h (12 models, minutes)",
      { range: d1, groupBy: "model", bucketed: true, modelIds: models.slice(0, 12) },
    ],
  ];
  const out: Record<string, { denseMs: number; sparseMs: number }> = {};
  const median = (xs: number[]) => Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]! * 10) / 10;
  for (const [name, query] of cases) {
    const { sql, params } = buildTelemetrySumsQuery(query);
    const variant = (v: string) =>
      sql
        .replaceAll("FROM telemetry_minute t", `FROM ab_minute_${v} t`)
        .replaceAll("FROM telemetry_hourly t", `FROM ab_hourly_${v} t`);
    const times: Record<string, number[]> = { dense: [], sparse: [] };
    for (let i = 0; i <= REPEATS; i++)
      for (const v of ["dense", "sparse"]) {
        const started = performance.now();
        await pool.query(variant(v), params);
        if (i > 0) times[v]!.push(performance.now() - started); // the first round warms the caches
      }
    out[name] = { denseMs: median(times.dense!), sparseMs: median(times.sparse!) };
  }
  // Reads that report no latency figure (spend, reserved use) leave the histograms out.
  const spendOnly: Record<string, { withHistogramMs: number; withoutMs: number }> = {};
  const d30 = resolveRange({ range: "30d" }, now);
  for (const [name, query] of [
    ["reserved use 30 d by model and pool", { range: d30, groupBy: "modelPool", bucketed: false }],
    [
      "billed vs estimated: pool × day, 30 d",
      { range: { ...d30, stepSeconds: 86_400 }, groupBy: "pool", bucketed: true },
    ],
  ] as Array<[string, TelemetrySumsQuery]>) {
    const variants = {
      with: buildTelemetrySumsQuery(query),
      without: buildTelemetrySumsQuery({ ...query, latency: false }),
    };
    const times: Record<string, number[]> = { with: [], without: [] };
    for (let i = 0; i <= REPEATS; i++)
      for (const v of ["with", "without"] as const) {
        const started = performance.now();
        await pool.query(variants[v].sql, variants[v].params);
        if (i > 0) times[v]!.push(performance.now() - started);
      }
    spendOnly[name] = { withHistogramMs: median(times.with!), withoutMs: median(times.without!) };
  }
  return {
    spendOnlyReadsMs: spendOnly,
    sizesMb: Object.fromEntries(sizes.map((r) => [r.relname, Math.round(r.mb * 10) / 10])),
    readsMs: out,
  };
}

async function main() {
  const cpuBefore = cpuCheckMs();
  const pgServer = await startEmbeddedPostgres({
    dataDir: ".data/hist-bench-postgres",
    port: PG_PORT,
    ephemeral: true,
    quiet: true,
    settings: { shared_buffers: "1GB" },
  });
  try {
    const admin = new (await import("pg")).default.Client({ connectionString: pgServer.adminUrl });
    await admin.connect();
    await admin.query("DROP DATABASE IF EXISTS fleet_hist_bench WITH (FORCE)");
    await admin.query("CREATE DATABASE fleet_hist_bench");
    await admin.end();
    process.env.DATABASE_URL = pgServer.urlFor("fleet_hist_bench");
    await applyMigrations({ databaseUrl: process.env.DATABASE_URL });
    const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 23 * 60_000);
    const { pools } = await seedLargeFleet(now);
    log(`backfilling ${DAYS} days of ${pools.length} series`);
    const ingest = await measureIngest({ pools, days: DAYS, now, onProgress: log });
    log(`backfill: ${ingest.points} points in ${ingest.seconds} s = ${ingest.pointsPerSecond} points/s`);
    await getPool().query("VACUUM ANALYZE");
    await getPool().query("CHECKPOINT");
    const sizes = await storage();
    log(`storage: ${JSON.stringify(sizes)}`);
    const times = await reads(new Date(now.getTime() + 60_000));
    log(`reads (median of ${REPEATS}, ms): ${JSON.stringify(times)}`);
    const ab = await interleavedReads(new Date(now.getTime() + 60_000));
    log(`interleaved dense/sparse: ${JSON.stringify(ab)}`);
    const cpuCheck = [cpuBefore, cpuCheckMs()];
    console.log(JSON.stringify({ days: DAYS, cpuCheckMs: cpuCheck, ingest, sizes, readsMs: times, interleaved: ab }));
  } finally {
    await closeDb().catch(() => {});
    await pgServer.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
