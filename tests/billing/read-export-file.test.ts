// The CSV reader and the file validation on hand-written bytes: RFC 4180 quoting, and each kind of
// damage reported with the file's name and the row a spreadsheet would show.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, parseCsv } from "@/lib/billing/parse-csv";
import { readExportFile } from "@/lib/billing/read-export-file";
import { parquetWriteBuffer } from "hyparquet-writer";
import { focusCsv, hourRow } from "./focus-fixture";

const KEY = "x/data/BILLING_PERIOD=2026-12/f.csv.gz";
const row = hourRow(2, 5, { ResourceId: "i-0123456789abcdef0", ListCost: "1", BilledCost: "1", EffectiveCost: "0.8" });

describe("parseCsv", () => {
  it("reads quoted commas, doubled quotes, line breaks inside quotes, CRLF and LF", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["two\nlines", ""],
    ]);
  });
  it("refuses an unterminated quote and a quote inside a field, with the record number", () => {
    expect(() => parseCsv('a,b\n1,2\n"3,4\n')).toThrow(new CsvSyntaxError("unterminated quoted field", 3));
    expect(() => parseCsv('a,b\n1,2"\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\n1,2"\n');
    } catch (err) {
      expect((err as CsvSyntaxError).row).toBe(2);
    }
  });
});

describe("readExportFile", () => {
  const gz = (text: string) => new Uint8Array(gzipSync(text));
  it("reads a valid file into typed rows numbered from 2", async () => {
    const result = await readExportFile({ key: KEY, bytes: gz(focusCsv([row])) });
    expect(result.ok && result.rows.map((r) => [r.rowNumber, r.row.EffectiveCost, r.row.ChargePeriodStart])).toEqual([
      [2, "0.8", new Date("2026-12-02T05:00:00Z")],
    ]);
  });
  it("names the file and row of each kind of damage", async () => {
    const cases: [string, Uint8Array, string][] = [
      ["bad gzip", new Uint8Array([1, 2, 3]), `${KEY}: unreadable (incorrect header check)`],
      [
        "missing column",
        gz("ChargePeriodStart,ListCost\n"),
        `${KEY} row 1: missing column(s) BillingPeriodStart, ChargePeriodEnd, ChargeCategory, ServiceName, ResourceId, EffectiveCost, BilledCost`,
      ],
      [
        "short row",
        gz(focusCsv([row, row]).replace(/,RunInstances\r\n$/, "\r\n")),
        `${KEY} row 3: 18 fields where the header has 19`,
      ],
      [
        "bad date",
        gz(focusCsv([row, { ...row, ChargePeriodEnd: "yesterday" }])),
        `${KEY} row 3: ChargePeriodEnd: not a UTC timestamp`,
      ],
      [
        "bad category",
        gz(focusCsv([{ ...row, ChargeCategory: "Refund" }])),
        `${KEY} row 2: ChargeCategory: Invalid option: expected one of "Usage"|"Purchase"|"Tax"|"Credit"|"Adjustment"`,
      ],
      ["bad tags", gz(focusCsv([{ ...row, Tags: "[1]" }])), `${KEY} row 2: Tags: Tags is not a JSON object of strings`],
    ];
    for (const [name, bytes, error] of cases) {
      const result = await readExportFile({ key: KEY, bytes });
      expect(result.ok ? name : [name, result.error]).toEqual([name, error]);
    }
  });
});

describe("readExportFile, Parquet (written here by hyparquet-writer)", () => {
  const PKEY = "x/data/BILLING_PERIOD=2026-12/part-0.snappy.parquet";
  const parquet = (effective: number[], starts: Date[]) =>
    new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: "BillingPeriodStart", data: starts.map(() => new Date("2026-12-01T00:00:00Z")), type: "TIMESTAMP" },
          { name: "ChargePeriodStart", data: starts, type: "TIMESTAMP" },
          { name: "ChargePeriodEnd", data: starts.map((d) => new Date(d.getTime() + 3_600_000)), type: "TIMESTAMP" },
          { name: "ChargeCategory", data: starts.map(() => "Usage"), type: "STRING" },
          { name: "ServiceName", data: starts.map(() => "Amazon Elastic Compute Cloud"), type: "STRING" },
          { name: "ResourceId", data: starts.map((_, i) => `i-000000000000000${i}`), type: "STRING" },
          { name: "ListCost", data: starts.map(() => 12.5), type: "DOUBLE" },
          { name: "BilledCost", data: effective, type: "DOUBLE" },
          { name: "EffectiveCost", data: effective, type: "DOUBLE" },
          { name: "CapacityReservationStatus", data: starts.map((_, i) => (i === 0 ? "Used" : null)), type: "STRING" },
          {
            name: "Tags",
            data: starts.map(() => ({ "aws:autoscaling:groupName": "atlas-asg" })),
            type: "JSON",
          },
          { name: "x_Discounts", data: starts.map(() => "{}"), type: "STRING" },
        ],
      }),
    );

  it("reads typed rows numbered from 1: timestamps, decimals, empty cells as null, Tags as an object", async () => {
    const starts = [new Date("2026-12-02T05:00:00Z"), new Date("2026-12-02T06:00:00Z")];
    const result = await readExportFile({ key: PKEY, bytes: parquet([9.375, 10], starts) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(
      result.rows.map((r) => [
        r.rowNumber,
        r.row.ChargePeriodStart.toISOString(),
        r.row.EffectiveCost,
        r.row.ListCost,
        r.row.CapacityReservationStatus,
        r.row.Tags,
      ]),
    ).toEqual([
      [1, "2026-12-02T05:00:00.000Z", "9.375", "12.5", "Used", { "aws:autoscaling:groupName": "atlas-asg" }],
      [2, "2026-12-02T06:00:00.000Z", "10", "12.5", null, { "aws:autoscaling:groupName": "atlas-asg" }],
    ]);
  });

  it("names the file and row of a bad row, and refuses bytes that are not Parquet", async () => {
    const starts = [new Date("2026-12-02T05:00:00Z"), new Date("2026-12-02T06:00:00Z")];
    const bad = await readExportFile({ key: PKEY, bytes: parquet([9.375, Number.NaN], starts) });
    expect(bad).toEqual({ ok: false, row: 2, error: `${PKEY} row 2: BilledCost: not a decimal number` });
    const garbage = await readExportFile({ key: PKEY, bytes: new Uint8Array([1, 2, 3, 4]) });
    expect(garbage.ok ? "" : garbage.error).toMatch(
      /^x\/data\/BILLING_PERIOD=2026-12\/part-0\.snappy\.parquet: unreadable Parquet/,
    );
  });
});
