// A tick whose window (re-read included) spans UTC midnight is one fetch, not one per day: split at
// the day boundary, every metric was asked (and billed) twice. Checked at the wire (the HTTP
// stand-in), with the rows of both days stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billGetMetricData } from "@/bench/cloudwatch-wire-bill";
import { getPool } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { createCloudWatchClient } from "@/lib/telemetry/cloudwatch/cloudwatch-client";
import { parseCloudWatchConfig } from "@/lib/telemetry/cloudwatch/cloudwatch-config";
import { createCloudWatchTelemetrySource } from "@/lib/telemetry/cloudwatch/cloudwatch-telemetry-source";
import { listSeries } from "@/lib/telemetry/list-series";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { startFakeCloudWatchHttp } from "../aws-standins/fake-cloudwatch-http";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const config = parseCloudWatchConfig({ CLOUDWATCH_EC2_PERIOD_SECONDS: "60" }); // one period: one call per region
let fake: Awaited<ReturnType<typeof startFakeCloudWatchHttp>>;
let clock = new Date("2026-11-20T23:50:30Z");

beforeAll(async () => {
  // Every metric has a datapoint every minute, so every asked minute becomes a row.
  fake = await startFakeCloudWatchHttp({
    datapoints: (q, { startTime, endTime }) => {
      const points: Array<[number, number]> = [];
      for (let t = Math.ceil(startTime / q.period) * q.period; t < endTime; t += q.period) points.push([t, 5]);
      return points;
    },
  });
  await seedSimulatedFleet({ now: clock });
});
afterAll(() => fake.close());

describe("a tick across UTC midnight", () => {
  it("fetches its window in one call per region and stores the minutes of both days", async () => {
    const clientFor = ({ region }: { region: string }) =>
      createCloudWatchClient({
        region,
        retry: config.retry,
        overrides: { endpoint: fake.url, credentials: { accessKeyId: "test", secretAccessKey: "test" } },
      });
    const source = createCloudWatchTelemetrySource({ config, clientFor, now: () => clock });
    const tick = () => runIngest({ source, backfillDays: 1 / 24, now: clock, rereadMinutes: 15 });
    expect((await tick()).error).toBeUndefined(); // complete until 23:48 (settle 120 s): latest minute 23:47
    fake.requests.length = 0;

    clock = new Date("2026-11-21T00:05:30Z"); // new minutes 23:48 … 00:02, re-read from 23:33; settled to 00:03
    const result = await tick();
    expect(result.error).toBeUndefined();
    const regions = new Set((await listSeries()).map((s) => s.region));
    expect(regions.size).toBe(3);
    expect(
      fake.requests.map((r) => [
        r.region,
        new Date(r.startTime * 1000).toISOString(),
        new Date(r.endTime * 1000).toISOString(),
      ]),
    ).toEqual([...regions].sort().map((region) => [region, "2026-11-20T23:33:00.000Z", "2026-11-21T00:03:00.000Z"]));
    expect(billGetMetricData(fake.requests).calls).toBe(3);
    const { rows } = await getPool().query<{ day1: number; day2: number }>(
      `SELECT count(DISTINCT ts) FILTER (WHERE ts >= '2026-11-20T23:48:00Z' AND ts < '2026-11-21T00:00:00Z')::int AS day1,
              count(DISTINCT ts) FILTER (WHERE ts >= '2026-11-21T00:00:00Z')::int AS day2
       FROM telemetry_minute`,
    );
    expect(rows[0]).toEqual({ day1: 12, day2: 3 }); // 23:48 … 23:59 and 00:00 … 00:02
  });
});
