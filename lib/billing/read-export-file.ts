import { gunzipSync } from "node:zlib";
import { CsvSyntaxError, parseCsv } from "./parse-csv";
import { FOCUS_OPTIONAL_COLUMNS, FOCUS_REQUIRED_COLUMNS, type FocusRow, ZFocusRow } from "./focus-row";

// One export file's bytes → validated FOCUS rows, or the first problem with the file's name and
// row. All or nothing: a file with one bad row contributes no rows at all. Rows are numbered as a
// spreadsheet shows them: the header is row 1, the first charge row 2.

export type ReadExportFileResult =
  { ok: true; rows: { rowNumber: number; row: FocusRow }[] } | { ok: false; error: string; row: number | null };

const COLUMNS: readonly string[] = [...FOCUS_REQUIRED_COLUMNS, ...FOCUS_OPTIONAL_COLUMNS];

export function readExportFile(args: { key: string; bytes: Uint8Array }): ReadExportFileResult {
  const { key } = args;
  const fail = (row: number | null, message: string): ReadExportFileResult => ({
    ok: false,
    row,
    error: row === null ? `${key}: ${message}` : `${key} row ${row}: ${message}`,
  });
  if (!/\.csv(\.gz)?$/.test(key)) return fail(null, "not a CSV or CSV.gz file");
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
  const missing = FOCUS_REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return fail(1, `missing column(s) ${missing.join(", ")}`);
  const index = COLUMNS.map((c) => [c, header.indexOf(c)] as const).filter(([, i]) => i >= 0);
  const rows: { rowNumber: number; row: FocusRow }[] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!;
    const rowNumber = r + 1;
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
