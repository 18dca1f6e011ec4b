"use client";
import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { SortDir } from "@/lib/table/sort-rows";
import type { ColumnFilter, TableColumn } from "@/lib/table/table-column";
import { parseTableState, tableStateChanges, type TableState } from "@/lib/table/table-search-params";

/**
 * A table's sort and filters in the URL. Changes replace the history entry without a server round
 * trip (Next keeps useSearchParams in step with history.replaceState): they only rearrange rows
 * already loaded, and every other param (the range, the other table's state) stays as it was.
 */
export function useTableState<T>(opts: {
  columns: readonly TableColumn<T>[];
  filters?: readonly ColumnFilter[];
  prefix?: string;
  defaultSort?: { id: string; dir: SortDir };
}) {
  const search = useSearchParams();
  const { columns, filters, prefix, defaultSort } = opts;
  const state = useMemo(
    () => parseTableState(new URLSearchParams(search.toString()), { columns, filters, prefix, defaultSort }),
    [search, columns, filters, prefix, defaultSort],
  );
  const setState = useCallback(
    (changes: Partial<TableState>) => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(tableStateChanges(changes, prefix))) {
        if (v === undefined) next.delete(k);
        else next.set(k, v);
      }
      const qs = next.toString();
      // null state: Next treats a call carrying its own state as internal and would not sync the router.
      window.history.replaceState(null, "", `${window.location.pathname}${qs ? `?${qs}` : ""}`);
    },
    [prefix],
  );
  return { state, setState };
}
