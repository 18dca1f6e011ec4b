// Telemetry coverage of a review window: expected and present series-minutes, worked out by hand.
import { describe, expect, it } from "vitest";
import { telemetryCoverage } from "@/lib/capacity/telemetry-coverage";

const at = (hhmm: string) => new Date(`2026-11-01T${hhmm}:00Z`);

describe("telemetryCoverage", () => {
  it("expects each series from its first report (or its pool's inventory date) to its pool's retirement", () => {
    const c = telemetryCoverage({
      from: at("00:00"),
      to: at("10:00"), // 600 minutes
      series: [
        // Reported before the window: expected all 600 minutes; 528 stored.
        { key: "a|p1", startAt: new Date("2026-10-01T00:00:00Z"), stopAt: null, presentMinutes: 528 },
        // First report at 04:30: expected 04:30–10:00 = 330 minutes; all stored.
        { key: "a|p2", startAt: at("04:30"), stopAt: null, presentMinutes: 330 },
        // Pool retired at 02:00: expected 120 minutes; 120 stored (rows after it are not counted).
        { key: "a|p3", startAt: new Date("2026-10-01T00:00:00Z"), stopAt: at("02:00"), presentMinutes: 150 },
        // Never reported, pool inventoried at 09:00: expected 60 minutes, none stored.
        { key: "a|p4", startAt: at("09:00"), stopAt: null, presentMinutes: 0 },
        // Starts after the window: not expected at all.
        { key: "a|p5", startAt: at("11:00"), stopAt: null, presentMinutes: 0 },
      ],
    });
    // Expected 600 + 330 + 120 + 60 = 1,110; present 528 + 330 + 120 + 0 = 978; 978 / 1,110 = 88.108… %.
    expect(c).toMatchObject({
      expectedSeriesMinutes: 1110,
      presentSeriesMinutes: 978,
      series: 4,
      silentSeries: 1,
      warnBelowPct: 95,
    });
    expect(c.coveragePct).toBeCloseTo(88.108108, 5);
  });

  it("is null when nothing was expected to report", () => {
    expect(telemetryCoverage({ from: at("00:00"), to: at("01:00"), series: [] }).coveragePct).toBeNull();
  });
});
