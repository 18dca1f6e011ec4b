"use client";
import type { TPoolRow } from "@/lib/pools/pool-dto";
import type { TPoolFilters } from "@/lib/pools/pool-filters";

// Filter selects whose options come from the pools themselves; each choice goes into the URL.
export function PoolFiltersBar(props: {
  pools: TPoolRow[];
  filters: TPoolFilters;
  onChange: (changes: Record<string, string | undefined>) => void;
}) {
  const options = (values: string[]) => [...new Set(values)].sort();
  const select = (key: "chip" | "region" | "model" | "state", label: string, values: string[]) => (
    <label>
      {label}
      <select
        aria-label={label}
        value={props.filters[key] ?? ""}
        onChange={(e) => props.onChange({ [key]: e.target.value || undefined })}
      >
        <option value="">all</option>
        {options(values).map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
  const any = props.filters.chip || props.filters.region || props.filters.model || props.filters.state;
  return (
    <div className="toolbar" role="group" aria-label="Filter pools" style={{ marginBottom: 12 }}>
      {select("chip", "Chip family", ["trainium", "graviton"])}
      {select(
        "region",
        "Region",
        props.pools.map((p) => p.region),
      )}
      {select(
        "model",
        "Model",
        props.pools.flatMap((p) => p.models),
      )}
      {select("state", "State", ["active", "scaling", "draining", "idle"])}
      {any && (
        <button
          type="button"
          onClick={() => props.onChange({ chip: undefined, region: undefined, model: undefined, state: undefined })}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
