// Throttling through the SDK's own retry strategy, observed at the HTTP boundary (below the retry
// middleware, which aws-sdk-client-mock's `send` stub would skip), and what a long outage does to
// the store, the health endpoint and the banner.
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getHealthRoute } from "@/app/api/health/route";
import { TelemetryBanner } from "@/components/telemetry-banner";
import { getPool, getPrisma } from "@/lib/db";
import { getHealth } from "@/lib/health/get-health";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { SIM_POOLS } from "@/lib/simulator/pools";
import { createCloudWatchClient } from "@/lib/telemetry/cloudwatch/cloudwatch-client";
import { parseCloudWatchConfig } from "@/lib/telemetry/cloudwatch/cloudwatch-config";
import { createCloudWatchTelemetrySource } from "@/lib/telemetry/cloudwatch/cloudwatch-telemetry-source";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { useTestDatabase } from "../setup/test-database";
import { fakeCloudWatchHttp } from "./fake-cloudwatch";

useTestDatabase();

const config = parseCloudWatchConfig({ CLOUDWATCH_MAX_ATTEMPTS: "3", CLOUDWATCH_EC2_PERIOD_SECONDS: "60" });
let throttleNext = 0;
let outage = false;
const http = fakeCloudWatchHttp({ throttle: () => outage || (throttleNext > 0 && throttleNext-- > 0) });
const clients = new Map<string, CloudWatchClient>();
const clientFor = ({ region }: { region: string }) => {
  if (!clients.has(region)) {
    const overrides = {
      requestHandler: http.handler,
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" },
    };
    clients.set(region, createCloudWatchClient({ region, retry: config.retry, overrides }));
  }
  return clients.get(region)!;
};
const t0 = new Date("2026-11-20T12:00:30Z");
let clock = t0;
const source = createCloudWatchTelemetrySource({ config, clientFor, now: () => clock });
const HOUR_DAYS = 1 / 24;
const series = SIM_POOLS.length;

async function storeSnapshot() {
  const { rows } = await getPool().query(
    `SELECT count(*)::int AS n, count(DISTINCT (series_id, ts))::int AS distinct_keys, sum(requests::float8) AS requests,
            min(ts) AS first, max(ts) AS last FROM telemetry_minute`,
  );
  const state = await getPrisma().telemetrySourceState.findUnique({ where: { source: "cloudwatch" } });
  return { ...rows[0], latestMinute: state?.latestMinute ?? null, lastError: state?.lastError ?? null };
}

beforeAll(async () => {
  process.env.TELEMETRY_SOURCE = "cloudwatch"; // read by the health check, which reports the configured source
  await seedSimulatedFleet({ now: t0 });
});

describe("CloudWatch throttling", () => {
  it("retries ThrottlingException twice with the configured strategy, then stores the data once", async () => {
    throttleNext = 2;
    const result = await runIngest({ source, backfillDays: HOUR_DAYS, now: t0 });
    expect(result.error).toBeUndefined();

    // us-east-1's call went out three times (the SDK's attempt header counts them), then one call per other region.
    expect(http.requests.map((r) => [r.attemptHeader, r.throttled])).toEqual([
      ["attempt=1; max=3", true],
      ["attempt=2; max=3", true],
      ["attempt=3; max=3", false],
      ["attempt=1; max=3", false],
      ["attempt=1; max=3", false],
    ]);
    expect(http.requests[1]!.body).toEqual(http.requests[0]!.body);
    expect(http.requests[2]!.body).toEqual(http.requests[0]!.body);

    // 11:00..11:57: the last two minutes wait for CloudWatch to settle.
    const minutes = 58;
    expect(result.written).toBe(series * minutes);
    expect(result.apiRequests).toBe(3);
    const snapshot = await storeSnapshot();
    expect(snapshot).toMatchObject({
      n: series * minutes,
      distinct_keys: series * minutes,
      first: new Date("2026-11-20T11:00:00Z"),
      last: new Date("2026-11-20T11:57:00Z"),
    });
    expect(snapshot.latestMinute).toEqual(new Date("2026-11-20T11:57:00Z"));
    const runs = await getPrisma().telemetryIngestRun.findMany({ where: { source: "cloudwatch" } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      pointsWritten: series * minutes,
      apiRequests: 3,
      metricsRequested: result.metricsRequested,
      error: null,
    });
  });

  it("on a lasting outage leaves the store untouched while lag grows, reported by /api/health and the banner", async () => {
    const before = await storeSnapshot();
    outage = true;
    const sentBefore = http.requests.length;
    const t1 = new Date(t0.getTime() + 10 * 60_000);
    clock = t1;
    const failed = await runIngest({ source, backfillDays: HOUR_DAYS, now: t1 });
    expect(failed.error).toMatch(/Rate exceeded/);
    expect(failed.written).toBe(0);
    // The SDK gave up after the configured 3 attempts; the run stopped at its first failed call.
    expect(http.requests.slice(sentBefore).map((r) => r.attemptHeader)).toEqual([
      "attempt=1; max=3",
      "attempt=2; max=3",
      "attempt=3; max=3",
    ]);
    expect(await storeSnapshot()).toEqual({ ...before, lastError: failed.error });

    const health1 = await getHealth(t1);
    // Newest stored minute 11:57 ends 11:58; it is 12:10:30.
    expect(health1).toMatchObject({
      status: "degraded",
      telemetry: { source: "cloudwatch", lagSeconds: 750, lastError: failed.error },
    });

    const t2 = new Date(t1.getTime() + 30 * 60_000);
    clock = t2;
    expect((await runIngest({ source, backfillDays: HOUR_DAYS, now: t2 })).error).toMatch(/Rate exceeded/);
    expect((await storeSnapshot()).n).toBe(before.n);
    const health2 = await getHealth(t2);
    expect(health2.telemetry.lagSeconds).toBe(750 + 1800);

    const response = await getHealthRoute(new Request("http://localhost/api/health"));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      status: "degraded",
      telemetry: { source: "cloudwatch", latestMinute: "2026-11-20T11:57:00.000Z", lastError: failed.error },
    });
    expect(body.telemetry.lagSeconds).toBeGreaterThan(health2.telemetry.lagSeconds!);

    const banner = renderToStaticMarkup(
      createElement(TelemetryBanner, {
        lagSeconds: health2.telemetry.lagSeconds,
        dataThrough: "2026-11-20T11:58:00.000Z",
        source: "cloudwatch",
        latencyMethod: "",
      }),
    );
    expect(banner).toContain("Telemetry is stale: the newest data from the cloudwatch source is 43 min old.");
    // The newest stored minute, 11:57, ends at 11:58: that is what the data is as of.
    expect(banner).toContain("Data as of 2026-11-20 11:58 UTC");
  });

  it("fills the gap once CloudWatch answers again and clears the error", async () => {
    outage = false;
    const t3 = new Date(t0.getTime() + 60 * 60_000); // 13:00:30
    clock = t3;
    const result = await runIngest({ source, backfillDays: HOUR_DAYS, now: t3 });
    expect(result.error).toBeUndefined();
    expect(result.from).toEqual(new Date("2026-11-20T12:00:00Z")); // backfill window is 1 h: 11:58 and 11:59 fell out of it
    expect(result.written).toBe(series * 58);
    const after = await storeSnapshot();
    expect(after).toMatchObject({ last: new Date("2026-11-20T12:57:00Z"), lastError: null, distinct_keys: after.n });
    expect((await getHealth(t3)).status).toBe("ok");
  });
});
