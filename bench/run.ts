// npm run bench: at each fleet size in BENCH_SERIES (250 and 1,000 series by default: 20 instances
// per pool, a model per ~4 pools), builds the simulated fleet in its own database with BENCH_DAYS
// days of per-minute telemetry (30 by default), then measures ingest, storage, query plans, API
// latency under load (revalidations too), the overview page in Chromium and health under one user's
// flood of uncached reads; then CloudWatch call counts, and writes bench/results/latest.md and
// latest.json with each figure at both sizes and their ratio; then syncs a 1,000-pool fake AWS account's
// inventory (bench/results/inventory-sync.md). `npm run bench -- --only inventory` runs that section
// alone. Figures, not assertions: nothing here fails a build.
import type { ChildProcess } from "node:child_process";
import { openSync } from "node:fs";
import { createHash } from "node:crypto";
import os from "node:os";
import { closeDb, getPool } from "@/lib/db";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle as PgServer } from "@/lib/db/embedded-postgres";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { SESSION_COOKIE, sealSessionCookie } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/session-store";
import { buildIfStale } from "../scripts/build-if-stale";
import { spawnStandaloneServer } from "../scripts/standalone-server";
import { runCloudWatchBench } from "./cloudwatch";
import { explainHeavyQueries } from "./explain-plans";
import { runInventorySyncBench, writeInventoryResults } from "./inventory-sync";
import { benchShape, seedLargeFleet, type BenchShape } from "./large-fleet";
import { startLiveIngest } from "./live-ingest";
import { FLOOR_ENDPOINT, measureApi } from "./measure-api";
import { measureIngest } from "./measure-ingest";
import { measureOverviewPage } from "./measure-page";
import { measureReadBudget } from "./measure-read-budget";
import { writeResults, type SizeResults } from "./write-results";

const DAYS = Number(process.env.BENCH_DAYS ?? 30);
/** Fleet sizes measured in one run (series = pools, 20 instances each): how each figure grows. */
const SERIES = (process.env.BENCH_SERIES ?? "250,1000").split(",").map(Number);
/** The longest range preset the backfill covers: what the "long range" rows read. */
const LONG_RANGE = DAYS >= 90 ? "90d" : DAYS >= 30 ? "30d" : "7d";
const LONG_LABEL = LONG_RANGE.replace("d", " d");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 56300);
const APP_PORT = Number(process.env.BENCH_PORT ?? 3200);
const SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
const log = (m: string) => console.log(`[bench] ${m}`);
const SECTIONS = ["inventory"] as const;

/** `--only <section>`: run one section alone (each starts from its own empty database). */
function readOnly(argv: string[]): (typeof SECTIONS)[number] | undefined {
  const i = argv.indexOf("--only");
  if (i < 0) return undefined;
  const section = argv[i + 1];
  if (!SECTIONS.includes(section as (typeof SECTIONS)[number]))
    throw new Error(`--only takes one of: ${SECTIONS.join(", ")} (got ${section ?? "nothing"})`);
  return section as (typeof SECTIONS)[number];
}

function describeMachine(cpuCheckMs = cpuCheck()) {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    sha256MsPer200MB: cpuCheckMs,
  };
}

async function runInventorySection(adminUrl: string) {
  const startedAt = new Date().toISOString();
  const m = describeMachine();
  const inventory = await runInventorySyncBench({ adminUrl, log });
  writeInventoryResults({
    ...inventory,
    startedAt,
    machine: `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; CPU check ${m.sha256MsPer200MB} ms`,
  });
  log("wrote bench/results/inventory-sync.md and inventory-sync.json");
  return inventory;
}

async function mainInventoryOnly() {
  const pgServer = await startEmbeddedPostgres({
    dataDir: ".data/bench-postgres",
    port: PG_PORT,
    ephemeral: true,
    quiet: true,
  });
  try {
    await runInventorySection(pgServer.adminUrl);
  } finally {
    await closeDb().catch(() => {});
    await pgServer.stop();
  }
}

/** A fixed CPU-bound task: the same machine type runs at different speeds on a busy host. */
function cpuCheck(): number {
  const block = Buffer.alloc(1 << 20, 7);
  const started = performance.now();
  for (let i = 0; i < 200; i++) createHash("sha256").update(block).digest();
  return Math.round(performance.now() - started);
}

/** One fleet size, measured end to end in its own database (dropped afterwards: 1,000 series are GBs). */
async function measureSize(opts: { pgServer: PgServer; shape: BenchShape; sizeIndex: number }): Promise<SizeResults> {
  const { pgServer, shape } = opts;
  const database = `fleet_bench_${shape.pools}`;
  const exec = async (sql: string) => {
    const admin = new (await import("pg")).default.Client({ connectionString: pgServer.adminUrl });
    await admin.connect();
    await admin.query(sql).finally(() => admin.end());
  };
  await exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await exec(`CREATE DATABASE ${database}`);
  process.env.DATABASE_URL = pgServer.urlFor(database);
  let server: ChildProcess | undefined;
  let liveIngest: ReturnType<typeof startLiveIngest> | undefined;
  // Each size's server on a port of its own: the previous one may still be letting go of its socket.
  const appPort = APP_PORT + opts.sizeIndex;
  try {
    await applyMigrations({ databaseUrl: process.env.DATABASE_URL });
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const { pools } = await seedLargeFleet(now, shape);
    log(
      `[${shape.pools} series] seeded ${shape.models} models, ${shape.pools} pools, ${shape.instances} instances; backfilling ${DAYS} days`,
    );
    const ingest = await measureIngest({ pools, days: DAYS, now, onProgress: log });
    log(`ingest: ${ingest.points} points in ${ingest.seconds} s = ${ingest.pointsPerSecond} points/s`);
    await getPool().query("VACUUM ANALYZE");
    // The backfill leaves gigabytes of dirty buffers; flushed now, the checkpointer's writes stay
    // out of the read measurements below, as they would in steady state.
    await getPool().query("CHECKPOINT");
    const plans = await explainHeavyQueries(new Date(now.getTime() + 60_000));
    const tableSizes = await measureTableSizes(ingest.points);
    log(
      `storage: telemetry_minute ${tableSizes.minute} (${tableSizes.minuteBytesPerPoint} B/point), telemetry_hourly ${tableSizes.hourly}, model_latency_minute ${tableSizes.modelLatency}`,
    );
    await closeDb();

    server = spawnStandaloneServer({
      port: appPort,
      // Rate limits would turn a load test into a test of the limiter: lift them for this server.
      env: {
        BACKGROUND_JOBS: "false",
        AUTH_DEMO_MODE: "true",
        AUTH_SECRET: SECRET,
        PREVIEW_RATE_LIMIT_PER_MINUTE: "100000000",
      },
      stdio: ["ignore", openSync(".data/bench-server.log", "w"), openSync(".data/bench-server.log", "a")],
    });
    const baseUrl = `http://127.0.0.1:${appPort}`;
    await waitForHealth(baseUrl);
    liveIngest = startLiveIngest({ pools, days: DAYS, log });
    const operator = DEMO_USERS.find((u) => u.role === "operator")!;
    // A real server-side session, as the sign-in route makes one; every request below looks it up.
    const session = await createSession(operator, "demo", { sourceIp: null, userAgent: "bench" });
    const cookie = `${SESSION_COOKIE}=${sealSessionCookie(session.secret, SECRET)}`;
    const model = pools[0]!.modelId;
    const pool = pools.find((p) => p.reservedInstances === 0) ?? pools[0]!;
    const month = now.toISOString().slice(0, 7);
    const api = await measureApi({
      baseUrl,
      cookie,
      seconds: SECONDS,
      log,
      endpoints: [
        // The floor: what the production server and autocannon cost here for a route doing nothing.
        { name: FLOOR_ENDPOINT, path: "/api/health/live" },
        { name: "overview 24 h (cached)", path: "/api/overview?range=24h" },
        {
          // What the dashboard's refetches do (the browser sends the validator it holds): a 304, no body.
          name: "overview 24 h revalidated (If-None-Match, 304)",
          path: "/api/overview?range=24h",
          okStatuses: [304],
          headers: async () => ({ "if-none-match": await currentEtag(baseUrl, cookie, "/api/overview?range=24h") }),
        },
        { name: `overview ${LONG_LABEL} (cached, long range)`, path: `/api/overview?range=${LONG_RANGE}` },
        { name: "model page 24 h", path: `/api/models/${model}?range=24h` },
        { name: `model page ${LONG_LABEL} (long range)`, path: `/api/models/${model}?range=${LONG_RANGE}` },
        { name: "pools table 24 h", path: "/api/pools?range=24h" },
        { name: "capacity review", path: `/api/capacity/review?month=${month}` },
        {
          name: "launch preview",
          path: `/api/pools/${pool.id}/actions/preview`,
          method: "POST",
          body: { kind: "launch", count: 1 },
        },
      ],
    });
    // A section that fails (e.g. the server still busy) is reported, and the rest still written.
    const page = await measureOverviewPage({
      baseUrl,
      cookie: { name: SESSION_COOKIE, value: cookie.slice(SESSION_COOKIE.length + 1) },
    }).catch((err: Error) => {
      log(`page measurement failed: ${err.message}`);
      const failed = { lcpMs: NaN, jsKb: NaN, allJsKb: NaN };
      return { firstViewer: failed, cold: failed, warm: failed };
    });
    log(
      `overview page: first viewer LCP ${page.firstViewer.lcpMs} ms; cold browser LCP ${page.cold.lcpMs} ms, first-load JS ${page.cold.jsKb} KB (${page.cold.allJsKb} KB with charts); warm LCP ${page.warm.lcpMs} ms`,
    );
    const readBudget = await measureReadBudget({ baseUrl, cookie, now, seconds: SECONDS, log });
    return { shape: { ...shape, days: DAYS }, ingest, plans, tableSizes, api, page, readBudget };
  } finally {
    await liveIngest?.stop().catch(() => {});
    server?.kill("SIGTERM");
    await closeDb().catch(() => {});
    await exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
  }
}

/** A partitioned table has no storage of its own: its size is its partitions'. Per point: the minute table's. */
async function measureTableSizes(points: number): Promise<SizeResults["tableSizes"]> {
  const minuteBytes = `(pg_total_relation_size('telemetry_minute') + coalesce((SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'telemetry_minute'::regclass), 0))::bigint`;
  const raw = (
    await getPool().query<{ minute: string; hourly: string; latency: string }>(`SELECT
      ${minuteBytes}::text AS minute,
      pg_total_relation_size('telemetry_hourly')::text AS hourly,
      pg_total_relation_size('model_latency_minute')::text AS latency`)
  ).rows[0]!;
  const mib = (bytes: string) => `${(Number(bytes) / 1048576).toFixed(0)} MB`;
  return {
    minute: mib(raw.minute),
    hourly: mib(raw.hourly),
    modelLatency: mib(raw.latency),
    minuteBytesPerPoint: Math.round(Number(raw.minute) / points),
  };
}

async function main() {
  const startedAt = new Date();
  const cpuCheckMs = cpuCheck();
  // Sized like a production server rather than the embedded default (128 MB, for laptops): RDS
  // gives shared_buffers about a quarter of memory.
  const pgServer = await startEmbeddedPostgres({
    dataDir: ".data/bench-postgres",
    port: PG_PORT,
    ephemeral: true,
    quiet: true,
    settings: { shared_buffers: "2GB" },
  });
  try {
    buildIfStale(process.cwd(), log);
    const sizes: SizeResults[] = [];
    for (const [sizeIndex, series] of SERIES.entries())
      sizes.push(await measureSize({ pgServer, shape: benchShape(series), sizeIndex }));
    const cloudwatch = await runCloudWatchBench({ databaseUrl: pgServer.adminUrl, log });
    log(
      `cloudwatch: ${cloudwatch.viewers.map((v) => `${v.viewers} viewers → ${v.getMetricDataCalls} calls`).join(", ")}; $${cloudwatch.estimatedUsdPerDay.toFixed(2)}/day`,
    );
    const inventory = await runInventorySection(pgServer.adminUrl);
    await writeResults({
      machine: describeMachine(cpuCheckMs),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      sizes,
      cloudwatch,
      inventory,
    });
    log("wrote bench/results/latest.md and latest.json");
  } finally {
    await closeDb().catch(() => {});
    await pgServer.stop();
  }
}

/** The validator the server gives an answer now (a revalidation run sends it back). */
async function currentEtag(baseUrl: string, cookie: string, path: string): Promise<string> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
  await response.arrayBuffer();
  return response.headers.get("etag") ?? "";
}

async function waitForHealth(baseUrl: string) {
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the app did not become healthy");
}

(readOnly(process.argv.slice(2)) === "inventory" ? mainInventoryOnly() : main()).catch((err) => {
  console.error("[bench] failed:", err);
  process.exit(1);
});
