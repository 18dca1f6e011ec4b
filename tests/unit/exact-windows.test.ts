import { describe, expect, it } from "vitest";
import { fmtDuration, fmtWindow } from "@/components/format";
import { partialMark, rangeDto } from "@/lib/read-model/range-dto";
import { hourlyWindow, monthToDateWindow } from "@/lib/read-model/telemetry-windows";
import { buildTelemetrySumsQuery, planSegments } from "@/lib/telemetry/sql/query-telemetry-sums";
import { isPartialBucket, rangeProblem, resolveRange, windowMinutes } from "@/lib/telemetry/sql/time-range";

// Hand-computed windows: a total sums exactly [from, to) of its label, to the minute; the chart's
// buckets stay aligned to the step, so the first and last may reach outside the window.
const utc = (iso: string) => new Date(`${iso}Z`);
const shape = (segments: ReturnType<typeof planSegments>) =>
  segments.map((s) => `${s.table} ${s.from.toISOString().slice(5, 16)}→${s.to.toISOString().slice(5, 16)}`);
/** Minutes each segment covers, added up: must be the window's minutes, no more. */
const segmentMinutes = (segments: ReturnType<typeof planSegments>) =>
  segments.reduce((a, s) => a + (s.to.getTime() - s.from.getTime()) / 60_000, 0);

describe("a 24 h window ending at :23", () => {
  // The data end is 10:23:40 (the newest stored minute is 10:22, still being followed by 10:23).
  const range = resolveRange({ range: "24h" }, utc("2026-12-05T10:23:40"));

  it("sums 10:23 → 10:23, 1,440 minutes (it used to start at 10:20, 1,443 minutes)", () => {
    expect(range).toMatchObject({
      from: utc("2026-12-04T10:23:00"),
      to: utc("2026-12-05T10:23:00"),
      stepSeconds: 600,
      table: "minute",
    });
    expect(windowMinutes(range)).toBe(1440);
    expect(rangeDto(range)).toMatchObject({
      from: "2026-12-04T10:23:00.000Z",
      to: "2026-12-05T10:23:00.000Z",
      minutes: 1440,
    });
  });

  it("reads 23 whole hours from the rollups and 37 + 23 edge minutes from minute rows", () => {
    const segments = planSegments(range, false);
    expect(shape(segments)).toEqual([
      "hourly 12-04T11:00→12-05T10:00",
      "minute 12-04T10:23→12-04T11:00",
      "minute 12-05T10:00→12-05T10:23",
    ]);
    expect(segmentMinutes(segments)).toBe(23 * 60 + 37 + 23);
  });

  it("charts 10-minute buckets from 10:20: the first (10:23–10:30 summed) and the last (10:20–10:23) are partial", () => {
    expect(shape(planSegments(range, true))).toEqual(["minute 12-04T10:23→12-05T10:23"]);
    expect(isPartialBucket(range, utc("2026-12-04T10:20:00"), 600)).toBe(true);
    expect(isPartialBucket(range, utc("2026-12-04T10:30:00"), 600)).toBe(false);
    expect(isPartialBucket(range, utc("2026-12-05T10:10:00"), 600)).toBe(false);
    expect(isPartialBucket(range, utc("2026-12-05T10:20:00"), 600)).toBe(true);
    expect(partialMark(range, utc("2026-12-05T10:20:00"), 600)).toEqual({ partial: true });
    expect(partialMark(range, utc("2026-12-05T10:10:00"), 600)).toEqual({});
  });

  it("is shown as the page states it", () => {
    expect(`Totals over ${fmtWindow(range.from, range.to)}`).toBe(
      "Totals over 2026-12-04 10:23 → 2026-12-05 10:23 UTC (24 h)",
    );
  });
});

describe("7 days ending mid-hour", () => {
  const range = resolveRange({ range: "7d" }, utc("2026-12-05T10:23:00"));

  it("sums exactly 10,080 minutes (it used to read 10:00 → 11:00, a step past each end)", () => {
    expect(range).toMatchObject({ from: utc("2026-11-28T10:23:00"), to: utc("2026-12-05T10:23:00") });
    expect(range).toMatchObject({ stepSeconds: 3600, table: "hourly" });
    expect(windowMinutes(range)).toBe(7 * 1440);
    expect(fmtWindow(range.from, range.to)).toBe("2026-11-28 10:23 → 2026-12-05 10:23 UTC (7 d)");
  });

  it("reads 167 rollup hours and the two ragged edges, bucketed or not (hour buckets take minute rows whole)", () => {
    const expected = [
      "hourly 11-28T11:00→12-05T10:00",
      "minute 11-28T10:23→11-28T11:00",
      "minute 12-05T10:00→12-05T10:23",
    ];
    expect(shape(planSegments(range, false))).toEqual(expected);
    expect(shape(planSegments(range, true))).toEqual(expected);
    expect(segmentMinutes(planSegments(range, false))).toBe(7 * 1440);
  });

  it("a trailing 7-day window is exact to the minute", () => {
    const end = utc("2026-12-05T10:23:00");
    const runRate = hourlyWindow(new Date(end.getTime() - 7 * 86_400_000), end, 3600);
    expect(runRate).toMatchObject({ from: utc("2026-11-28T10:23:00"), to: end });
    expect(segmentMinutes(planSegments(runRate, false))).toBe(7 * 1440);
  });
});

describe("90 days", () => {
  const range = resolveRange({ range: "90d" }, utc("2026-12-05T10:23:00"));

  it("sums 129,600 minutes from 2026-09-06 10:23 (it used to start at 00:00, 10 h 23 min early)", () => {
    expect(range).toMatchObject({
      from: utc("2026-09-06T10:23:00"),
      to: utc("2026-12-05T10:23:00"),
      stepSeconds: 43200,
      table: "hourly",
    });
    expect(windowMinutes(range)).toBe(90 * 1440);
    expect(fmtDuration(windowMinutes(range))).toBe("90 d");
  });

  it("reads 2,159 hours of rollups and only 60 edge minutes per series, never 90 days of minutes", () => {
    const segments = planSegments(range, true);
    expect(shape(segments)).toEqual([
      "hourly 09-06T11:00→12-05T10:00",
      "minute 09-06T10:23→09-06T11:00",
      "minute 12-05T10:00→12-05T10:23",
    ]);
    const minuteRows = segments.filter((s) => s.table === "minute");
    expect(segmentMinutes(minuteRows)).toBe(60);
    expect(segmentMinutes(segments)).toBe(90 * 1440);
    // The 12-hour buckets: 09-06 00:00 holds 10:23–12:00 only; 12-05 00:00 holds 00:00–10:23 only.
    expect(isPartialBucket(range, utc("2026-09-06T00:00:00"), 43200)).toBe(true);
    expect(isPartialBucket(range, utc("2026-09-06T12:00:00"), 43200)).toBe(false);
    expect(isPartialBucket(range, utc("2026-12-05T00:00:00"), 43200)).toBe(true);
  });
});

describe("a custom range with odd minutes", () => {
  const range = resolveRange(
    { range: "custom", from: "2026-12-01T03:17:00Z", to: "2026-12-02T05:41:59Z" },
    utc("2026-12-05T10:23:00"),
  );

  it("keeps its minutes (seconds dropped): 03:17 → 05:41 the next day, 26 h 24 min", () => {
    expect(range).toMatchObject({
      from: utc("2026-12-01T03:17:00"),
      to: utc("2026-12-02T05:41:00"),
      stepSeconds: 3600,
      table: "hourly",
    });
    expect(windowMinutes(range)).toBe(26 * 60 + 24);
    expect(fmtWindow(range.from, range.to)).toBe("2026-12-01 03:17 → 2026-12-02 05:41 UTC (26 h 24 min)");
  });

  it("reads 25 rollup hours plus 43 and 41 edge minutes", () => {
    const segments = planSegments(range, true);
    expect(shape(segments)).toEqual([
      "hourly 12-01T04:00→12-02T05:00",
      "minute 12-01T03:17→12-01T04:00",
      "minute 12-02T05:00→12-02T05:41",
    ]);
    expect(segmentMinutes(segments)).toBe(25 * 60 + 43 + 41);
  });

  it("refuses a range that is not one whole minute once its seconds are dropped", () => {
    expect(rangeProblem({ range: "custom", from: "2026-12-01T03:17:10Z", to: "2026-12-01T03:17:50Z" })).toBe(
      "a range must span at least one whole minute",
    );
    expect(
      resolveRange(
        { range: "custom", from: "2026-12-01T03:17:10Z", to: "2026-12-01T03:18:00Z" },
        utc("2026-12-05T10:23:00"),
      ),
    ).toMatchObject({ from: utc("2026-12-01T03:17:00"), to: utc("2026-12-01T03:18:00") });
  });
});

describe("a range crossing a UTC day", () => {
  it("6 h ending at 02:23: from 20:23 the day before, hours 21:00–02:00 from the rollups", () => {
    const range = resolveRange({ range: "6h" }, utc("2026-12-05T02:23:00"));
    expect(range).toMatchObject({ from: utc("2026-12-04T20:23:00"), to: utc("2026-12-05T02:23:00") });
    expect(range.stepSeconds).toBe(120);
    expect(shape(planSegments(range, false))).toEqual([
      "hourly 12-04T21:00→12-05T02:00",
      "minute 12-04T20:23→12-04T21:00",
      "minute 12-05T02:00→12-05T02:23",
    ]);
    // 2-minute buckets: 20:22 holds 20:23 only, 02:22 holds 02:22 only.
    expect(isPartialBucket(range, utc("2026-12-04T20:22:00"), 120)).toBe(true);
    expect(isPartialBucket(range, utc("2026-12-05T02:20:00"), 120)).toBe(false);
    expect(isPartialBucket(range, utc("2026-12-05T02:22:00"), 120)).toBe(true);
  });

  it("23:50 → 00:20 holds no whole hour and is read from minute rows alone", () => {
    const range = resolveRange(
      { range: "custom", from: "2026-12-04 23:50", to: "2026-12-05 00:20" },
      utc("2026-12-05T10:23:00"),
    );
    expect(windowMinutes(range)).toBe(30);
    expect(shape(planSegments(range, false))).toEqual(["minute 12-04T23:50→12-05T00:20"]);
    expect(fmtWindow(range.from, range.to)).toBe("2026-12-04 23:50 → 2026-12-05 00:20 UTC (30 min)");
  });

  it("month to date ending at 00:07 on the 1st is seven minutes, all from minute rows", () => {
    const w = monthToDateWindow(utc("2026-12-01T00:07:00"));
    expect(shape(planSegments(w, true))).toEqual(["minute 12-01T00:00→12-01T00:07"]);
  });
});

describe("durations as pages print them", () => {
  it.each([
    [45, "45 min"],
    [60, "1 h"],
    [390, "6 h 30 min"],
    [1440, "24 h"],
    [1584, "26 h 24 min"],
    [10080, "7 d"],
    [3077, "2 d 3 h 17 min"],
  ])("%i minutes → %s", (minutes, text) => {
    expect(fmtDuration(minutes)).toBe(text);
  });
});

describe("an edge older than the minute rows still kept", () => {
  const now = utc("2026-12-05T10:23:00");
  const minutesKeptFrom = utc("2026-08-27T00:00:00"); // 100 days of minutes

  it("is read as the start of its hour (only rollups remain), and the window says so", () => {
    const range = resolveRange({ range: "custom", from: "2026-06-01T10:23:00Z", to: "2026-09-01T07:41:00Z" }, now, {
      minutesKeptFrom,
    });
    expect(range).toMatchObject({ from: utc("2026-06-01T10:00:00"), to: utc("2026-09-01T07:41:00") });
    expect(shape(planSegments(range, false))).toEqual([
      "hourly 06-01T10:00→09-01T07:00",
      "minute 09-01T07:00→09-01T07:41",
    ]);
  });

  it("a 90-day preset stays inside the kept minutes and keeps its own", () => {
    expect(resolveRange({ range: "90d" }, now, { minutesKeptFrom }).from).toEqual(utc("2026-09-06T10:23:00"));
  });

  it("refuses a range that is less than an hour once read by the hour", () => {
    expect(() =>
      resolveRange({ range: "custom", from: "2026-06-01T10:10:00Z", to: "2026-06-01T10:40:00Z" }, now, {
        minutesKeptFrom,
      }),
    ).toThrow(/read by the hour/);
  });
});

describe("the query over several segments", () => {
  const now = utc("2026-12-05T10:23:00");
  const perSeriesMerge = (range: ReturnType<typeof resolveRange>, bucketed: boolean) =>
    buildTelemetrySumsQuery({ range, groupBy: "model", bucketed }).sql.includes("GROUP BY 1, 2, 3");

  it("merges a series' segments only where they can share a bucket", () => {
    // Hour buckets: the minute edges' hours are not read from the rollups, so no merge (the 7-day chart).
    expect(perSeriesMerge(resolveRange({ range: "7d" }, now), true)).toBe(false);
    // 12-hour buckets: the first holds rollup hours and edge minutes of the same series.
    expect(perSeriesMerge(resolveRange({ range: "90d" }, now), true)).toBe(true);
    // Totals: one row per series and segment, merged (a few hundred rows).
    expect(perSeriesMerge(resolveRange({ range: "7d" }, now), false)).toBe(true);
  });
});
