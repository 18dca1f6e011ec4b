import { describe, expect, it } from "vitest";
import { computeDrift } from "@/lib/billing/compare-billed";

// Drift on hand-computed cases: $ and % against the estimate, the % threshold and the dollar floor
// both required, nothing when a side is missing.
const t = { thresholdPct: 5, thresholdUsd: 10 };

describe("computeDrift", () => {
  it("billed 1,060 vs estimated 1,000: +60 $, +6 %, over both lines", () => {
    expect(computeDrift({ billedUsd: 1060, estimatedUsd: 1000, ...t })).toEqual({
      driftUsd: 60,
      driftPct: 6,
      overThreshold: true,
    });
  });
  it("billed 970 vs 1,000: −3 % is under the % line", () => {
    expect(computeDrift({ billedUsd: 970, estimatedUsd: 1000, ...t })).toEqual({
      driftUsd: -30,
      driftPct: -3,
      overThreshold: false,
    });
  });
  it("billed 108 vs 100: 8 % but only 8 $, under the dollar floor", () => {
    expect(computeDrift({ billedUsd: 108, estimatedUsd: 100, ...t }).overThreshold).toBe(false);
  });
  it("billed 25 with an estimate of 0: no %, over (a bill the telemetry never saw)", () => {
    expect(computeDrift({ billedUsd: 25, estimatedUsd: 0, ...t })).toEqual({
      driftUsd: 25,
      driftPct: null,
      overThreshold: true,
    });
  });
  it("no bill yet, or no estimate: no drift", () => {
    expect(computeDrift({ billedUsd: null, estimatedUsd: 1000, ...t })).toEqual({
      driftUsd: null,
      driftPct: null,
      overThreshold: false,
    });
    expect(computeDrift({ billedUsd: 50, estimatedUsd: null, ...t }).driftUsd).toBeNull();
  });
});
