// A window in which CloudWatch has no datapoints (a pool not publishing yet, an outage upstream of
// CloudWatch) is not requested again on every tick: the watermark moves past settled, empty minutes.
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { parseCloudWatchConfig } from "@/lib/telemetry/cloudwatch/cloudwatch-config";
import { createCloudWatchTelemetrySource } from "@/lib/telemetry/cloudwatch/cloudwatch-telemetry-source";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { getSourceState } from "@/lib/telemetry/store/source-state";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const cw = mockClient(CloudWatchClient);
const t0 = new Date("2026-11-20T12:00:30Z");
let clock = t0;
const source = createCloudWatchTelemetrySource({ config: parseCloudWatchConfig({}), now: () => clock });

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  // Every query answers Complete with no datapoints.
  cw.on(GetMetricDataCommand).callsFake((input: { MetricDataQueries?: Array<{ Id?: string }> }) => ({
    MetricDataResults: (input.MetricDataQueries ?? []).map((q) => ({
      Id: q.Id,
      Timestamps: [],
      Values: [],
      StatusCode: "Complete",
    })),
  }));
  await seedSimulatedFleet({ now: t0 });
});

describe("an empty CloudWatch window", () => {
  it("advances the watermark to the settled end and is not fetched again", async () => {
    const first = await runIngest({ source, backfillDays: 1 / 24, now: clock });
    expect(first.error).toBeUndefined();
    expect(first.written).toBe(0);
    const calls = cw.commandCalls(GetMetricDataCommand).length;
    expect(calls).toBeGreaterThan(0);
    // Settled = two minutes (CLOUDWATCH_SETTLE_SECONDS=120) before the clock, on a minute boundary.
    const state = await getSourceState("cloudwatch");
    expect(state?.latestMinute).toEqual(new Date("2026-11-20T11:57:00Z"));

    // Ten seconds later nothing new has settled: no request at all.
    clock = new Date(t0.getTime() + 10_000);
    await runIngest({ source, backfillDays: 1 / 24, now: clock });
    expect(cw.commandCalls(GetMetricDataCommand).length).toBe(calls);
    const { rows } = await getPool().query("SELECT count(*)::int AS n FROM telemetry_minute");
    expect(rows[0].n).toBe(0);
  });
});
