import { toCsv, type CsvColumn, type CsvTotal } from "@/lib/csv";
import type { TableColumn } from "./table-column";

/** The CSV columns of a table, in the table's column order. */
export function csvColumnsOf<T>(columns: readonly TableColumn<T>[]): CsvColumn<T>[] {
  return columns.flatMap((c) => c.csv ?? []);
}

/** The CSV of exactly the rows a table shows, from its column definitions. */
export function tableCsv<T>(columns: readonly TableColumn<T>[], rows: readonly T[], total?: CsvTotal): string {
  return toCsv(csvColumnsOf(columns), [...rows], total);
}

/** The CSV total line from the columns' totals (the first column is labelled "total" by toCsv). */
export function csvTotalOf<T>(
  columns: readonly TableColumn<T>[],
  shown: readonly T[],
  filtered: boolean,
): CsvTotal | undefined {
  const total: CsvTotal = {};
  let any = false;
  for (const c of columns) {
    const header = c.csv?.[0]?.header;
    if (!c.total || !header) continue;
    total[header] = c.total(shown, filtered).csv;
    any = true;
  }
  return any ? total : undefined;
}
