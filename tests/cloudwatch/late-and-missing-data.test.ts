// The CloudWatch ingest at the wire (the HTTP stand-in, reached through AWS_ENDPOINT_URL_CLOUDWATCH)
// with the data CloudWatch really has: a Graviton ASG on EC2 basic monitoring (one CPUUtilization
// datapoint per 5 minutes), model servers silent for two minutes and idle for one, a 5-minute
// period with no datapoint at all, and datapoints that arrive after the settle time. Checks the
// exact GetMetricData requests (period, window), the stored rows (null where nothing was
// published), the hourly rollups and model latency minutes rebuilt after late data, and what the
// run records. Every expected figure is worked out by hand from the published datapoints.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import { getMetrics } from "@/lib/observability/metrics-registry";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { parseCloudWatchConfig } from "@/lib/telemetry/cloudwatch/cloudwatch-config";
import { createCloudWatchTelemetrySource } from "@/lib/telemetry/cloudwatch/cloudwatch-telemetry-source";
import { listSeries } from "@/lib/telemetry/list-series";
import { runIngest } from "@/lib/telemetry/run-ingest";
import type { SeriesRef } from "@/lib/telemetry/types";
import { startFakeCloudWatchHttp, type CloudWatchQuery } from "../aws-standins/fake-cloudwatch-http";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const sec = (iso: string) => Date.parse(iso) / 1000;
const minute = (hhmm: string) => `2026-11-20T${hhmm}:00.000Z`;
/** Published datapoints per "metric|stat": epoch second → value. */
const published = new Map<string, Map<number, number>>();
function publish(metric: string, stat: string, hhmm: string, value: number) {
  const key = `${metric}|${stat}`;
  if (!published.has(key)) published.set(key, new Map());
  published.get(key)!.set(sec(minute(hhmm)), value);
}
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
/** Minutes from..to inclusive, as HH:MM. */
const span = (from: string, to: string) => {
  const [fh, fm] = from.split(":").map(Number);
  const [th, tm] = to.split(":").map(Number);
  return Array.from({ length: th! * 60 + tm! - (fh! * 60 + fm!) + 1 }, (_, i) => hhmm(fh! * 60 + fm! + i));
};

function publishServed(at: string, requests: number) {
  publish("Requests", "Sum", at, requests);
  publish("Units", "Sum", at, requests * 10);
  if (requests > 0) {
    publish("RequestLatency", "p50", at, 100);
    publish("RequestLatency", "p95", at, 200);
    publish("RequestLatency", "p99", at, 300);
  }
}

let fake: Awaited<ReturnType<typeof startFakeCloudWatchHttp>>;
let s: SeriesRef;
let clock = new Date("2026-11-20T12:00:30Z");
const source = createCloudWatchTelemetrySource({ config: parseCloudWatchConfig({}), now: () => clock });
const tick = () => runIngest({ source, backfillDays: 1 / 24, now: clock, rereadMinutes: 15 });

beforeAll(async () => {
  fake = await startFakeCloudWatchHttp({
    datapoints: (q: CloudWatchQuery) => [...(published.get(`${q.metricName}|${q.stat}`) ?? new Map())],
  });
  process.env.AWS_ENDPOINT_URL_CLOUDWATCH = fake.url;
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  await seedSimulatedFleet({ now: clock });
  // One series: a Graviton ASG pool serving one model; every other pool retired.
  const db = getPool();
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM "Pool" WHERE "chipFamily" = 'graviton' AND "backingKind" = 'asg' ORDER BY id LIMIT 1`,
  );
  const poolId = rows[0]!.id;
  await db.query(`UPDATE "Pool" SET "retiredAt" = now() WHERE id <> $1`, [poolId]);
  await db.query(
    `DELETE FROM "PoolModel" WHERE "poolId" = $1 AND id > (SELECT min(id) FROM "PoolModel" WHERE "poolId" = $1)`,
    [poolId],
  );
  const series = await listSeries();
  expect(series).toHaveLength(1);
  s = series[0]!;

  // What CloudWatch has by the first tick. Instances in service every minute (group metrics, 60 s).
  for (const at of span("11:40", "12:09")) publish("GroupInServiceInstances", "Average", at, 4);
  // Basic monitoring: one CPUUtilization point per 5 minutes, stamped at the period's start.
  // 11:50 is never published (a gap); 11:55 arrives late.
  publish("CPUUtilization", "Average", "11:40", 30);
  publish("CPUUtilization", "Average", "11:45", 50);
  // Model servers: 60 requests a minute, silent at 11:43–11:44 (no datapoints), idle at 11:47
  // (Sum 0 and, with no request, no latency percentiles).
  for (const at of span("11:40", "12:09")) {
    if (at === "11:43" || at === "11:44") continue;
    publishServed(at, at === "11:47" ? 0 : 60);
  }
}, 120_000);

afterAll(async () => {
  await fake?.close();
});

async function row(at: string) {
  const { rows } = await getPool().query(
    `SELECT utilization_pct, requests, units, latency_p50_ms, latency_p95_ms, latency_p99_ms, instances
     FROM telemetry_minute WHERE series_id = $1 AND ts = $2`,
    [s.seriesId, minute(at)],
  );
  return rows[0];
}

async function hour(at: string) {
  const { rows } = await getPool().query(
    `SELECT minutes, instance_minutes, utilization_instance_minutes, busy_instance_minutes, requests, request_minutes,
            units, unit_minutes, latency_requests
     FROM telemetry_hourly WHERE series_id = $1 AND hour = $2`,
    [s.seriesId, minute(at)],
  );
  // Sums of float8 products: compared to the hand-computed figures to 1e-9.
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Math.round(Number(v) * 1e9) / 1e9]));
}

const requestsOf = (from: number) =>
  fake.requests.slice(from).map((r) => ({
    region: r.region,
    startTime: new Date(r.startTime * 1000).toISOString(),
    endTime: new Date(r.endTime * 1000).toISOString(),
    queries: r.metricQueries.map((q) => `${q.id} ${q.namespace}/${q.metricName} ${q.stat} ${q.period}`),
  }));

const APP_60 = (n: number) => [
  `s${n}_p50 FleetConsole/Inference/RequestLatency p50 60`,
  `s${n}_p95 FleetConsole/Inference/RequestLatency p95 60`,
  `s${n}_p99 FleetConsole/Inference/RequestLatency p99 60`,
  `s${n}_req FleetConsole/Inference/Requests Sum 60`,
  `s${n}_units FleetConsole/Inference/Units Sum 60`,
  `n${n} AWS/AutoScaling/GroupInServiceInstances Average 60`,
  // Billed instances (pending and in service) for an Auto Scaling group: spend is priced on them.
  `b${n} AWS/AutoScaling/GroupTotalInstances Average 60`,
];

describe("late and missing CloudWatch data", () => {
  it("reads EC2 at its 300 s period and stores missing datapoints as null, never 0 or a neighbour's value", async () => {
    const result = await tick();
    expect(result.error).toBeUndefined();
    // 11:00 to the settled end 11:58; the 300 s query on its own, its window aligned to 5 minutes.
    expect(requestsOf(0)).toEqual([
      { region: s.region, startTime: minute("11:00"), endTime: minute("11:58"), queries: APP_60(s.seriesId) },
      {
        region: s.region,
        startTime: minute("11:00"),
        endTime: minute("12:00"),
        queries: [`u${s.seriesId} AWS/EC2/CPUUtilization Average 300`],
      },
    ]);
    expect(result).toMatchObject({ written: 18, reread: 0, changed: 0 }); // 11:40..11:57

    const served = { requests: 60, units: 600, latency_p50_ms: 100, latency_p95_ms: 200, latency_p99_ms: 300 };
    const silent = { requests: null, units: null, latency_p50_ms: null, latency_p95_ms: null, latency_p99_ms: null };
    // The 11:40 point (30 %) covers 11:40–11:44, the 11:45 point (50 %) 11:45–11:49.
    expect(await row("11:41")).toEqual({ utilization_pct: 30, instances: 4, ...served });
    expect(await row("11:43")).toEqual({ utilization_pct: 30, instances: 4, ...silent });
    expect(await row("11:47")).toEqual({
      utilization_pct: 50,
      instances: 4,
      ...silent,
      requests: 0,
      units: 0,
    });
    expect(await row("11:52")).toEqual({ utilization_pct: null, instances: 4, ...served });
    expect(await row("11:57")).toEqual({ utilization_pct: null, instances: 4, ...served }); // not published yet

    // Hour 11 so far (11:40–11:57): utilization over the 10 minutes that have it, 4 × (5 × 0.30 +
    // 5 × 0.50) = 16 busy of 40; 15 minutes of 60 requests, 16 minutes with a requests value.
    expect(await hour("11:00")).toEqual({
      minutes: 18,
      instance_minutes: 72,
      utilization_instance_minutes: 40,
      busy_instance_minutes: 16,
      requests: 900,
      request_minutes: 16,
      units: 9000,
      unit_minutes: 16,
      latency_requests: 900,
    });
    const latency = await getPool().query(`SELECT count(*)::int AS n FROM model_latency_minute WHERE ts = $1`, [
      minute("11:44"),
    ]);
    expect(latency.rows[0].n).toBe(0);
  });

  it("re-reads the trailing window on the next tick: late datapoints update their minutes and the rollups", async () => {
    // Arrived after the first tick: the 11:55 EC2 point (70 %), the next one (12:00, 90 %), and
    // the model servers' 11:44 minute (120 requests).
    publish("CPUUtilization", "Average", "11:55", 70);
    publish("CPUUtilization", "Average", "12:00", 90);
    publishServed("11:44", 120);
    const before = fake.requests.length;
    const changedBefore = (await getMetrics().ingestPointsChanged.get()).values[0]?.value ?? 0;
    clock = new Date("2026-11-20T12:05:30Z");
    const result = await tick();
    expect(result.error).toBeUndefined();
    // Watermark 11:57: fresh minutes from 11:58, and 15 minutes before them again from 11:43.
    expect(requestsOf(before)).toEqual([
      { region: s.region, startTime: minute("11:43"), endTime: minute("12:03"), queries: APP_60(s.seriesId) },
      {
        region: s.region,
        startTime: minute("11:40"),
        endTime: minute("12:05"),
        queries: [`u${s.seriesId} AWS/EC2/CPUUtilization Average 300`],
      },
    ]);
    // Re-read 11:43–11:57 (15 points); changed: 11:44 and 11:55–11:57. New: 11:58–12:02.
    expect(result).toMatchObject({ reread: 15, changed: 4, written: 9 });
    expect(await row("11:44")).toMatchObject({ utilization_pct: 30, requests: 120, latency_p95_ms: 200 });
    expect(await row("11:43")).toMatchObject({ requests: null, latency_p95_ms: null });
    expect(await row("11:56")).toMatchObject({ utilization_pct: 70 });
    expect(await row("12:02")).toMatchObject({ utilization_pct: 90, requests: 60 });

    // Hour 11 rebuilt (11:40–11:59): 15 minutes with utilization, 4 × (1.5 + 2.5 + 3.5) = 30 busy
    // of 60 (50 %); 17 × 60 + 120 + 0 = 1,140 requests over 19 minutes with a value.
    expect(await hour("11:00")).toEqual({
      minutes: 20,
      instance_minutes: 80,
      utilization_instance_minutes: 60,
      busy_instance_minutes: 30,
      requests: 1140,
      request_minutes: 19,
      units: 11400,
      unit_minutes: 19,
      latency_requests: 1140,
    });
    const latency = await getPool().query(`SELECT requests FROM model_latency_minute WHERE model_id = $1 AND ts = $2`, [
      s.modelId,
      minute("11:44"),
    ]);
    expect(latency.rows.map((r) => Number(r.requests))).toHaveLength(1);
    expect(Number(latency.rows[0].requests)).toBeCloseTo(120, 3);

    const runs = await getPrisma().telemetryIngestRun.findMany({
      where: { source: "cloudwatch" },
      orderBy: { id: "asc" },
    });
    expect(runs.map((r) => [r.pointsWritten, r.pointsReread, r.pointsChanged])).toEqual([
      [18, 0, 0],
      [9, 15, 4],
    ]);
    expect((await getMetrics().ingestPointsChanged.get()).values[0]?.value).toBe(changedBefore + 4);
  });

  it("a re-read with nothing new changes nothing", async () => {
    const result = await tick();
    // The same window again: 11:48 to 12:03 re-read (watermark 12:02), no fresh minute settled.
    expect(result).toMatchObject({ reread: 15, changed: 0, written: 0 });
  });
});
