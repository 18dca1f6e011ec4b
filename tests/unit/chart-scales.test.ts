import { describe, expect, it } from "vitest";
import { logTicks, positiveRange } from "@/lib/charts/log-ticks";
import { widenSpans } from "@/lib/charts/widen-annotations";

describe("logTicks", () => {
  it("covers 14 ms to 3.6 s with 1-2-5 steps, from the tick below to the tick above", () => {
    expect(logTicks(14, 3600)).toEqual([10, 20, 50, 100, 200, 500, 1000, 2000, 5000]);
  });
  it("starts and ends on exact ticks and handles fractions without float drift", () => {
    expect(logTicks(20, 500)).toEqual([20, 50, 100, 200, 500]);
    expect(logTicks(0.3, 0.3)).toEqual([0.2, 0.5]);
    expect(logTicks(0.15, 1.2)).toEqual([0.1, 0.2, 0.5, 1, 2]);
  });
  it("has no ticks for values a log axis cannot show", () => {
    expect(logTicks(0, 100)).toEqual([]);
    expect(logTicks(-1, 100)).toEqual([]);
    expect(logTicks(10, 5)).toEqual([]);
  });
});

describe("positiveRange", () => {
  it("ignores nulls, zeros and other keys, and includes reference values", () => {
    const points = [
      { t: 1, a: 0, b: 40 },
      { t: 2, a: null, b: 900 },
      { t: 3, a: 14, b: 30 },
    ];
    expect(positiveRange(points, ["a", "b"])).toEqual({ min: 14, max: 900 });
    expect(positiveRange(points, ["a"], [2500])).toEqual({ min: 14, max: 2500 });
    expect(positiveRange([{ a: 0 }], ["a"])).toBeNull();
  });
});

describe("widenSpans", () => {
  const domain = { start: 0, end: 86_400_000 }; // 24 h; 1.8 % of it is 1,555,200 ms (25.92 min)
  it("widens a short span about its centre to the minimum share", () => {
    expect(widenSpans([{ from: 43_200_000, to: 43_500_000 }], domain)).toEqual([
      { from: 43_350_000 - 777_600, to: 43_350_000 + 777_600 },
    ]);
  });
  it("keeps a widened span inside the axis and leaves long spans alone", () => {
    expect(widenSpans([{ from: 0, to: 60_000 }], domain)).toEqual([{ from: 0, to: 1_555_200 }]);
    expect(widenSpans([{ from: 86_340_000, to: 86_400_000 }], domain)).toEqual([
      { from: 86_400_000 - 1_555_200, to: 86_400_000 },
    ]);
    expect(widenSpans([{ from: 0, to: 7_200_000 }], domain)).toEqual([{ from: 0, to: 7_200_000 }]);
  });
});
