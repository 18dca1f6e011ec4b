// CloudWatch cost of the real ingest, measured at the wire: the CloudWatch telemetry source and
// runIngest (backfill, then one tick a minute with the default 15-minute re-read) against the HTTP
// stand-in (tests/aws-standins/fake-cloudwatch-http.ts, which paginates at 100,800 datapoints as
// CloudWatch does), into a scratch PostgreSQL. The bill is counted from the request bodies the SDK
// sent (bench/cloudwatch-wire-bill.ts), not from the ingest's own tally, which is reported beside it.
// Each variant is one set of CloudWatch settings; the rows it stored are digested, so a variant
// that asks for less is shown to store the same minutes as the baseline.
//
// Standalone: `npx tsx --conditions=react-server bench/cloudwatch-cost.ts` (embedded PostgreSQL on
// BENCH_PG_PORT; BENCH_CW_MINUTES of ticks, 60 = one hour by default).
import { getPool } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { createCloudWatchClient } from "@/lib/telemetry/cloudwatch/cloudwatch-client";
import { parseCloudWatchConfig } from "@/lib/telemetry/cloudwatch/cloudwatch-config";
import { createCloudWatchTelemetrySource } from "@/lib/telemetry/cloudwatch/cloudwatch-telemetry-source";
import { listSeries } from "@/lib/telemetry/list-series";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { startFakeCloudWatchHttp } from "@/tests/aws-standins/fake-cloudwatch-http";
import { withScratchDatabase } from "./cloudwatch";
import { seedLargeFleet } from "./large-fleet";
import { publishedFleetData } from "./cloudwatch-published-data";
import { billGetMetricData, usdFor, type WireBill } from "./cloudwatch-wire-bill";

const MINUTE_MS = 60_000;
const REREAD_MINUTES = 15; // TELEMETRY_REREAD_MINUTES's default

/** A set of CloudWatch settings, and the ingest interval (TELEMETRY_INGEST_INTERVAL_SECONDS, 60 s by default). */
export type CostVariant = { label: string; env: Record<string, string>; intervalMinutes?: number };

export const COST_VARIANTS: CostVariant[] = [
  { label: "defaults (EC2 basic monitoring)", env: {} },
  { label: "requests from latency SampleCount", env: { CLOUDWATCH_REQUESTS_FROM: "latency-sample-count" } },
  {
    label: "requests from latency SampleCount, ingest every 5 minutes",
    env: { CLOUDWATCH_REQUESTS_FROM: "latency-sample-count" },
    intervalMinutes: 5,
  },
];

export type CostRun = {
  label: string;
  env: Record<string, string>;
  intervalMinutes: number;
  /** Pool × model series ingested. */
  series: number;
  backfill: { days: number; bill: WireBill; usd: number; usdPer1000Series: number };
  steady: {
    ticks: number;
    bill: WireBill;
    /** What runIngest itself counted for the same ticks (a helper tally, for comparison). */
    ingestTally: number;
    billedMetricsPerTick: number;
    billedMetricsPerSeriesMinute: number;
    usdPerDay: number;
    usdPer1000SeriesPerDay: number;
    /** The same calls billed one metric per MetricStat query (upper bound). */
    perQueryUsdPer1000SeriesPerDay: number;
  };
  /** md5 of every stored minute row's measured fields. */
  rowsDigest: string;
  rows: number;
};

async function digestRows(): Promise<{ digest: string; rows: number }> {
  const { rows } = await getPool().query<{ digest: string; rows: number }>(
    `SELECT md5(string_agg(concat_ws('|', series_id, extract(epoch FROM ts), utilization_pct, latency_p50_ms,
       latency_p95_ms, latency_p99_ms, requests, units, instances), ';' ORDER BY series_id, ts)) AS digest,
       count(*)::int AS rows
     FROM telemetry_minute`,
  );
  return { digest: rows[0]?.digest ?? "", rows: rows[0]?.rows ?? 0 };
}

/** The simulated fleet (38 series) or the benchmark's large one (250 series, bench/large-fleet.ts). */
export type CostFleet = "simulated" | "large";

async function runVariant(args: {
  fleet: CostFleet;
  variant: CostVariant;
  now: Date;
  backfillDays: number;
  ticks: number;
}): Promise<CostRun> {
  const config = parseCloudWatchConfig(args.variant.env);
  const fake = await startFakeCloudWatchHttp({
    datapoints: publishedFleetData({
      latency: config.app.latencyMetric,
      requests: config.app.requestsMetric,
      units: config.app.unitsMetric,
    }),
  });
  try {
    if (args.fleet === "large") await seedLargeFleet(args.now);
    else await seedSimulatedFleet({ now: args.now });
    const series = (await listSeries()).length;
    const clients = new Map<string, ReturnType<typeof createCloudWatchClient>>();
    const clientFor = ({ region }: { region: string }) => {
      let client = clients.get(region);
      if (!client) {
        client = createCloudWatchClient({
          region,
          retry: config.retry,
          overrides: { endpoint: fake.url, credentials: { accessKeyId: "bench", secretAccessKey: "bench" } },
        });
        clients.set(region, client);
      }
      return client;
    };
    let clock = args.now;
    const source = createCloudWatchTelemetrySource({ config, clientFor, now: () => clock });
    const ingest = async () => {
      const r = await runIngest({ source, backfillDays: args.backfillDays, now: clock, rereadMinutes: REREAD_MINUTES });
      if (r.error) throw new Error(`cost bench ingest failed at ${clock.toISOString()}: ${r.error}`);
      return r;
    };

    await ingest();
    const backfillBill = billGetMetricData(fake.requests.splice(0));
    let ingestTally = 0;
    const interval = args.variant.intervalMinutes ?? 1;
    for (let i = 0; i < args.ticks; i++) {
      clock = new Date(clock.getTime() + interval * MINUTE_MS);
      ingestTally += (await ingest()).metricsRequested;
    }
    const steadyBill = billGetMetricData(fake.requests.splice(0));
    const perTick = steadyBill.billedMetrics / args.ticks;
    const ticksPerDay = 1440 / interval;
    const usdPerDay = usdFor(perTick * ticksPerDay);
    const per1000 = 1000 / series;
    const { digest, rows } = await digestRows();
    return {
      label: args.variant.label,
      env: args.variant.env,
      intervalMinutes: interval,
      series,
      backfill: {
        days: args.backfillDays,
        bill: backfillBill,
        usd: usdFor(backfillBill.billedMetrics),
        usdPer1000Series: usdFor(backfillBill.billedMetrics) * per1000,
      },
      steady: {
        ticks: args.ticks,
        bill: steadyBill,
        ingestTally,
        billedMetricsPerTick: perTick,
        billedMetricsPerSeriesMinute: perTick / interval / series,
        usdPerDay,
        usdPer1000SeriesPerDay: usdPerDay * per1000,
        perQueryUsdPer1000SeriesPerDay: usdFor((steadyBill.perQueryMetrics / args.ticks) * ticksPerDay) * per1000,
      },
      rowsDigest: digest,
      rows,
    };
  } finally {
    await fake.close();
  }
}

/** Every variant from its own scratch database, same clock, same published data. */
export async function runCloudWatchCostBench(opts: {
  databaseUrl: string;
  fleet?: CostFleet;
  variants?: CostVariant[];
  backfillDays?: number;
  /** Simulated minutes of steady ticks (each variant at its own interval). */
  minutes?: number;
  now?: Date;
  log?: (m: string) => void;
}): Promise<CostRun[]> {
  const runs: CostRun[] = [];
  for (const variant of opts.variants ?? COST_VARIANTS) {
    const run = await withScratchDatabase(opts.databaseUrl, () =>
      runVariant({
        fleet: opts.fleet ?? "simulated",
        variant,
        // Midday: an hour of ticks without the ~16 a day whose window spans UTC midnight, which
        // runIngest fetches as two day chunks (two calls each: about 1 % more a day).
        now: opts.now ?? new Date("2026-12-01T12:00:30Z"),
        backfillDays: opts.backfillDays ?? 1,
        ticks: Math.round((opts.minutes ?? 60) / (variant.intervalMinutes ?? 1)), // the same simulated time
      }),
    );
    opts.log?.(
      `cloudwatch cost, ${run.label}: ${run.series} series, ${run.steady.billedMetricsPerTick.toFixed(1)} metrics/tick, $${run.steady.usdPerDay.toFixed(2)}/day, $${run.steady.usdPer1000SeriesPerDay.toFixed(2)} per 1,000 series/day; backfill $${run.backfill.usd.toFixed(3)} per ${run.backfill.days} day(s)`,
    );
    runs.push(run);
  }
  return runs;
}
