import type { SortValue, TableColumn } from "./table-column";

export type SortDir = "asc" | "desc";

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** -1/0/1 for two non-null values: numbers numerically, anything else as text ("pool-9" < "pool-10"). */
function compareValues(a: number | string, b: number | string): number {
  if (typeof a === "number" && typeof b === "number") return a === b ? 0 : a < b ? -1 : 1;
  return collator.compare(String(a), String(b));
}

const isMissing = (v: SortValue): v is null | undefined =>
  v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));

/**
 * The rows in the column's order. Missing values (null, undefined, NaN) go last in both
 * directions: "no data" is never the best or the worst figure. Ties keep the input order.
 */
export function sortRows<T>(rows: readonly T[], column: TableColumn<T> | undefined, dir: SortDir): T[] {
  const value = column?.sortValue;
  if (!value) return [...rows];
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((a, b) => {
      const am = isMissing(a.v);
      const bm = isMissing(b.v);
      if (am || bm) return am && bm ? a.index - b.index : am ? 1 : -1;
      return sign * compareValues(a.v as number | string, b.v as number | string) || a.index - b.index;
    })
    .map((x) => x.row);
}
