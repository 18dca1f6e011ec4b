import type { ColumnFilter, TableColumn } from "./table-column";

export type FilterState = {
  /** The filter box: every whitespace-separated term must occur in some searchable column. */
  q?: string;
  /** Per-column filters by param name (ColumnFilter.param). */
  columns?: Record<string, string | undefined>;
};

const norm = (s: string | null | undefined) => (s ?? "").toLowerCase();

/**
 * The rows the filters let through. Matching is case-insensitive substring ("east" finds
 * us-east-1 and us-east-2), except a column filter with options, which matches one of the column's
 * words exactly (a model on "trainium graviton" pools is found under either family).
 */
export function filterRows<T>(
  rows: readonly T[],
  columns: readonly TableColumn<T>[],
  filters: readonly ColumnFilter[],
  state: FilterState,
): T[] {
  const searchable = columns.filter((c) => c.filterText);
  const terms = norm(state.q).split(/\s+/).filter(Boolean);
  const active = filters.flatMap((f) => {
    const value = norm(state.columns?.[f.param]).trim();
    const column = columns.find((c) => c.id === f.columnId);
    return value && column?.filterText ? [{ f, value, text: column.filterText }] : [];
  });
  return rows.filter((row) => {
    for (const { f, value, text } of active) {
      const cell = norm(text(row));
      if (f.options ? !cell.split(/[\s,]+/).includes(value) : !cell.includes(value)) return false;
    }
    if (terms.length === 0) return true;
    const haystack = searchable.map((c) => norm(c.filterText!(row)));
    return terms.every((t) => haystack.some((h) => h.includes(t)));
  });
}
