import { describe, expect, it } from "vitest";
import { customRangeFormProblem, toUrlInstant, toUtcInputValue } from "@/lib/url/custom-range-input";
import { parseRangeSearch } from "@/lib/url/range-search-params";

// The custom range form: UTC datetime-local values in, the URL's instants out, and the same rule
// as a link for what cannot be applied.
describe("custom range form", () => {
  it.each([
    ["2026-12-04T10:00:00Z", "2026-12-04T10:00"],
    ["2026-12-04T12:30:00+02:00", "2026-12-04T10:30"], // an offset is turned into UTC
    ["2026-12-04 10:00", "2026-12-04T10:00"], // typed with a space: UTC
    ["2026-12-04", "2026-12-04T00:00"],
    ["2026-12-04T23:59:59.9Z", "2026-12-04T23:59"], // to the minute, as ranges are read
    ["2026-12-04T00:30-01:00", "2026-12-04T01:30"],
  ])("%s fills the field with %s (UTC)", (text, value) => {
    expect(toUtcInputValue(text)).toBe(value);
  });

  it.each([["yesterday"], ["04/12/2026"], [""], ["2026-13-01 10:00"]])("%o is not an instant", (text) => {
    expect(toUtcInputValue(text)).toBeNull();
  });

  it("applies a field's value as an explicit UTC instant that a link reads back the same", () => {
    expect(toUrlInstant("2026-12-04T10:00")).toBe("2026-12-04T10:00Z");
    const parsed = parseRangeSearch({
      range: "custom",
      from: toUrlInstant("2026-12-04T10:00"),
      to: toUrlInstant("2026-12-05T06:15"),
    });
    expect(parsed).toEqual({
      params: { range: "custom", from: "2026-12-04T10:00:00Z", to: "2026-12-05T06:15:00Z" },
      notice: null,
    });
  });

  it("says inline what is wrong, in the words a link would get", () => {
    expect(customRangeFormProblem("2026-12-05T00:00", "2026-12-04T00:00")).toBe("from must be before to");
    expect(customRangeFormProblem("2026-12-04T10:00", "2026-12-04T10:00")).toBe("from must be before to");
    expect(customRangeFormProblem("", "2026-12-04T00:00")).toBe("pick both From and To (From is empty)");
    expect(customRangeFormProblem("2026-12-04T00:00", "")).toBe("pick both From and To (To is empty)");
    expect(customRangeFormProblem("2024-01-01T00:00", "2026-12-04T00:00")).toBe("a range may span at most 455 days");
    expect(customRangeFormProblem("2026-12-04T00:00", "2026-12-04T00:01")).toBeNull();
  });
});
