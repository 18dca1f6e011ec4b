import { describe, expect, it } from "vitest";
import { computeRunCost, tokensPerUsd } from "@/lib/training/run-cost";

const at = (iso: string) => new Date(iso);

describe("computeRunCost", () => {
  // A block of 8 instances at $11.00/instance-hour from 11:30 to 23:30. The run holds 10 instances
  // from 09:30 to 23:30 (on-demand $21.50). Hand-computed:
  //   inside the block: 12 h × min(10, 8) = 96 instance-hours × $11.00 = $1,056.00
  //   overflow inside the block: 12 h × 2 = 24 instance-hours
  //   before the block opens: 2 h × 10 = 20 instance-hours
  //   on-demand: 44 instance-hours × $21.50 = $946.00; total $2,002.00
  const block = {
    startAt: at("2026-12-01T11:30:00Z"),
    endAt: at("2026-12-01T23:30:00Z"),
    instanceCount: 8,
    usdPerInstanceHour: 11,
  };
  it("prices block hours at the block price and overflow and outside hours on-demand", () => {
    const c = computeRunCost({
      instances: 10,
      startedAt: at("2026-12-01T09:30:00Z"),
      endAt: at("2026-12-01T23:30:00Z"),
      reservation: block,
      onDemandUsdPerHour: 21.5,
    });
    expect(c.reservedInstanceHours).toBeCloseTo(96, 9);
    expect(c.onDemandInstanceHours).toBeCloseTo(44, 9);
    expect(c.reservedUsd).toBeCloseTo(1056, 9);
    expect(c.onDemandUsd).toBeCloseTo(946, 9);
    expect(c.totalUsd).toBeCloseTo(2002, 9);
  });

  it("a run past the block's end pays on-demand for the hours after it", () => {
    // 4 instances, 22:30 → 01:00 next day: 1 h in the block (4 × $11 = $44), 1.5 h after (6 × $21.50 = $129).
    const c = computeRunCost({
      instances: 4,
      startedAt: at("2026-12-01T22:30:00Z"),
      endAt: at("2026-12-02T01:00:00Z"),
      reservation: block,
      onDemandUsdPerHour: 21.5,
    });
    expect(c.reservedUsd).toBeCloseTo(44, 9);
    expect(c.onDemandUsd).toBeCloseTo(129, 9);
    expect(c.totalUsd).toBeCloseTo(173, 9);
  });

  it("all on-demand without a reservation; unknown without an on-demand price", () => {
    const args = {
      instances: 2,
      startedAt: at("2026-12-01T00:00:00Z"),
      endAt: at("2026-12-01T03:00:00Z"),
      reservation: null,
    };
    expect(computeRunCost({ ...args, onDemandUsdPerHour: 10 }).totalUsd).toBeCloseTo(60, 9);
    const unknown = computeRunCost({ ...args, onDemandUsdPerHour: null });
    expect(unknown.onDemandUsd).toBeNull();
    expect(unknown.totalUsd).toBeNull();
  });

  it("needs no on-demand price when the block covers every instance-hour", () => {
    const c = computeRunCost({
      instances: 8,
      startedAt: at("2026-12-01T12:00:00Z"),
      endAt: at("2026-12-01T14:00:00Z"),
      reservation: block,
      onDemandUsdPerHour: null,
    });
    expect(c.totalUsd).toBeCloseTo(176, 9);
  });
});

describe("tokensPerUsd", () => {
  it("divides tokens by dollars and never divides by an unknown or zero cost", () => {
    expect(tokensPerUsd(2_002_000, 2002)).toBe(1000);
    expect(tokensPerUsd(5, 0)).toBeNull();
    expect(tokensPerUsd(5, null)).toBeNull();
  });
});
