// The ingest job with the CloudWatch source against mocked GetMetricData answers, into a real
// PostgreSQL: which rows land, with which values, and what the job records about its API usage.
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { parseCloudWatchConfig } from "@/lib/telemetry/cloudwatch/cloudwatch-config";
import { createCloudWatchTelemetrySource } from "@/lib/telemetry/cloudwatch/cloudwatch-telemetry-source";
import { getTelemetrySource } from "@/lib/telemetry/get-telemetry-source";
import { listSeries } from "@/lib/telemetry/list-series";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { writeMinutePoints } from "@/lib/telemetry/store/write-minute-points";
import type { SeriesRef } from "@/lib/telemetry/types";
import { useTestDatabase } from "../setup/test-database";
import { answerGetMetricData } from "./fake-cloudwatch";

useTestDatabase();

const cw = mockClient(CloudWatchClient);
const t0 = new Date("2026-11-20T12:00:30Z");
let clock = t0;
const source = createCloudWatchTelemetrySource({
  config: parseCloudWatchConfig({ CLOUDWATCH_EC2_PERIOD_SECONDS: "60" }), // detailed monitoring
  now: () => clock,
});
const inputs = (): GetMetricDataCommandInput[] => cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
let series: SeriesRef[] = [];

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  cw.on(GetMetricDataCommand).callsFake(answerGetMetricData);
  await seedSimulatedFleet({ now: t0 });
  series = await listSeries();
});

/** The row a series should have at `ts`, derived from the fake's encoding, not from the source's code. */
function expectedRow(s: SeriesRef, ts: Date) {
  const k8s = s.backingKind !== "asg";
  // Container Insights is per cluster: the cluster's first series (by id) of the same chip family names the query.
  const utilId = k8s
    ? Math.min(
        ...series
          .filter((o) => o.backingKind !== "asg" && o.clusterName === s.clusterName && o.chipFamily === s.chipFamily)
          .map((o) => o.seriesId),
      )
    : s.seriesId;
  const n = s.seriesId;
  return {
    series_id: n,
    ts,
    latency_p50_ms: 100 + n,
    latency_p95_ms: 200 + n,
    latency_p99_ms: 300 + n,
    requests: 60 * n,
    units: 600 * n,
    utilization_pct: 20 + (utilId % 50) + (Math.floor(ts.getTime() / 60_000) % 3),
    instances: k8s ? s.desiredCapacity : 7 + (n % 3),
  };
}

async function storedRows(from: string, to: string) {
  const { rows } = await getPool().query(
    `SELECT series_id, ts, latency_p50_ms, latency_p95_ms, latency_p99_ms, requests, units, utilization_pct, instances
     FROM telemetry_minute WHERE ts >= $1 AND ts < $2 ORDER BY series_id, ts`,
    [from, to],
  );
  return rows;
}

describe("CloudWatch ingest into PostgreSQL", () => {
  it("is the source TELEMETRY_SOURCE=cloudwatch selects", () => {
    process.env.TELEMETRY_SOURCE = "cloudwatch";
    expect(getTelemetrySource().name).toBe("cloudwatch");
  });

  it("backfills the window into telemetry_minute with each field from its query", async () => {
    const result = await runIngest({ source, backfillDays: 0.25, now: t0 });
    expect(result.error).toBeUndefined();
    // 06:00..11:57 (the last two minutes wait to settle), one call per region.
    expect(inputs().map((i) => [i.StartTime, i.EndTime])).toEqual(
      Array(3).fill([new Date("2026-11-20T06:00:00Z"), new Date("2026-11-20T11:58:00Z")]),
    );
    expect(result.written).toBe(series.length * 358);

    const rows = await storedRows("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z");
    expect(rows).toHaveLength(series.length * 358);
    const expected = series.flatMap((s) =>
      Array.from({ length: 358 }, (_, i) => expectedRow(s, new Date(Date.parse("2026-11-20T06:00:00Z") + i * 60_000))),
    );
    expect(rows).toEqual(expected);

    const { rows: spend } = await getPool().query(
      "SELECT count(*)::int AS n FROM telemetry_minute WHERE spend_usd <= 0",
    );
    expect(spend[0].n).toBe(0);
    // An ASG pool is priced on GroupTotalInstances (in service + 1 booting in the fake), at the
    // on-demand rate where it has no reservation and serves one model.
    const { rows: billedFromLaunch } = await getPool().query<{ n: number; diff: number }>(
      `SELECT count(*)::int AS n,
              max(abs(t.spend_usd - (8 + t.series_id % 3) * ip."onDemandUsdPerHour" / 60))::float8 AS diff
       FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id JOIN "Pool" p ON p.id = pm."poolId"
       JOIN "InstancePrice" ip ON ip."instanceType" = p."instanceType" AND ip.region = p.region
       WHERE p."backingKind" = 'asg'
         AND NOT EXISTS (SELECT 1 FROM "CapacityReservation" r WHERE r."poolId" = p.id)
         AND (SELECT count(*) FROM "PoolModel" x WHERE x."poolId" = p.id) = 1`,
    );
    expect(billedFromLaunch[0]!.n).toBeGreaterThan(0);
    expect(billedFromLaunch[0]!.diff).toBeLessThan(1e-9);
    const runs = await getPrisma().telemetryIngestRun.findMany({ orderBy: { id: "asc" } });
    const billed = inputs().reduce(
      (sum, i) => sum + new Set(i.MetricDataQueries!.map((q) => JSON.stringify(q.MetricStat!.Metric))).size,
      0,
    );
    expect(runs.map((r) => [r.source, r.pointsWritten, r.apiRequests, r.metricsRequested, r.error])).toEqual([
      ["cloudwatch", series.length * 358, 3, billed, null],
    ]);
    expect(
      (await getPrisma().telemetrySourceState.findUniqueOrThrow({ where: { source: "cloudwatch" } })).latestMinute,
    ).toEqual(new Date("2026-11-20T11:57:00Z"));
  });

  it("on the next ticks pulls only the newest settled minutes, and nothing when there are none", async () => {
    cw.resetHistory();
    clock = new Date(t0.getTime() + 5 * 60_000);
    const tick = await runIngest({ source, backfillDays: 0.25, now: clock });
    expect(tick.written).toBe(series.length * 5);
    expect(inputs().map((i) => [i.StartTime, i.EndTime])).toEqual(
      Array(3).fill([new Date("2026-11-20T11:58:00Z"), new Date("2026-11-20T12:03:00Z")]),
    );

    cw.resetHistory();
    const idle = await runIngest({ source, backfillDays: 0.25, now: clock });
    expect(idle).toMatchObject({ written: 0, apiRequests: 0, metricsRequested: 0 });
    expect(inputs()).toHaveLength(0);
  });

  it("backfills the gap after downtime and keeps hourly rollups in step", async () => {
    cw.resetHistory();
    clock = new Date(t0.getTime() + 3 * 3_600_000); // 15:00:30; settled up to 14:58
    const result = await runIngest({ source, backfillDays: 0.25, now: clock });
    expect(result.from).toEqual(new Date("2026-11-20T12:03:00Z"));
    expect(result.written).toBe(series.length * 175);
    const rows = await storedRows("2026-11-20T12:03:00Z", "2026-11-20T15:00:00Z");
    expect(rows).toEqual(
      series.flatMap((s) =>
        Array.from({ length: 175 }, (_, i) =>
          expectedRow(s, new Date(Date.parse("2026-11-20T12:03:00Z") + i * 60_000)),
        ),
      ),
    );
    const { rows: rollup } = await getPool().query(
      `SELECT (SELECT sum(minutes)::int FROM telemetry_hourly) AS hourly, (SELECT count(*)::int FROM telemetry_minute) AS minutes,
              (SELECT sum(requests) FROM telemetry_hourly) AS hourly_requests, (SELECT sum(requests::float8) FROM telemetry_minute) AS minute_requests`,
    );
    expect(rollup[0].hourly).toBe(rollup[0].minutes);
    expect(rollup[0].hourly_requests).toBeCloseTo(rollup[0].minute_requests, 6);
  });

  it("writes an overlapping window again without duplicating rows", async () => {
    const before = await storedRows("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z");
    const again = await source.fetchMinutes({
      series,
      from: new Date("2026-11-20T11:00:00Z"),
      to: new Date("2026-11-20T11:10:00Z"),
    });
    expect(again.points).toHaveLength(series.length * 10);
    await writeMinutePoints({ source: "cloudwatch", points: again.points });
    expect(await storedRows("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z")).toEqual(before);
  });
});
