"use client";
import { useMemo, useState, type ReactNode } from "react";
import { CsvDownloadButton } from "@/components/csv-download-button";
import type { SortDir } from "@/lib/table/sort-rows";
import type { ColumnFilter, TableColumn } from "@/lib/table/table-column";
import { csvColumnsOf, csvTotalOf } from "@/lib/table/table-csv";
import { nextSort } from "@/lib/table/table-search-params";
import { isFiltered, viewRows } from "@/lib/table/view-rows";
import { TableFilters } from "./table-filters";
import { useScrollEdges } from "./use-scroll-edges";
import { useTableState } from "./use-table-state";

/** Where a column sits, for footer rows that span columns (the unallocated idle reserved line). */
export type TableLayout = { indexOf: (columnId: string) => number; count: number };

/**
 * The one table: column definitions drive the header (sort buttons with aria-sort), the cells, the
 * filter box, the totals row and the CSV of exactly the rows shown. Sort and filters live in the
 * URL. The first column stays in view while the rest scroll; a shaded edge says more is there.
 */
export function DataTable<T>(props: {
  testId: string;
  /** Names the scrolling region and the filter box ("Models"). */
  label: string;
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** data-* attributes of each row (e2e locates rows by them). */
  rowAttributes?: (row: T) => Record<`data-${string}`, string>;
  filters?: readonly ColumnFilter[];
  /** The filter box's hint; without it (and with no searchable column) there is no box. */
  searchPlaceholder?: string;
  urlPrefix?: string;
  defaultSort?: { id: string; dir: SortDir };
  csvFilename?: string;
  totalLabel?: (filtered: boolean, shown: number) => string;
  /** Extra footer rows after the totals row. */
  footer?: (layout: TableLayout) => ReactNode;
  empty?: ReactNode;
}) {
  const { columns, filters } = props;
  const { state, setState } = useTableState({
    columns,
    filters,
    prefix: props.urlPrefix,
    defaultSort: props.defaultSort,
  });
  const filtered = isFiltered(state);
  const shown = useMemo(
    () => viewRows(props.rows, columns, filters ?? [], state),
    [props.rows, columns, filters, state],
  );
  const { ref, edges } = useScrollEdges<HTMLDivElement>();
  const hasTotals = columns.some((c) => c.total);
  const searchable = columns.some((c) => c.filterText) && props.searchPlaceholder !== undefined;
  const layout: TableLayout = { indexOf: (id) => columns.findIndex((c) => c.id === id), count: columns.length };
  const [announce, setAnnounce] = useState("");

  return (
    <div className="data-table">
      <div className="toolbar table-toolbar">
        <TableFilters
          label={props.label}
          state={state}
          filters={filters ?? []}
          searchPlaceholder={searchable ? props.searchPlaceholder : undefined}
          onChange={setState}
        />
        <span className="muted small" data-testid={`${props.testId}-count`} aria-live="polite">
          {filtered ? `${shown.length} of ${props.rows.length} shown` : `${props.rows.length} rows`}
          {announce && ` · ${announce}`}
        </span>
        {props.csvFilename && (
          <CsvDownloadButton
            filename={props.csvFilename}
            columns={csvColumnsOf(columns)}
            rows={shown}
            total={csvTotalOf(columns, shown, filtered)}
          />
        )}
      </div>
      <div className={`table-edges${edges.left ? " more-left" : ""}${edges.right ? " more-right" : ""}`}>
        <div ref={ref} className="scroll-x" tabIndex={0} role="region" aria-label={`${props.label} table`}>
          <table data-testid={props.testId}>
            <thead>
              <tr>
                {columns.map((c) => {
                  const active = state.sort === c.id;
                  const cls = c.align === "num" ? "num" : undefined;
                  if (!c.sortValue)
                    return (
                      <th key={c.id} className={cls} title={c.headerTitle} scope="col">
                        {c.header}
                      </th>
                    );
                  return (
                    <th
                      key={c.id}
                      className={cls}
                      title={c.headerTitle}
                      scope="col"
                      aria-sort={active ? (state.dir === "asc" ? "ascending" : "descending") : "none"}
                    >
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => {
                          const next = nextSort(c, state);
                          setState(next);
                          setAnnounce(`sorted by ${c.header}, ${next.dir === "asc" ? "ascending" : "descending"}`);
                        }}
                      >
                        {c.header}
                        <span aria-hidden="true" className="sort-mark">
                          {active ? (state.dir === "asc" ? " ▲" : " ▼") : " ↕"}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={props.rowKey(row)} {...props.rowAttributes?.(row)}>
                  {columns.map((c) => {
                    const cls = [c.align === "num" ? "num" : "", c.cellClassName?.(row) ?? ""].join(" ").trim();
                    return (
                      <td key={c.id} className={cls || undefined} data-field={c.field} title={c.cellTitle?.(row)}>
                        {c.cell(row)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            {(hasTotals || props.footer) && (
              <tfoot>
                {hasTotals && (
                  <tr>
                    {columns.map((c, i) => {
                      if (i === 0)
                        return (
                          <th key={c.id} scope="row">
                            {props.totalLabel?.(filtered, shown.length) ??
                              (filtered ? `Total of the ${shown.length} shown` : "Total")}
                          </th>
                        );
                      const t = c.total?.(shown, filtered);
                      return (
                        <td key={c.id} className={c.align === "num" ? "num" : undefined} data-field={t?.field}>
                          {t?.display}
                        </td>
                      );
                    })}
                  </tr>
                )}
                {props.footer?.(layout)}
              </tfoot>
            )}
          </table>
        </div>
      </div>
      {/* Outside the table: tbody holds data rows only (tests and screen readers count them). */}
      {shown.length === 0 && (
        <div className="empty" role="status">
          {filtered ? "No row matches these filters." : (props.empty ?? "Nothing to show.")}
        </div>
      )}
    </div>
  );
}
