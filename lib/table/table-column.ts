import type { ReactNode } from "react";
import type { CsvColumn } from "@/lib/csv";

/** A value a column sorts by: numbers numerically, strings by text; null sorts last either way. */
export type SortValue = number | string | null | undefined;

/**
 * One column of a table, defined once: what the cell shows, how the column sorts, what the
 * substring filter reads and what the CSV writes (lib/table, components/data-table.tsx).
 */
export type TableColumn<T> = {
  /** Stable id, also the URL's sort key (?sort=<id>). */
  id: string;
  /** Header text with its unit ("Spend in range ($)"); also the sort button's name. */
  header: string;
  /** A longer explanation shown on hover. */
  headerTitle?: string;
  cell: (row: T) => ReactNode;
  /** Absent: the column is not sortable. */
  sortValue?: (row: T) => SortValue;
  /** The first click sorts descending (figures: the largest first). Default: numeric columns do. */
  descFirst?: boolean;
  /** Text the table's filter box searches (case-insensitive substring); absent: not searched. */
  filterText?: (row: T) => string | null | undefined;
  /** The CSV columns this column writes (several when the cell shows several figures). */
  csv?: CsvColumn<T>[];
  align?: "left" | "num";
  /** data-field on each cell (tests and e2e locate figures by it). */
  field?: string;
  cellClassName?: (row: T) => string | undefined;
  cellTitle?: (row: T) => string | undefined;
  /**
   * The column's cell in the totals row, from the rows shown (`filtered`: some rows are hidden, so
   * a fleet total would not foot to them). `csv` goes on the CSV's total line under this column's
   * first CSV header.
   */
  total?: (shown: readonly T[], filtered: boolean) => TotalCell;
};

export type TotalCell = { display: ReactNode; csv?: string | number | null; field?: string };

/** A filter of its own for one column, kept in the URL under `param` (?chip=trainium). */
export type ColumnFilter = {
  columnId: string;
  param: string;
  label: string;
  /** With options: a select, matching one word of the column's filter text exactly; without: a substring box. */
  options?: readonly string[];
};
