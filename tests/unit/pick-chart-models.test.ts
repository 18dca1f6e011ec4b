import { describe, expect, it } from "vitest";
import { pickChartModels } from "@/lib/overview/pick-chart-models";

describe("pickChartModels", () => {
  it("keeps the costliest models, ties broken by id, and lists them by id", () => {
    const totals = [
      { key: "m-a", spendUsd: 5 },
      { key: "m-b", spendUsd: 50 },
      { key: "m-c", spendUsd: 20 },
      { key: "m-d", spendUsd: 20 },
      { key: "m-e", spendUsd: 0 },
    ];
    expect(pickChartModels(totals, 3)).toEqual(["m-b", "m-c", "m-d"]);
    expect(pickChartModels(totals, 2)).toEqual(["m-b", "m-c"]);
  });

  it("keeps every model when there are fewer than the limit, and does not reorder its input", () => {
    const totals = [
      { key: "z", spendUsd: 1 },
      { key: "y", spendUsd: 2 },
    ];
    expect(pickChartModels(totals, 12)).toEqual(["y", "z"]);
    expect(totals.map((t) => t.key)).toEqual(["z", "y"]);
  });
});
