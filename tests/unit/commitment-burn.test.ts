import { describe, expect, it } from "vitest";
import { burnPoints, computeCommitmentBurn } from "@/lib/capacity/commitment-burn-math";
import { planAt, planBreaks } from "@/lib/capacity/commitment-plan";

// Hand-computed cases for the commitment's plan and its burn from the bill (figures defined in
// lib/capacity/commitment-burn-math.ts and commitment-plan.ts).
const utc = (iso: string) => new Date(`${iso}Z`);

describe("the declared yearly plan", () => {
  // 2024 has 366 days, 2025 365; 2024-07-01 is 182 days into 2024, 2025-07-01 181 days into 2025.
  const term = { totalUsd: 1000, startAt: utc("2024-01-01T00:00:00"), endAt: utc("2026-01-01T00:00:00") };

  it("is linear over the term when no year is declared", () => {
    const linear = { ...term, yearlyPlanUsd: null };
    expect(planAt(linear, utc("2024-01-01T00:00:00"))).toBe(0);
    expect(planAt(linear, utc("2024-07-01T00:00:00"))).toBeCloseTo((1000 * 182) / 731, 9);
    expect(planAt(linear, utc("2026-01-01T00:00:00"))).toBeCloseTo(1000, 9);
  });

  it("spreads a declared year over that year, and the rest over the undeclared years", () => {
    const plan = { ...term, yearlyPlanUsd: { "2024": 300 } };
    expect(planAt(plan, utc("2024-07-01T00:00:00"))).toBeCloseTo((300 * 182) / 366, 9); // 149.18…
    expect(planAt(plan, utc("2025-01-01T00:00:00"))).toBeCloseTo(300, 9);
    expect(planAt(plan, utc("2025-07-01T00:00:00"))).toBeCloseTo(300 + (700 * 181) / 365, 9); // 647.12…
    expect(planAt(plan, utc("2026-01-01T00:00:00"))).toBeCloseTo(1000, 9);
    expect(planAt(plan, utc("2030-01-01T00:00:00"))).toBeCloseTo(1000, 9);
    expect(planBreaks(plan)).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1), Date.UTC(2026, 0, 1)]);
  });

  it("ends at the declared sum when every year is declared below the total", () => {
    const plan = { ...term, yearlyPlanUsd: { "2024": 300, "2025": 600 } };
    expect(planAt(plan, utc("2026-01-01T00:00:00"))).toBeCloseTo(900, 9);
  });

  it("spreads a year over its part inside a term that starts mid-year", () => {
    // 2024-07-01 → 2025-07-01: 184 days of 2024, 181 of 2025; 900 rest over 2025's 181 days.
    const plan = {
      totalUsd: 1000,
      startAt: utc("2024-07-01T00:00:00"),
      endAt: utc("2025-07-01T00:00:00"),
      yearlyPlanUsd: { "2024": 100 },
    };
    expect(planAt(plan, utc("2024-10-01T00:00:00"))).toBeCloseTo((100 * 92) / 184, 9); // 50
    expect(planAt(plan, utc("2025-04-01T00:00:00"))).toBeCloseTo(100 + (900 * 90) / 181, 9);
  });
});

describe("the burn from the bill", () => {
  // 2026 (365 days), 36,500 linear: 100 a day. Bill: 2026-01-01 … 01-17 (billedUntil 01-18), day i
  // counted 100 + i with 80 of it the fleet's, day 5 missing (a $0 bill day). Telemetry estimates
  // 01-17 (billed: ignored), 01-18 90, 01-19 95 (whole days), 01-20 50 (half a day, asOf 12:00).
  const term = {
    totalUsd: 36_500,
    startAt: utc("2026-01-01T00:00:00"),
    endAt: utc("2027-01-01T00:00:00"),
    yearlyPlanUsd: null,
  };
  const asOf = utc("2026-01-20T12:00:00");
  const billDays = Array.from({ length: 17 }, (_, k) => k + 1)
    .filter((i) => i !== 5)
    .map((i) => ({ day: new Date(Date.UTC(2026, 0, i)), countedUsd: 100 + i, fleetUsd: 80 }));
  const figures = computeCommitmentBurn({
    term,
    priorSpendUsd: 1000,
    asOf,
    billDays,
    billFrom: utc("2026-01-01T00:00:00"),
    billedUntil: utc("2026-01-18T00:00:00"),
    estimateDays: [
      { day: utc("2026-01-17T00:00:00"), fleetUsd: 1e6, observedMinutes: 1440 },
      { day: utc("2026-01-18T00:00:00"), fleetUsd: 90, observedMinutes: 1440 },
      { day: utc("2026-01-19T00:00:00"), fleetUsd: 95, observedMinutes: 1440 },
      { day: utc("2026-01-20T00:00:00"), fleetUsd: 50, observedMinutes: 720 },
    ],
  });

  it("burns the bill's days, then the estimate plus the other services' mean of the last 7 billed days", () => {
    // Σ (100 + i) for i = 1..17 without day 5: 1,853 − 105 = 1,748. Fleet: 16 days × 80.
    expect(figures.billedUsd).toBe(1748);
    expect(figures.fleetBilledUsd).toBe(1280);
    // Other services on days 11..17: 31..37, mean 34.
    expect(figures.otherServicesUsdPerDay).toBe(34);
    // (90 + 34) + (95 + 34) + (50 + 34)
    expect(figures.estimatedUsd).toBe(337);
    expect(figures.burnedToDateUsd).toBe(1000 + 1748 + 337);
    expect(figures.history.map((d) => d.kind)).toEqual([
      ...Array<string>(17).fill("billed"),
      "estimated",
      "estimated",
      "estimated",
    ]);
    expect(figures.history[4]).toMatchObject({ burnedUsd: 0, kind: "billed" });
    expect(figures.planToDateUsd).toBeCloseTo(1950, 9); // 19.5 days × 100
  });

  it("forecasts at the mean of the newest whole weeks, with the lowest and highest week as the range", () => {
    // 19 complete days before 01-20 → 2 whole weeks: 01-06..01-12 (106..112: 763, 109/day) and
    // 01-13..01-19 (113..117 + 124 + 129: 828, 118.2857…/day). Mean 1,591 / 14.
    expect(figures.rate).toEqual({
      days: 14,
      weeks: 2,
      usdPerDay: expect.closeTo(1591 / 14, 9),
      lowUsdPerDay: expect.closeTo(109, 9),
      highUsdPerDay: expect.closeTo(828 / 7, 9),
    });
    expect(figures.daysLeft).toBe(345.5);
    expect(figures.forecast.mid).toBeCloseTo(3085 + (1591 / 14) * 345.5, 6); // 42,348.61
    expect(figures.forecast.low).toBeCloseTo(3085 + 109 * 345.5, 6); // 40,744.50
    expect(figures.forecast.high).toBeCloseTo(3085 + (828 / 7) * 345.5, 6); // 43,952.71
  });

  it("has no range without a whole week, and nothing from days with neither bill nor telemetry", () => {
    const young = computeCommitmentBurn({
      term,
      priorSpendUsd: 0,
      asOf: utc("2026-01-04T00:00:00"),
      billDays: [],
      billFrom: null,
      billedUntil: null,
      estimateDays: [
        { day: utc("2026-01-02T00:00:00"), fleetUsd: 10, observedMinutes: 1440 },
        { day: utc("2026-01-03T00:00:00"), fleetUsd: 20, observedMinutes: 1440 },
      ],
    });
    expect(young.history.map((d) => d.day.toISOString().slice(0, 10))).toEqual(["2026-01-02", "2026-01-03"]);
    expect(young.burnedToDateUsd).toBe(30);
    expect(young.rate).toEqual({ days: 2, weeks: 0, usdPerDay: 15, lowUsdPerDay: 15, highUsdPerDay: 15 });
    expect(young.forecast.low).toBe(young.forecast.high);
    expect(young.forecast.mid).toBe(30 + 15 * 362); // 01-04 → 2027-01-01: 362 days left
  });

  it("draws the bill and the estimate joined at the boundary, then the forecast range", () => {
    const points = burnPoints({ term, priorSpendUsd: 1000, asOf, figures });
    const at = (iso: string) => points.find((p) => p.t === utc(iso).toISOString());
    expect(points[0]).toMatchObject({ t: "2026-01-01T00:00:00.000Z", plan: 0, billed: 1000, estimated: null });
    expect(at("2026-01-02T00:00:00")).toMatchObject({ billed: 1101 });
    expect(at("2026-01-18T00:00:00")).toMatchObject({ billed: 2748, estimated: 2748 });
    expect(at("2026-01-20T00:00:00")).toMatchObject({ billed: null, estimated: 3001 });
    expect(at("2026-01-20T12:00:00")).toMatchObject({ estimated: 3085, forecast: 3085, forecastLow: 3085 });
    const end = points.at(-1)!;
    expect(end.t).toBe("2027-01-01T00:00:00.000Z");
    expect(end.plan).toBeCloseTo(36_500, 6);
    expect(end.forecastLow).toBeCloseTo(40_744.5, 6);
  });
});
