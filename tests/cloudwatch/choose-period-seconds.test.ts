import { describe, expect, it } from "vitest";
import { alignToPeriod, choosePeriodSeconds } from "@/lib/telemetry/cloudwatch/choose-period-seconds";

const DAY = 86_400_000;
const now = new Date("2026-11-20T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);

describe("choosePeriodSeconds", () => {
  it.each([
    [1 / 24, 60],
    [15, 60],
    [15 + 1 / 1440, 300],
    [60, 300],
    [63, 300],
    [63 + 1 / 1440, 3600],
    [120, 3600],
    [455, 3600],
  ])("data from %f days back → %i s", (days, period) => {
    expect(choosePeriodSeconds({ from: daysAgo(days), to: now, now })).toBe(period);
  });

  it("judges by the oldest point, not by the range's length", () => {
    expect(choosePeriodSeconds({ from: daysAgo(20), to: daysAgo(19.9), now })).toBe(300);
  });

  it("rejects an empty range", () => {
    expect(() => choosePeriodSeconds({ from: now, to: now, now })).toThrow(/empty range/);
  });
});

describe("alignToPeriod", () => {
  it("snaps StartTime down and EndTime up to whole periods", () => {
    expect(
      alignToPeriod({
        from: new Date("2026-11-20T11:02:00Z"),
        to: new Date("2026-11-20T11:58:00Z"),
        periodSeconds: 300,
      }),
    ).toEqual({
      startTime: new Date("2026-11-20T11:00:00Z"),
      endTime: new Date("2026-11-20T12:00:00Z"),
    });
    expect(
      alignToPeriod({
        from: new Date("2026-11-20T11:02:00Z"),
        to: new Date("2026-11-20T11:58:00Z"),
        periodSeconds: 60,
      }),
    ).toEqual({
      startTime: new Date("2026-11-20T11:02:00Z"),
      endTime: new Date("2026-11-20T11:58:00Z"),
    });
  });
});
