// Billing ingest throughput: a FOCUS CSV.gz export of one instance-hour row per instance and hour
// (the shape AWS writes) for a fleet of BENCH_BILLING_INSTANCES instances over BENCH_BILLING_DAYS
// days, ingested through lib/billing into a scratch database of its own: rows/s end to end (read,
// gunzip, parse, validate, map, insert) and the process's peak resident memory. Figures, not
// assertions. The target is a month for 5,000 instances (3.6 M rows); the ingest holds a
// billing period's rows in memory before its one transaction, so start smaller and watch the RSS.
//
//   npx tsx --conditions=react-server bench/billing-ingest.ts        (defaults: 200 instances, 2 days)
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { ingestBillingExport } from "@/lib/billing/ingest-billing-export";
import type { BillingExportSource } from "@/lib/billing/types";
import { closeDb, getPrisma } from "@/lib/db";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

const INSTANCES = Number(process.env.BENCH_BILLING_INSTANCES ?? 200);
const DAYS = Number(process.env.BENCH_BILLING_DAYS ?? 2);
const ROWS_PER_FILE = 250_000;
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 56310);
const INSTANCES_PER_POOL = 20;
const log = (m: string) => console.log(`[bench:billing] ${m}`);

const HEADER =
  "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeDescription," +
  "ServiceName,ResourceId,RegionId,PricingQuantity,ListCost,BilledCost,EffectiveCost,Tags";

function* focusLines(): Generator<string> {
  const start = Date.UTC(2026, 10, 1);
  for (let h = 0; h < DAYS * 24; h++) {
    const from = new Date(start + h * 3_600_000).toISOString().replace(".000", "");
    const to = new Date(start + (h + 1) * 3_600_000).toISOString().replace(".000", "");
    for (let i = 0; i < INSTANCES; i++) {
      const pool = `bench-asg-${Math.floor(i / INSTANCES_PER_POOL)}`;
      const tags = `"{""aws:autoscaling:groupName"":""${pool}""}"`;
      yield (
        `2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,${from},${to},Usage,On Demand Linux trn1.32xlarge Instance Hour,` +
        `Amazon Elastic Compute Cloud,i-0${i.toString(16).padStart(16, "0")},us-east-1,1,21.5,21.5,18.275,${tags}`
      );
    }
  }
}

function buildExport(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let lines: string[] = [];
  const flush = () => {
    const key = `bench/data/BILLING_PERIOD=2026-11/part-${String(files.size).padStart(5, "0")}.csv.gz`;
    files.set(key, new Uint8Array(gzipSync([HEADER, ...lines].join("\r\n") + "\r\n")));
    lines = [];
  };
  for (const line of focusLines()) {
    lines.push(line);
    if (lines.length === ROWS_PER_FILE) flush();
  }
  if (lines.length > 0) flush();
  return files;
}

async function main() {
  const pgServer = await startEmbeddedPostgres({
    dataDir: ".data/bench-billing",
    port: PG_PORT,
    ephemeral: true,
    quiet: true,
  });
  const name = `fc_bench_billing_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgServer.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await admin.end();
  const url = new URL(pgServer.adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations({ databaseUrl: url.toString() });
  process.env.DATABASE_URL = url.toString();
  try {
    const pools = Math.ceil(INSTANCES / INSTANCES_PER_POOL);
    await getPrisma().pool.createMany({
      data: Array.from({ length: pools }, (_, p) => ({
        id: `bench-pool-${p}`,
        chipFamily: "trainium" as const,
        instanceType: "trn1.32xlarge",
        region: "us-east-1",
        availabilityZone: "us-east-1a",
        backingKind: "asg" as const,
        backingId: `bench-asg-${p}`,
        minCapacity: 0,
        desiredCapacity: INSTANCES_PER_POOL,
        maxCapacity: INSTANCES_PER_POOL,
      })),
    });
    const t0 = performance.now();
    const files = buildExport();
    const rows = INSTANCES * DAYS * 24;
    log(`${rows} rows in ${files.size} file(s) built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const source: BillingExportSource = {
      name: "s3",
      listFiles: async () => ({ files: [...files.keys()].map((key) => ({ key, etag: `"${key}"` })), problems: [] }),
      readFile: async (key) => files.get(key)!,
    };
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
    const started = performance.now();
    const report = await ingestBillingExport({ source });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const stored = await getPrisma().billingLineItem.count({ where: { poolId: { not: null } } });
    log(
      JSON.stringify({
        instances: INSTANCES,
        days: DAYS,
        rows,
        storedMappedRows: stored,
        seconds: Number(seconds.toFixed(2)),
        rowsPerSecond: Math.round(rows / seconds),
        peakRssMiB: Math.round(peakRss / 2 ** 20),
        errors: report.errors,
      }),
    );
  } finally {
    await closeDb().catch(() => {});
    await pgServer.stop();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
