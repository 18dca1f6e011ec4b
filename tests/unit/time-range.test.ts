import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  normalizeUtcInstant,
  rangeCacheKey,
  rangeProblem,
  resolveRange,
  ZRangeParams,
} from "@/lib/telemetry/sql/time-range";
import { parseRangeSearch, rangeSearchOf } from "@/lib/url/range-search-params";

const now = new Date("2026-11-22T18:37:00Z");

describe("resolveRange", () => {
  it("answers up to 24 h from the minute table and longer ranges from hourly rollups", () => {
    expect(resolveRange({ range: "1h" }, now)).toMatchObject({
      table: "minute",
      stepSeconds: 60,
      to: now,
      from: new Date("2026-11-22T17:37:00Z"),
    });
    expect(resolveRange({ range: "24h" }, now)).toMatchObject({ table: "minute", stepSeconds: 600 });
    const week = resolveRange({ range: "7d" }, now);
    expect(week).toMatchObject({
      table: "hourly",
      stepSeconds: 3600,
      from: new Date("2026-11-15T18:37:00Z"),
      to: now,
    });
    expect(resolveRange({ range: "90d" }, now)).toMatchObject({ table: "hourly", stepSeconds: 43200 });
  });

  it("refuses custom ranges that are reversed, incomplete or longer than 455 days", () => {
    const bad = [
      { range: "custom" as const, from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z" },
      { range: "custom" as const, from: "2026-11-02T00:00:00Z" },
      { range: "custom" as const, from: "2024-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" },
      { range: "24h" as const, from: "2026-11-01T00:00:00Z" },
    ];
    for (const params of bad) expect(() => resolveRange(params, now)).toThrow(AppError);
  });

  it("keeps a custom range's own minutes rather than aligning it to its buckets", () => {
    const r = resolveRange({ range: "custom", from: "2026-11-01T00:07:00Z", to: "2026-11-03T00:00:00Z" }, now);
    expect(r).toMatchObject({
      table: "hourly",
      stepSeconds: 3600,
      from: new Date("2026-11-01T00:07:00Z"),
      to: new Date("2026-11-03T00:00:00Z"),
    });
  });
});

describe("sparkStepSeconds", () => {
  it("gives the pools table ~24 sparkline buckets whether the range ends on an even or odd minute", async () => {
    const { sparkStepSeconds } = await import("@/lib/pools/list-pools");
    for (const now of ["2026-11-22T22:38:00Z", "2026-11-22T22:37:00Z"]) {
      expect(sparkStepSeconds(resolveRange({ range: "6h" }, new Date(now))), now).toBe(900);
      expect(sparkStepSeconds(resolveRange({ range: "24h" }, new Date(now))), now).toBe(3600);
    }
    expect(sparkStepSeconds(resolveRange({ range: "1h" }, new Date("2026-11-22T22:37:00Z")))).toBe(300);
  });
});

describe("instants as people type them (UTC)", () => {
  it.each([
    ["2026-12-04", "2026-12-04T00:00:00Z"],
    ["2026-12-04 10:00", "2026-12-04T10:00:00Z"],
    [" 2026-12-04T10:00 ", "2026-12-04T10:00:00Z"],
    ["2026-12-04 10:00:30.5", "2026-12-04T10:00:30.5Z"],
    ["2026-12-04T10:00:00+01:00", "2026-12-04T10:00:00+01:00"], // an explicit offset is kept
    ["2026-12-04T10:00Z", "2026-12-04T10:00:00Z"], // ISO 8601 without seconds (the custom range form's)
    ["2026-12-04 10:00+0200", "2026-12-04T10:00:00+02:00"],
    ["2026-12-04t10:00z", "2026-12-04T10:00:00Z"],
    ["yesterday", "yesterday"], // left for the ISO check to refuse
  ])("%s → %s", (typed, normalized) => {
    expect(normalizeUtcInstant(typed)).toBe(normalized);
  });

  it("the API's schema accepts them and refuses the rest", () => {
    expect(ZRangeParams.parse({ range: "custom", from: "2026-12-04 10:00", to: "2026-12-05" })).toEqual({
      range: "custom",
      from: "2026-12-04T10:00:00Z",
      to: "2026-12-05T00:00:00Z",
    });
    // One window, one cache entry: the key keeps instants to the minute, in UTC.
    const written = ZRangeParams.parse({ range: "custom", from: "2026-12-04T12:00:37+02:00", to: "2026-12-05" });
    expect(rangeCacheKey({ modelId: "m", params: written })).toEqual({
      modelId: "m",
      params: { range: "custom", from: "2026-12-04T10:00:00.000Z", to: "2026-12-05T00:00:00.000Z" },
    });
    expect(rangeCacheKey({ range: "24h" })).toEqual({ range: "24h" });
    expect(ZRangeParams.safeParse({ range: "custom", from: "04/12/2026" }).success).toBe(false);
  });
});

describe("a bad range in a link", () => {
  it.each([
    [{ range: "abc" }, 'range: "abc" is not one of 1h, 6h, 24h, 7d, 30d, 90d, custom'],
    [{ range: "custom", from: "2026-11-01T00:00:00Z" }, "a custom range needs both from and to (to missing)"],
    [{ range: "custom", to: "2026-11-01T00:00:00Z" }, "a custom range needs both from and to (from missing)"],
    [{ range: "custom" }, "a custom range needs both from and to (from and to missing)"],
    [
      { range: "custom", from: "04/12/2026", to: "2026-12-05" },
      'from: "04/12/2026" is not a date and time: use 2026-12-04 10:00 (UTC) or ISO 8601',
    ],
    [{ range: "custom", from: "2026-12-04 10:00", to: "2026-12-04 10:00:30" }, /at least one whole minute/],
    [{ range: "custom", from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z" }, /from must be before to/],
    [{ range: "6h", to: "2026-11-01T00:00:00Z" }, /only allowed with range=custom/],
  ])("%o falls back to the default range with a notice", (search, notice) => {
    const parsed = parseRangeSearch(search);
    expect(parsed.params).toEqual({ range: "24h" });
    if (typeof notice === "string") expect(parsed.notice).toBe(notice);
    else expect(parsed.notice).toMatch(notice);
  });

  it("a time typed with a space (2026-12-04 10:00) is a good one, read as UTC", () => {
    expect(parseRangeSearch({ range: "custom", from: "2026-12-04 10:00", to: "2026-12-04 16:30" })).toEqual({
      params: { range: "custom", from: "2026-12-04T10:00:00Z", to: "2026-12-04T16:30:00Z" },
      notice: null,
    });
  });

  it("a good one has no notice, and links keep only its range fields", () => {
    const search = { range: "custom", from: "2026-11-01 00:00", to: "2026-11-02", sort: "p95" };
    expect(parseRangeSearch(search)).toEqual({
      params: { range: "custom", from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z" },
      notice: null,
    });
    expect(rangeSearchOf(search)).toBe("range=custom&from=2026-11-01+00%3A00&to=2026-11-02");
    expect(rangeSearchOf({ sort: "p95" })).toBe("");
  });

  it("the API refuses what a page falls back from, with the same words", () => {
    expect(rangeProblem({ range: "custom", from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z" })).toBe(
      "from must be before to",
    );
    expect(() =>
      resolveRange({ range: "custom", from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z" }, new Date()),
    ).toThrow("from must be before to");
  });
});
