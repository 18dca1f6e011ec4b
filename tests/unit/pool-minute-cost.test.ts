import { describe, expect, it } from "vitest";
import { activeReservation, computePoolMinuteCost, costPerUnits, type PoolPricing } from "@/lib/cost/pool-minute-cost";

const at = new Date("2026-11-01T12:00:00Z");
const reservation = (count: number, rate: number, start = "2026-01-01T00:00:00Z", end = "2027-01-01T00:00:00Z") => ({
  startAt: new Date(start),
  endAt: new Date(end),
  instanceCount: count,
  usdPerInstanceHour: rate,
});

describe("computePoolMinuteCost", () => {
  it("bills reserved hours at the reserved rate and the rest on demand", () => {
    // 10 in service, 8 reserved at $20/h, on-demand $30/h: (8×20 + 2×30) / 60 = $3.6667 per minute
    const pricing: PoolPricing = { onDemandUsdPerHour: 30, reservations: [reservation(8, 20)] };
    const [cost] = computePoolMinuteCost({ pricing, at, billedBySeries: [10] });
    expect(cost!.spendUsd).toBeCloseTo(220 / 60, 10);
    expect(cost!.idleReservedUsd).toBe(0);
    expect(cost!.reservedInstances).toBe(8);
  });

  it("counts reserved instances nobody runs as idle dollars", () => {
    // 4 in service, 16 reserved at $27.4/h: spend 4×27.4/60, idle 12×27.4/60
    const pricing: PoolPricing = { onDemandUsdPerHour: 44.7, reservations: [reservation(16, 27.4)] };
    const [cost] = computePoolMinuteCost({ pricing, at, billedBySeries: [4] });
    expect(cost!.spendUsd).toBeCloseTo(109.6 / 60, 10);
    expect(cost!.idleReservedUsd).toBeCloseTo(328.8 / 60, 10);
  });

  it("ignores reservations outside their window and weights mixed rates by count", () => {
    const pricing: PoolPricing = {
      onDemandUsdPerHour: 10,
      reservations: [
        reservation(2, 4),
        reservation(2, 8),
        reservation(100, 1, "2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"),
      ],
    };
    expect(activeReservation(pricing, at)).toEqual({ count: 4, usdPerInstanceHour: 6 });
    // 5 in service: 4 × $6 + 1 × $10 = $34/h
    const [cost] = computePoolMinuteCost({ pricing, at, billedBySeries: [5] });
    expect(cost!.spendUsd * 60).toBeCloseTo(34, 10);
  });

  it("splits a shared pool by instance share, and equally when nothing runs", () => {
    const pricing: PoolPricing = { onDemandUsdPerHour: 30, reservations: [reservation(6, 12)] };
    const costs = computePoolMinuteCost({ pricing, at, billedBySeries: [3, 1] });
    // 4 in service, all reserved: $48/h split 3:1; idle 2 × $12/h split 3:1
    expect(costs.map((c) => c.spendUsd * 60)).toEqual([expect.closeTo(36, 10), expect.closeTo(12, 10)]);
    expect(costs.map((c) => c.idleReservedUsd * 60)).toEqual([expect.closeTo(18, 10), expect.closeTo(6, 10)]);
    const idle = computePoolMinuteCost({ pricing, at, billedBySeries: [0, 0] });
    expect(idle.map((c) => c.idleReservedUsd * 60)).toEqual([expect.closeTo(36, 10), expect.closeTo(36, 10)]);
    expect(idle.every((c) => c.spendUsd === 0)).toBe(true);
  });

  it("quotes cost per unit at the unit's scale and refuses zero units", () => {
    expect(costPerUnits(50, 10_000_000, 1_000_000)).toBeCloseTo(5, 10);
    expect(costPerUnits(3, 2_000, 1_000)).toBeCloseTo(1.5, 10);
    expect(costPerUnits(3, 0, 1_000)).toBeNull();
  });
});
