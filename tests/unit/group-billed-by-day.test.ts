import { describe, expect, it } from "vitest";
import { groupByChipFamilyDay, groupByModelDay } from "@/lib/billing/group-billed-by-day";

// Hand-computed: pool A (trainium) serves models m1 and m2, pool B (trainium) m1, pool C (graviton) m3.
const rows = [
  { day: "2026-12-01", poolId: "A", chipFamily: "trainium", billedUsd: 120, estimatedUsd: 100 },
  { day: "2026-12-01", poolId: "B", chipFamily: "trainium", billedUsd: 30, estimatedUsd: null },
  { day: "2026-12-01", poolId: "C", chipFamily: "graviton", billedUsd: null, estimatedUsd: 8 },
  { day: "2026-12-02", poolId: "A", chipFamily: "trainium", billedUsd: null, estimatedUsd: 50 },
];
const modelEstimates = [
  { day: "2026-12-01", poolId: "A", modelId: "m1", estimatedUsd: 75 },
  { day: "2026-12-01", poolId: "A", modelId: "m2", estimatedUsd: 25 },
  { day: "2026-12-01", poolId: "C", modelId: "m3", estimatedUsd: 8 },
  { day: "2026-12-02", poolId: "A", modelId: "m1", estimatedUsd: 50 },
];

describe("billed vs estimated per chip family and model, per day", () => {
  it("sums a chip family's pool rows, keeping a side null when no row has it", () => {
    expect(groupByChipFamilyDay(rows)).toEqual([
      { day: "2026-12-01", key: "graviton", billedUsd: null, estimatedUsd: 8 },
      // billed 120 + 30; estimated 100 (B has none)
      { day: "2026-12-01", key: "trainium", billedUsd: 150, estimatedUsd: 100 },
      { day: "2026-12-02", key: "trainium", billedUsd: null, estimatedUsd: 50 },
    ]);
  });

  it("splits a pool-day's bill by the models' shares of its estimate, equally without one", () => {
    const poolModels = new Map([
      ["A", ["m1", "m2"]],
      ["B", ["m1"]],
      ["C", ["m3"]],
    ]);
    expect(groupByModelDay({ rows, modelEstimates, poolModels })).toEqual([
      // m1: A's 120 × 75/100 = 90, plus all of B's 30 (no estimate; B serves only m1) = 120; estimated 75.
      { day: "2026-12-01", key: "m1", billedUsd: 120, estimatedUsd: 75 },
      // m2: 120 × 25/100 = 30.
      { day: "2026-12-01", key: "m2", billedUsd: 30, estimatedUsd: 25 },
      { day: "2026-12-01", key: "m3", billedUsd: null, estimatedUsd: 8 },
      { day: "2026-12-02", key: "m1", billedUsd: null, estimatedUsd: 50 },
    ]);
  });
});
