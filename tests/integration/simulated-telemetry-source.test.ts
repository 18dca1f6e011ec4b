import { describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { SIM_POOLS } from "@/lib/simulator/pools";
import { simulateMinute } from "@/lib/simulator/simulate-minute";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import type { SeriesRef } from "@/lib/telemetry/types";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const from = new Date("2026-11-16T10:00:00Z");
const at = (minutes: number) => new Date(from.getTime() + minutes * 60_000);

describe("simulated telemetry source", () => {
  it("counts instances in service from readyAt (inclusive) to terminatedAt (exclusive), shared by a pool's series", async () => {
    const pool = SIM_POOLS[0]!;
    // [readyAt, terminatedAt) in minutes from `from`; the last one was terminated before it was ready.
    const instances: Array<[number, number | null]> = [
      [-60, null],
      [-60, 5],
      [10, null],
      [12.5, 20],
      [30, 25],
      [-120, -30],
    ];
    await getPrisma().simulatedInstance.createMany({
      data: instances.map(([ready, terminated], k) => ({
        id: `src-test-${k}`,
        poolId: pool.id,
        nodeName: `node-${k}`,
        state: "running",
        launchedAt: at(ready - 1),
        readyAt: at(ready),
        terminatedAt: terminated === null ? null : at(terminated),
      })),
    });
    const ref: SeriesRef = {
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
    const series = [
      ref,
      { ...ref, seriesId: 2, modelId: "other-model" },
      { ...ref, seriesId: 3, poolId: "not-in-the-catalog" },
    ];

    const { points } = await createSimulatedTelemetrySource({ seed: 9 }).fetchMinutes({ series, from, to: at(40) });

    const inService = (m: number) =>
      instances.filter(([ready, terminated]) => ready <= m && m < (terminated ?? Infinity)).length;
    expect([0, 4, 5, 9, 10, 12, 13, 19, 20, 39].map(inService)).toEqual([2, 2, 1, 1, 2, 2, 3, 3, 2, 2]);
    // Billed from launchedAt (a minute before ready here) until terminatedAt.
    const billed = (m: number) =>
      instances.filter(([ready, terminated]) => ready - 1 <= m && m < (terminated ?? Infinity)).length;
    expect([0, 4, 5, 9, 10, 11, 12, 19, 20, 29, 39].map(billed)).toEqual([2, 2, 1, 2, 2, 2, 3, 3, 2, 2, 2]);
    const expected = Array.from({ length: 40 }, (_, m) =>
      [1, 2].map((seriesId) => ({
        seriesId,
        poolId: pool.id,
        ts: at(m),
        ...simulateMinute({ seed: 9, pool, minute: at(m).getTime() / 60_000, instances: inService(m) / 2 }),
        billedInstances: billed(m) / 2,
      })),
    ).flat();
    expect(points).toEqual(expected);
  });
});
