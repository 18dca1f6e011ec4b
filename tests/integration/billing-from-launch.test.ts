// EC2 bills an instance from launch (pending → running) until it terminates, not from the moment
// it is ready: an instance booting for 7 minutes is billed those 7 minutes and serves nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { SIM_POOLS } from "@/lib/simulator/pools";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { prepareMinuteBatch } from "@/lib/telemetry/store/prepare-minute-batch";
import type { SeriesRef } from "@/lib/telemetry/types";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const from = new Date("2026-11-18T10:00:00Z");
const at = (minutes: number) => new Date(from.getTime() + minutes * 60_000);
// A pool without reservations: every billed minute is on demand.
const pool = SIM_POOLS.find((p) => p.reservedInstances === 0)!;

beforeAll(async () => {
  await seedSimulatedFleet({ now: new Date("2026-11-01T00:00:00Z") });
  // Only the instance under test: launched at minute 0, ready at minute 7, still running.
  await getPrisma().simulatedInstance.deleteMany({ where: { poolId: pool.id } });
  await getPrisma().simulatedInstance.create({
    data: {
      id: "boot-test-0",
      poolId: pool.id,
      nodeName: "boot-test-node",
      state: "running",
      launchedAt: at(0),
      readyAt: at(7),
    },
  });
});

describe("billing from launch", () => {
  it("bills the 7 booting minutes at the on-demand rate while they serve nothing", async () => {
    const series: SeriesRef = {
      seriesId: 1,
      poolId: pool.id,
      modelId: pool.modelId,
      region: pool.region,
      availabilityZone: pool.availabilityZone,
      instanceType: pool.instanceType,
      chipFamily: pool.chipFamily,
      backingKind: pool.backingKind,
      backingId: pool.backingId,
      clusterName: pool.clusterName,
      desiredCapacity: pool.desiredCapacity,
    };
    const { points } = await createSimulatedTelemetrySource({ seed: 3 }).fetchMinutes({
      series: [series],
      from: at(0),
      to: at(10),
    });
    expect(points.map((p) => p.billedInstances)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(points.map((p) => p.instances)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(points.slice(0, 7).every((p) => p.requests === 0 && p.units === 0)).toBe(true);

    // The on-demand price straight from its row, not through the pricing code.
    const { rows } = await getPool().query<{ usd: number }>(
      `SELECT ip."onDemandUsdPerHour" AS usd FROM "Pool" p
       JOIN "InstancePrice" ip ON ip."instanceType" = p."instanceType" AND ip.region = p.region
       WHERE p.id = $1`,
      [pool.id],
    );
    const usdPerMinute = rows[0]!.usd / 60;
    const { costs } = await prepareMinuteBatch(points);
    const spend = [...costs.spendUsd];
    for (let m = 0; m < 10; m++) expect(spend[m]).toBeCloseTo(usdPerMinute, 10);
    // 10 billed minutes, of which 7 booting: 10/60 of an hour, not the 3/60 billing from ready gave.
    expect(spend.reduce((a, b) => a + b, 0)).toBeCloseTo((10 * rows[0]!.usd) / 60, 9);
    expect([...costs.idleReservedUsd]).toEqual(Array(10).fill(0));
  });
});
