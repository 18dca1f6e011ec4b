import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fmtChangePct, fmtCostPerUnit, fmtUsd, fmtUsdCompact, fmtUsdPerHour, fmtUsdPrice } from "@/components/format";
import { footCents, footUsd } from "@/lib/money/foot";
import { centsToUsd, toCents, usd, usdOrNull, usdToCents, ZUsd } from "@/lib/money/usd";
import { toCsv } from "@/lib/csv";

describe("rounding once to the cent", () => {
  it("rounds half away from zero through integer cents", () => {
    expect(usd(1.005)).toBe("1.01"); // stored as 1.00499999999999989…; the decimal is what counts
    expect(usd(2.675)).toBe("2.68");
    expect(usd(-2.675)).toBe("-2.68");
    expect(usd(0.125)).toBe("0.13");
    expect(usd(-0.125)).toBe("-0.13");
    expect(usd(0.1 + 0.2)).toBe("0.30");
    expect(usd(-0.004)).toBe("0.00"); // no "-0.00"
    expect(usd(0)).toBe("0.00");
    expect(usd(7)).toBe("7.00");
    expect(usd(1234567.891)).toBe("1234567.89");
  });

  it("leaves no float drift in the API (the issue's -130524.00000000001)", () => {
    expect(usd(-130524.00000000001)).toBe("-130524.00");
    expect(toCents(-130524.00000000001)).toBe(-13052400);
    expect(ZUsd.safeParse(usd(-130524.00000000001)).success).toBe(true);
  });

  it("keeps null as null and refuses what is not an amount", () => {
    expect(usdOrNull(null)).toBeNull();
    expect(usdOrNull(3.333)).toBe("3.33");
    expect(() => usd(Number.NaN)).toThrow();
    expect(ZUsd.safeParse("12.5").success).toBe(false);
    expect(ZUsd.safeParse("1,234.56").success).toBe(false);
    expect(ZUsd.safeParse("-0.05").success).toBe(true);
  });

  it("converts between cents and decimal strings exactly", () => {
    expect(centsToUsd(-5)).toBe("-0.05");
    expect(centsToUsd(123456)).toBe("1234.56");
    expect(usdToCents("-0.05")).toBe(-5);
    expect(usdToCents("1234.56")).toBe(123456);
  });
});

describe("footing: rows rounded by largest remainder add up to the total rounded once", () => {
  it("foots where rounding each row would not", () => {
    // Three rows of $0.005: each rounds to $0.01 alone (Σ $0.03), the total $0.015 rounds to $0.02.
    expect([0.005, 0.005, 0.005].map(usd)).toEqual(["0.01", "0.01", "0.01"]);
    expect(footUsd([0.005, 0.005, 0.005])).toEqual({ rows: ["0.01", "0.01", "0.00"], total: "0.02" });
    // $10.333 ×3 = $30.999 → $31.00; truncated 1033 ×3 = 3099 cents, the missing cent goes to the
    // first of the equal remainders.
    expect(footUsd([10.333, 10.333, 10.333])).toEqual({ rows: ["10.34", "10.33", "10.33"], total: "31.00" });
    // Remainders .6, .7, .2 cents over 1.016, 2.027, 3.002 (Σ 6.045 → 6.05): truncated 101+202+300 = 603,
    // two cents missing go to the largest remainders (row 2 with .7, then row 1 with .6).
    expect(footCents([1.016, 2.027, 3.002])).toEqual({ rows: [102, 203, 300], total: 605 });
  });

  it("foots rows of mixed sign (a credit among charges)", () => {
    // 5.555 − 2.224 + 1.111 = 4.442 → 444 cents; truncated 555 − 222 + 111 = 444: nothing to hand out.
    expect(footCents([5.555, -2.224, 1.111])).toEqual({ rows: [555, -222, 111], total: 444 });
    // 0.006 − 0.004 = 0.002 → 0 cents; truncated 0 + 0 = 0.
    expect(footCents([0.006, -0.004])).toEqual({ rows: [0, 0], total: 0 });
    // −0.006 − 0.006 = −0.012 → −1 cent; truncated 0 + 0, one cent taken from the first most negative remainder.
    expect(footCents([-0.006, -0.006])).toEqual({ rows: [-1, 0], total: -1 });
  });

  it("has an empty table's total at zero", () => {
    expect(footUsd([])).toEqual({ rows: [], total: "0.00" });
  });

  it("property: rows always sum to the total, each row within a cent of its amount", () => {
    const amount = fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 40 }), (amounts) => {
        const { rows, total } = footCents(amounts);
        expect(rows.reduce((s, c) => s + c, 0)).toBe(total);
        expect(total).toBe(toCents(amounts.reduce((s, a) => s + a, 0)));
        rows.forEach((c, i) => expect(Math.abs(c - amounts[i]! * 100)).toBeLessThan(1 + 1e-6));
      }),
      { numRuns: 500 },
    );
  });

  it("property: rows never exceed a total of non-negative amounts", () => {
    const amount = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 40 }), (amounts) => {
        const { rows, total } = footCents(amounts);
        rows.forEach((c) => expect(c).toBeLessThanOrEqual(total));
        rows.forEach((c) => expect(c).toBeGreaterThanOrEqual(0));
      }),
      { numRuns: 500 },
    );
  });
});

describe("one formatter", () => {
  it("writes every amount with thousands separators and two decimals", () => {
    expect(fmtUsd("5797.80")).toBe("$5,797.80");
    expect(fmtUsd("9390.55")).toBe("$9,390.55");
    expect(fmtUsd("36123.40")).toBe("$36,123.40"); // was "$36.1k" in a table
    expect(fmtUsd("-130524.00")).toBe("-$130,524.00");
    expect(fmtUsd("0.05")).toBe("$0.05");
    expect(fmtUsd("1234567.00")).toBe("$1,234,567.00");
    expect(fmtUsd(1.005)).toBe("$1.01");
    expect(fmtUsd(null)).toBe("—");
    expect(fmtUsdPerHour("328.80")).toBe("$328.80/h");
  });

  it("keeps compact amounts for chart axes and 4 significant digits for prices", () => {
    expect(fmtUsdCompact(36123.4)).toBe("$36.1k");
    expect(fmtUsdCompact(950.4)).toBe("$950");
    expect(fmtUsdCompact(1_250_000)).toBe("$1.25M");
    expect(fmtUsdPrice(27.4)).toBe("$27.40");
    expect(fmtUsdPrice(0.41234)).toBe("$0.4123");
    expect(fmtUsdPrice(0.000412345)).toBe("$0.0004123");
    expect(fmtUsdPrice(1234.5)).toBe("$1,234.50");
    expect(fmtCostPerUnit(0.41234, "$/1M tokens")).toBe("$0.4123 /1M tokens");
    expect(fmtChangePct("110.00", "100.00")).toBe("+10.0 %");
  });
});

describe("CSV", () => {
  it("writes amounts as plain numbers, negative ones unquoted, and a total line", () => {
    const rows = [
      { id: "a", spend: "1234.56" },
      { id: "b", spend: "-0.05" },
    ];
    const csv = toCsv(
      [
        { header: "model", value: (r: (typeof rows)[number]) => r.id },
        { header: "spend_usd", value: (r: (typeof rows)[number]) => r.spend },
      ],
      rows,
      { spend_usd: "1234.51" },
    );
    expect(csv).toBe("model,spend_usd\r\na,1234.56\r\nb,-0.05\r\ntotal,1234.51\r\n");
    // Still guarded: text that only starts like a number is not one.
    expect(toCsv([{ header: "x", value: () => "-1+2" }], [{}])).toBe("x\r\n'-1+2\r\n");
  });
});
