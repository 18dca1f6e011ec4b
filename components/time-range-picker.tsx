"use client";
import { useState } from "react";
import { RANGE_OPTIONS } from "@/lib/telemetry/sql/time-range";
import { REFRESH_OPTIONS } from "@/lib/url/range-search-params";
import { useRangeParams } from "@/lib/url/use-range-params";
import { CommitSelect } from "./commit-select";
import { CustomRangeForm } from "./custom-range-form";
import { localOffsetLabel } from "./format";

// Range and auto-refresh pickers; both live in the URL so a copied link reproduces the view.
export function TimeRangePicker() {
  const { params, refresh, update } = useRangeParams();
  // Open by choosing "Custom…" before a custom range is applied; a custom range in the URL shows it.
  const [customOpen, setCustomOpen] = useState(false);
  const showCustom = customOpen || params.range === "custom";

  return (
    <div className="toolbar" role="group" aria-label="Time range and refresh">
      <label>
        Range
        <CommitSelect
          aria-label="Time range"
          value={showCustom ? "custom" : params.range}
          onCommit={(value) => {
            if (value === "custom") return setCustomOpen(true);
            setCustomOpen(false);
            update({ range: value, from: undefined, to: undefined });
          }}
        >
          {RANGE_OPTIONS.map((r) => (
            <option key={r} value={r}>
              {r === "custom" ? "Custom…" : `Last ${r}`}
            </option>
          ))}
        </CommitSelect>
      </label>
      {showCustom && (
        <CustomRangeForm
          key={`${params.from}|${params.to}`}
          initialFrom={params.from}
          initialTo={params.to}
          onApply={({ from, to }) => {
            setCustomOpen(false);
            update({ range: "custom", from, to });
          }}
        />
      )}
      <label>
        Auto-refresh
        <select
          aria-label="Auto-refresh"
          value={refresh}
          onChange={(e) => update({ refresh: e.target.value === "off" ? undefined : e.target.value }, "replace")}
        >
          {Object.keys(REFRESH_OPTIONS).map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <span className="muted small" title="All times are shown in UTC" suppressHydrationWarning>
        Times in UTC (local {localOffsetLabel()})
      </span>
    </div>
  );
}
