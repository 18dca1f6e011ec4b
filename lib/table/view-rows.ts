import { filterRows } from "./filter-rows";
import { sortRows } from "./sort-rows";
import type { ColumnFilter, TableColumn } from "./table-column";
import type { TableState } from "./table-search-params";

/** The rows a table shows for a state: filtered, then sorted. */
export function viewRows<T>(
  rows: readonly T[],
  columns: readonly TableColumn<T>[],
  filters: readonly ColumnFilter[],
  state: TableState,
): T[] {
  const kept = filterRows(rows, columns, filters, { q: state.q, columns: state.columns });
  return sortRows(
    kept,
    columns.find((c) => c.id === state.sort),
    state.dir,
  );
}

/** Whether a state hides rows (a total of all rows would then not foot to those shown). */
export const isFiltered = (state: TableState) => state.q.trim() !== "" || Object.keys(state.columns).length > 0;
