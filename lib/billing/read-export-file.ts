import { gunzipSync } from "node:zlib";
import { CsvSyntaxError, parseCsv } from "./parse-csv";
import { FOCUS_OPTIONAL_COLUMNS, FOCUS_REQUIRED_COLUMNS, type FocusRow, ZFocusRow } from "./focus-row";
import { readParquetRecords } from "./read-parquet-records";

// One export file's bytes (CSV, CSV.gz or Parquet) → validated FOCUS rows, or the first problem with
// the file's name and row. All or nothing: a file with one bad row contributes no rows at all. CSV
// rows are numbered as a spreadsheet shows them (the header is row 1, the first charge row 2);
// Parquet rows from 1, as a Parquet viewer numbers them.

export type ReadExportFileResult =
  { ok: true; rows: { rowNumber: number; row: FocusRow }[] } | { ok: false; error: string; row: number | null };

const COLUMNS: readonly string[] = [...FOCUS_REQUIRED_COLUMNS, ...FOCUS_OPTIONAL_COLUMNS];

const failure = (key: string, row: number | null, message: string): ReadExportFileResult => ({
  ok: false,
  row,
  error: row === null ? `${key}: ${message}` : `${key} row ${row}: ${message}`,
});

export async function readExportFile(args: { key: string; bytes: Uint8Array }): Promise<ReadExportFileResult> {
  const { key } = args;
  if (key.endsWith(".parquet")) {
    let parsed: { header: string[]; records: string[][] };
    try {
      parsed = await readParquetRecords(args.bytes);
    } catch (err) {
      return failure(key, null, `unreadable Parquet (${err instanceof Error ? err.message : String(err)})`);
    }
    return validateRecords({ key, header: parsed.header, records: parsed.records, firstRow: 1 });
  }
  return readCsvFile(args);
}

function readCsvFile(args: { key: string; bytes: Uint8Array }): ReadExportFileResult {
  const { key } = args;
  const fail = (row: number | null, message: string) => failure(key, row, message);
  if (!/\.csv(\.gz)?$/.test(key)) return fail(null, "not a CSV, CSV.gz or Parquet file");
  let text: string;
  try {
    const raw = key.endsWith(".gz") ? gunzipSync(args.bytes) : Buffer.from(args.bytes);
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch (err) {
    return fail(null, `unreadable (${err instanceof Error ? err.message : String(err)})`);
  }
  let records: string[][];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    if (err instanceof CsvSyntaxError) return fail(err.row, err.message);
    throw err;
  }
  const header = records[0];
  if (!header) return fail(null, "empty file (no header)");
  return validateRecords({ key, header, records: records.slice(1), firstRow: 2, headerRow: 1 });
}

function validateRecords(args: {
  key: string;
  header: string[];
  records: string[][];
  /** The number of the first record. */
  firstRow: number;
  /** Where a missing column is reported (CSV: the header's row); null for Parquet's schema. */
  headerRow?: number;
}): ReadExportFileResult {
  const { key, header, records } = args;
  const fail = (row: number | null, message: string) => failure(key, row, message);
  const missing = FOCUS_REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return fail(args.headerRow ?? null, `missing column(s) ${missing.join(", ")}`);
  const index = COLUMNS.map((c) => [c, header.indexOf(c)] as const).filter(([, i]) => i >= 0);
  const rows: { rowNumber: number; row: FocusRow }[] = [];
  for (let r = 0; r < records.length; r++) {
    const record = records[r]!;
    const rowNumber = r + args.firstRow;
    if (record.length !== header.length)
      return fail(rowNumber, `${record.length} fields where the header has ${header.length}`);
    const parsed = ZFocusRow.safeParse(Object.fromEntries(index.map(([c, i]) => [c, record[i]])));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return fail(rowNumber, `${issue.path.join(".") || "row"}: ${issue.message}`);
    }
    rows.push({ rowNumber, row: parsed.data });
  }
  return { ok: true, rows };
}
