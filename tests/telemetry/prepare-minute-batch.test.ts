// Pricing a batch groups its points by (pool, minute) whatever their order, splitting a
// pool-minute's cost between the series it serves; dense batches (a backfill chunk) and sparse
// ones (late points scattered over weeks) take different lookups and must agree.
import { beforeAll, describe, expect, it } from "vitest";
import { computePoolMinuteCost } from "@/lib/cost/pool-minute-cost";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { SIM_POOLS } from "@/lib/simulator/pools";
import { loadPoolPricing } from "@/lib/cost/load-pool-pricing";
import { prepareMinuteBatch } from "@/lib/telemetry/store/prepare-minute-batch";
import type { TelemetryMinutePoint } from "@/lib/telemetry/types";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const [shared, single] = [
  SIM_POOLS.find((p) => p.reservedInstances > 0)!,
  SIM_POOLS.find((p) => p.reservedInstances === 0)!,
];

function point(seriesId: number, poolId: string, ts: string, instances: number): TelemetryMinutePoint {
  return {
    seriesId,
    poolId,
    ts: new Date(ts),
    utilizationPct: 50,
    latencyP50Ms: 10,
    latencyP95Ms: 20,
    latencyP99Ms: 30,
    requests: 100,
    units: 1000,
    instances,
  };
}

/** The costs each point should get: its (pool, minute) group priced with the group's instances. */
async function expectedCosts(points: TelemetryMinutePoint[]) {
  const pricing = await loadPoolPricing([...new Set(points.map((p) => p.poolId))]);
  return points.map((p) => {
    const group = points.filter((q) => q.poolId === p.poolId && q.ts.getTime() === p.ts.getTime());
    const split = computePoolMinuteCost({
      pricing: pricing.get(p.poolId)!,
      at: p.ts,
      billedBySeries: group.map((q) => q.instances),
    });
    return split[group.indexOf(p)]!;
  });
}

async function pricedCosts(points: TelemetryMinutePoint[]) {
  const batch = await prepareMinuteBatch(points);
  return points.map((_, i) => ({
    reservedInstances: batch.costs.reservedInstances[i],
    spendUsd: batch.costs.spendUsd[i],
    idleReservedUsd: batch.costs.idleReservedUsd[i],
  }));
}

beforeAll(async () => {
  await seedSimulatedFleet({ now: new Date("2026-11-20T00:00:00Z") });
});

describe("prepareMinuteBatch", () => {
  it("splits each pool-minute between the series of that pool and minute, in any input order (dense batch)", async () => {
    // Two series on one pool (3 and 1 instances: a 3:1 split), one on another, two minutes, shuffled.
    const points = [
      point(2, shared.id, "2026-11-19T10:01:00Z", 1),
      point(7, single.id, "2026-11-19T10:00:00Z", 4),
      point(1, shared.id, "2026-11-19T10:00:00Z", 3),
      point(7, single.id, "2026-11-19T10:01:00Z", 5),
      point(2, shared.id, "2026-11-19T10:00:00Z", 1),
      point(1, shared.id, "2026-11-19T10:01:00Z", 6),
    ];
    const priced = await pricedCosts(points);
    expect(priced).toEqual(await expectedCosts(points));
    // The split is by share of instances: series 1 pays three times series 2 in minute 10:00.
    expect(priced[2]!.spendUsd).toBeCloseTo(3 * priced[4]!.spendUsd!, 12);
    expect(priced[2]!.spendUsd).toBeGreaterThan(0);
  });

  it("prices sparse batches (points weeks apart) the same way", async () => {
    const points = [
      point(1, shared.id, "2026-10-01T00:00:00Z", 2),
      point(7, single.id, "2026-11-19T23:59:00Z", 3),
      point(2, shared.id, "2026-10-01T00:00:00Z", 2),
      point(1, shared.id, "2026-11-19T23:59:00Z", 8),
    ];
    expect(await pricedCosts(points)).toEqual(await expectedCosts(points));
  });

  it("orders the batch by time, then series, for the write", async () => {
    const points = [
      point(2, shared.id, "2026-11-19T10:01:00Z", 1),
      point(9, single.id, "2026-11-19T10:00:00Z", 1),
      point(1, shared.id, "2026-11-19T10:01:00Z", 1),
    ];
    const batch = await prepareMinuteBatch(points);
    expect([...batch.order]).toEqual([1, 2, 0]);
  });

  it("refuses a point for a pool it has no price for", async () => {
    await expect(prepareMinuteBatch([point(1, "no-such-pool", "2026-11-19T10:00:00Z", 1)])).rejects.toThrow(
      /unknown pool no-such-pool/,
    );
  });
});
