// `npx tsx --conditions=react-server bench/cloudwatch-cost-run.ts`: the CloudWatch cost section
// alone (bench/cloudwatch-cost.ts) on its own embedded PostgreSQL, printed as JSON.
// BENCH_CW_MINUTES (default 60: one simulated hour of ticks), BENCH_CW_BACKFILL_DAYS (default 1),
// BENCH_CW_FLEET=large for the benchmark's 250-series fleet, BENCH_CW_START (ISO) for the clock.
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { COST_VARIANTS, runCloudWatchCostBench } from "./cloudwatch-cost";

async function main() {
  const pgServer = await startEmbeddedPostgres({
    dataDir: ".data/bench-cw-cost-postgres",
    port: Number(process.env.BENCH_PG_PORT ?? 56310),
    ephemeral: true,
    quiet: true,
  });
  try {
    const started = performance.now();
    const runs = await runCloudWatchCostBench({
      databaseUrl: pgServer.adminUrl,
      ...(process.env.BENCH_CW_START ? { now: new Date(process.env.BENCH_CW_START) } : {}),
      fleet: process.env.BENCH_CW_FLEET === "large" ? "large" : "simulated",
      // BENCH_CW_VARIANTS=0,1: a subset of COST_VARIANTS by index.
      variants: process.env.BENCH_CW_VARIANTS
        ? process.env.BENCH_CW_VARIANTS.split(",").map((i) => COST_VARIANTS[Number(i)]!)
        : COST_VARIANTS,
      minutes: Number(process.env.BENCH_CW_MINUTES ?? 60),
      backfillDays: Number(process.env.BENCH_CW_BACKFILL_DAYS ?? 1),
      log: (m) => console.error(`[bench] ${m}`),
    });
    console.error(`[bench] ${((performance.now() - started) / 1000).toFixed(0)} s`);
    console.log(JSON.stringify(runs, null, 2));
  } finally {
    await pgServer.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
