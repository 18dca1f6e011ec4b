"use client";
import { useState } from "react";
import type { ColumnFilter } from "@/lib/table/table-column";
import type { TableState } from "@/lib/table/table-search-params";

/** The filter box and the per-column filters; each edit goes to the URL as it is typed. */
export function TableFilters(props: {
  label: string;
  state: TableState;
  filters: readonly ColumnFilter[];
  searchPlaceholder?: string;
  onChange: (changes: Partial<TableState>) => void;
}) {
  const { state, filters } = props;
  // The text boxes are uncontrolled (the URL catches up after each keystroke, and a controlled box
  // would lose keys typed meanwhile); "Clear filters" remounts them empty.
  const [generation, setGeneration] = useState(0);
  const any = state.q !== "" || Object.keys(state.columns).length > 0;
  if (props.searchPlaceholder === undefined && filters.length === 0) return null;

  return (
    <div className="toolbar" role="group" aria-label={`Filter ${props.label.toLowerCase()}`}>
      {props.searchPlaceholder !== undefined && (
        <label>
          Filter
          <input
            type="search"
            aria-label={`Filter ${props.label.toLowerCase()}`}
            placeholder={props.searchPlaceholder}
            key={`q-${generation}`}
            defaultValue={state.q}
            maxLength={200}
            size={24}
            onChange={(e) => props.onChange({ q: e.target.value })}
          />
        </label>
      )}
      {filters.map((f) =>
        f.options ? (
          <label key={f.param}>
            {f.label}
            <select
              aria-label={f.label}
              value={state.columns[f.param] ?? ""}
              onChange={(e) => props.onChange({ columns: { [f.param]: e.target.value } })}
            >
              <option value="">all</option>
              {f.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label key={f.param}>
            {f.label}
            <input
              type="search"
              aria-label={f.label}
              key={`${f.param}-${generation}`}
              defaultValue={state.columns[f.param] ?? ""}
              maxLength={200}
              size={14}
              onChange={(e) => props.onChange({ columns: { [f.param]: e.target.value } })}
            />
          </label>
        ),
      )}
      {any && (
        <button
          type="button"
          onClick={() => {
            props.onChange({ q: "", columns: Object.fromEntries(filters.map((f) => [f.param, ""])) });
            setGeneration((g) => g + 1);
          }}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
