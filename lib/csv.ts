// CSV per RFC 4180: quote fields containing a comma, quote or newline; double inner quotes.
// Cells starting with = + - @ (or a tab / carriage return) are prefixed with ' so spreadsheets don't run them as formulas;
// a plain decimal number ("-12.50", an API dollar amount) is data, not a formula, and is written as is.
// Numbers are plain: no "$", no thousands separators; units are in the header (spend_usd, spend_usd_per_hour).
export type CsvColumn<T> = { header: string; value: (row: T) => string | number | null | undefined };

/** A table's total line: values by column header (a column absent is left empty), first column labelled "total". */
export type CsvTotal = Record<string, string | number | null | undefined>;

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  let s = String(v);
  if (typeof v === "string" && !PLAIN_NUMBER.test(s) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: T[], total?: CsvTotal): string {
  const lines = [columns.map((c) => cell(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(","));
  if (total)
    lines.push(columns.map((c, i) => cell(i === 0 ? (total[c.header] ?? "total") : total[c.header])).join(","));
  return lines.join("\r\n") + "\r\n";
}
