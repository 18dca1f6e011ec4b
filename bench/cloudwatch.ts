// CloudWatch figures for the benchmark runner: GetMetricData calls per dashboard refresh for 1, 10
// and 100 viewers (identical by design), the steady-state ingest cost per day, and the ingest rate
// into PostgreSQL. CloudWatch is mocked at the client (aws-sdk-client-mock); PostgreSQL is real.
//
// `databaseUrl` names any database on a local PostgreSQL server whose user may CREATE DATABASE. The
// bench creates a scratch database beside it (migrated, seeded with the simulated fleet), points
// the app's pool at it, and drops it at the end, so no existing telemetry is overwritten. The app's
// shared pool is closed before and after (callers' next query reopens it on DATABASE_URL).
import { randomBytes } from "node:crypto";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import pg from "pg";
import { getConfig } from "@/lib/config";
import { closeDb } from "@/lib/db";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { SIM_POOLS } from "@/lib/simulator/pools";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { parseCloudWatchConfig } from "@/lib/telemetry/cloudwatch/cloudwatch-config";
import { createCloudWatchTelemetrySource } from "@/lib/telemetry/cloudwatch/cloudwatch-telemetry-source";
import { countMetricsRequested } from "@/lib/telemetry/cloudwatch/fetch-metric-data";
import { getLivePoolMetrics } from "@/lib/telemetry/cloudwatch/get-live-pool-metrics";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { answerGetMetricData } from "@/tests/cloudwatch/fake-cloudwatch";
import { runCloudWatchCostBench, type CostRun } from "./cloudwatch-cost";

export type CloudWatchBenchResult = {
  /** One dashboard refresh per viewer, every pool's live view: calls must not depend on viewers. */
  viewers: Array<{ viewers: number; getMetricDataCalls: number; metricsRequested: number }>;
  /** Steady-state ingest at TELEMETRY_INGEST_INTERVAL_SECONDS: $0.01 per 1,000 metrics requested. */
  estimatedUsdPerDay: number;
  /** Backfill of one day for the simulated fleet, mocked CloudWatch into real PostgreSQL. */
  ingestPointsPerSecond: number;
  ingestMetricsRequestedPerTick: number;
  /** Measured at the wire, per settings variant (bench/cloudwatch-cost.ts). */
  cost: CostRun[];
};

const USD_PER_METRIC_REQUESTED = 0.01 / 1000;
const MINUTE_MS = 60_000;

export async function withScratchDatabase<T>(databaseUrl: string, run: () => Promise<T>): Promise<T> {
  const admin = new URL(databaseUrl);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(admin.hostname))
    throw new Error(`bench refuses non-local database host ${admin.hostname}`);
  const name = `fc_bench_cw_${randomBytes(5).toString("hex")}`;
  const exec = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await exec(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  const scratch = new URL(databaseUrl);
  scratch.pathname = `/${name}`;
  const previousUrl = process.env.DATABASE_URL;
  try {
    await applyMigrations({ databaseUrl: scratch.toString() });
    await closeDb();
    process.env.DATABASE_URL = scratch.toString();
    return await run();
  } finally {
    await closeDb();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    await exec(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  }
}

export async function runCloudWatchBench(opts: {
  databaseUrl: string;
  log?: (m: string) => void;
}): Promise<CloudWatchBenchResult> {
  const cw = mockClient(CloudWatchClient);
  cw.on(GetMetricDataCommand).callsFake(answerGetMetricData);
  const credentials = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  process.env.AWS_ACCESS_KEY_ID ??= "bench"; // real clients are built (their `send` is mocked)
  process.env.AWS_SECRET_ACCESS_KEY ??= "bench";
  let measured: Omit<CloudWatchBenchResult, "cost">;
  try {
    measured = await withScratchDatabase(opts.databaseUrl, async () => {
      const now = new Date(Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS + 30_000);
      await seedSimulatedFleet({ now });

      const viewers: CloudWatchBenchResult["viewers"] = [];
      for (const [i, count] of [1, 10, 100].entries()) {
        cw.resetHistory();
        const at = new Date(now.getTime() + (i + 1) * MINUTE_MS); // a fresh minute: nothing cached
        await Promise.all(
          Array.from({ length: count }, () =>
            Promise.all(SIM_POOLS.map((p) => getLivePoolMetrics({ poolId: p.id, now: at }))),
          ),
        );
        const calls = cw.commandCalls(GetMetricDataCommand);
        viewers.push({
          viewers: count,
          getMetricDataCalls: calls.length,
          metricsRequested: calls.reduce(
            (sum, c) => sum + countMetricsRequested(c.args[0].input.MetricDataQueries ?? []),
            0,
          ),
        });
      }

      let clock = now;
      const source = createCloudWatchTelemetrySource({
        config: parseCloudWatchConfig({ CLOUDWATCH_EC2_PERIOD_SECONDS: "60" }), // detailed monitoring
        now: () => clock,
      });
      const started = performance.now();
      const backfill = await runIngest({ source, backfillDays: 1, now });
      const seconds = (performance.now() - started) / 1000;
      if (backfill.error) throw new Error(`bench ingest failed: ${backfill.error}`);

      const intervalSeconds = getConfig().TELEMETRY_INGEST_INTERVAL_SECONDS;
      clock = new Date(now.getTime() + Math.max(intervalSeconds, 60) * 1000);
      const tick = await runIngest({ source, backfillDays: 1, now: clock });
      if (tick.error) throw new Error(`bench ingest tick failed: ${tick.error}`);
      return {
        viewers,
        estimatedUsdPerDay:
          Math.round(tick.metricsRequested * (86_400 / intervalSeconds) * USD_PER_METRIC_REQUESTED * 100) / 100,
        ingestPointsPerSecond: Math.round(backfill.written / seconds),
        ingestMetricsRequestedPerTick: tick.metricsRequested,
      };
    });
  } finally {
    cw.restore();
    if (credentials.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    if (credentials.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  }
  // After cw.restore(): the cost bench's clients must reach the HTTP stand-in, not the mock.
  const cost = await runCloudWatchCostBench({ databaseUrl: opts.databaseUrl, log: opts.log });
  return { ...measured, cost };
}
