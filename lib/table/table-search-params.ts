import type { SortDir } from "./sort-rows";
import type { ColumnFilter, TableColumn } from "./table-column";

// A table's sort and filters as the URL carries them (?sort=&dir=&q=&<filter params>), so a shared
// link reproduces the view. A prefix keeps two tables on one page apart (?res.sort=). A bad value is
// dropped, never an error: sort and filters only arrange rows already loaded.
export type TableState = {
  sort: string | null;
  dir: SortDir;
  q: string;
  columns: Record<string, string>;
};

const MAX_TEXT = 200;

export function parseTableState<T>(
  search: URLSearchParams,
  opts: {
    columns: readonly TableColumn<T>[];
    filters?: readonly ColumnFilter[];
    prefix?: string;
    defaultSort?: { id: string; dir: SortDir };
  },
): TableState {
  const p = opts.prefix ?? "";
  const sortable = (id: string | null) => opts.columns.some((c) => c.id === id && c.sortValue);
  const rawSort = search.get(`${p}sort`);
  const rawDir = search.get(`${p}dir`);
  const sort = sortable(rawSort) ? rawSort : (opts.defaultSort?.id ?? null);
  const dir: SortDir =
    sort === rawSort && (rawDir === "asc" || rawDir === "desc") ? rawDir : (opts.defaultSort?.dir ?? "asc");
  const text = (v: string | null) => (v !== null && v.length <= MAX_TEXT ? v : "");
  const columns: Record<string, string> = {};
  for (const f of opts.filters ?? []) {
    const v = text(search.get(`${p}${f.param}`)).trim();
    if (v && (!f.options || f.options.includes(v))) columns[f.param] = v;
  }
  return { sort, dir, q: text(search.get(`${p}q`)), columns };
}

/** The search-param changes (undefined: remove) that write a new state, for the URL updater. */
export function tableStateChanges(state: Partial<TableState>, prefix = ""): Record<string, string | undefined> {
  const changes: Record<string, string | undefined> = {};
  if ("sort" in state) changes[`${prefix}sort`] = state.sort ?? undefined;
  if ("dir" in state) changes[`${prefix}dir`] = state.sort === null ? undefined : state.dir;
  if ("q" in state) changes[`${prefix}q`] = state.q || undefined;
  for (const [k, v] of Object.entries(state.columns ?? {})) changes[`${prefix}${k}`] = v || undefined;
  return changes;
}

/** The next sort after a click on a column's header: its first direction, then the other. */
export function nextSort<T>(
  column: TableColumn<T>,
  state: Pick<TableState, "sort" | "dir">,
): { sort: string; dir: SortDir } {
  const first: SortDir = (column.descFirst ?? column.align === "num") ? "desc" : "asc";
  if (state.sort !== column.id) return { sort: column.id, dir: first };
  return { sort: column.id, dir: state.dir === "asc" ? "desc" : "asc" };
}
