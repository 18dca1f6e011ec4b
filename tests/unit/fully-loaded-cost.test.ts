// Usage vs fully loaded cost per unit, and the idle reserved dollars of a pool serving no model,
// worked by hand (definitions: lib/cost/allocate-idle-reserved.ts).
import { describe, expect, it } from "vitest";
import {
  allocationShares,
  fullyLoadedCostPerUnits,
  unallocatedIdleReserved,
  usageCostPerUnits,
  type ReservationTerm,
} from "@/lib/cost/allocate-idle-reserved";
import { computePoolMinuteCost, type PoolPricing } from "@/lib/cost/pool-minute-cost";

const at = new Date("2026-11-10T12:00:00Z");

describe("fully loaded cost per unit", () => {
  it("allocates a shared pool's idle reserved dollars by each model's share of billed instances", () => {
    // One pool, 10 reserved at $20/h, on demand $30/h. Model A runs 3 instances, model B 1.
    // Covered 4 → spend 4 × 20 = $80/h: A 3/4 = $60/h = $1/min, B $20/h = $1/3 per min.
    // Idle 6 × 20 = $120/h: A 3/4 = $90/h = $1.5/min, B $30/h = $0.5/min.
    const pricing: PoolPricing = {
      onDemandUsdPerHour: 30,
      reservations: [
        { startAt: new Date("2026-01-01Z"), endAt: new Date("2027-01-01Z"), instanceCount: 10, usdPerInstanceHour: 20 },
      ],
    };
    const [a, b] = computePoolMinuteCost({ pricing, at, billedBySeries: [3, 1] });
    expect(a!.spendUsd).toBeCloseTo(1, 12);
    expect(b!.spendUsd).toBeCloseTo(1 / 3, 12);
    expect(a!.idleReservedUsd).toBeCloseTo(1.5, 12);
    expect(b!.idleReservedUsd).toBeCloseTo(0.5, 12);

    // 60 such minutes; A serves 12M tokens, B 2M tokens (quoted per 1M).
    // A: usage $60 / 12M = $5/1M; fully loaded ($60 + $90) / 12M = $12.5/1M.
    // B: usage $20 / 2M = $10/1M; fully loaded ($20 + $30) / 2M = $25/1M.
    expect(usageCostPerUnits(60 * a!.spendUsd, 12e6, 1e6)).toBeCloseTo(5, 10);
    expect(fullyLoadedCostPerUnits(60 * a!.spendUsd, 60 * a!.idleReservedUsd, 12e6, 1e6)).toBeCloseTo(12.5, 10);
    expect(usageCostPerUnits(60 * b!.spendUsd, 2e6, 1e6)).toBeCloseTo(10, 10);
    expect(fullyLoadedCostPerUnits(60 * b!.spendUsd, 60 * b!.idleReservedUsd, 2e6, 1e6)).toBeCloseTo(25, 10);
    // Nothing is lost: the models' spend and idle add up to what the pool pays ($20/h × 10 reserved).
    expect(60 * (a!.spendUsd + b!.spendUsd + a!.idleReservedUsd + b!.idleReservedUsd)).toBeCloseTo(200, 10);
  });

  it("splits equally while the pool bills no instance, and has no cost per unit without units", () => {
    expect(allocationShares([0, 0])).toEqual([0.5, 0.5]);
    expect(allocationShares([2, 6])).toEqual([0.25, 0.75]);
    expect(fullyLoadedCostPerUnits(0, 12, 0, 1e6)).toBeNull();
  });
});

describe("unallocated idle reserved", () => {
  const from = new Date("2026-11-01T00:00:00Z");
  const to = new Date("2026-11-02T00:00:00Z");
  const term = (over: Partial<ReservationTerm>): ReservationTerm => ({
    poolId: "pool-without-model",
    instanceCount: 4,
    usdPerInstanceHour: 10,
    startAt: new Date("2026-10-01T00:00:00Z"),
    endAt: null,
    retiredAt: null,
    ...over,
  });

  it("counts every reserved dollar of pools serving no model, over the window only, and none of pools with models", () => {
    const result = unallocatedIdleReserved({
      reservations: [
        // The whole day: 4 × 24 h × $10 = $960.
        term({}),
        // Starts at 18:00: 2 × 6 h × $5 = $60.
        term({ poolId: null, instanceCount: 2, usdPerInstanceHour: 5, startAt: new Date("2026-11-01T18:00:00Z") }),
        // Cancelled at 03:00 (retired): 1 × 3 h × $8 = $24.
        term({ instanceCount: 1, usdPerInstanceHour: 8, retiredAt: new Date("2026-11-01T03:00:00Z") }),
        // Ended before the window: nothing.
        term({ endAt: new Date("2026-10-31T00:00:00Z") }),
        // A pool that serves a model carries its own idle: not unallocated.
        term({ poolId: "pool-with-model", instanceCount: 100 }),
      ],
      poolsWithModels: new Set(["pool-with-model"]),
      from,
      to,
    });
    expect(result.usd).toBeCloseTo(960 + 60 + 24, 10);
    expect(result.reservedInstanceHours).toBeCloseTo(96 + 12 + 3, 10);
    expect(result.poolIds).toEqual(["(no pool)", "pool-without-model"]);
  });
});
