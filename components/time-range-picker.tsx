"use client";
import { useState } from "react";
import { RANGE_OPTIONS } from "@/lib/telemetry/sql/time-range";
import { REFRESH_OPTIONS } from "@/lib/url/range-search-params";
import { useRangeParams } from "@/lib/url/use-range-params";
import { CommitSelect } from "./commit-select";
import { localOffsetLabel } from "./format";

// Range and auto-refresh pickers; both live in the URL so a copied link reproduces the view.
export function TimeRangePicker() {
  const { params, refresh, update } = useRangeParams();
  const [from, setFrom] = useState(params.from ?? "");
  const [to, setTo] = useState(params.to ?? "");
  const [customOpen, setCustomOpen] = useState(params.range === "custom");

  return (
    <div className="toolbar" role="group" aria-label="Time range and refresh">
      <label>
        Range
        <CommitSelect
          aria-label="Time range"
          value={customOpen ? "custom" : params.range}
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
      {customOpen && (
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            update({ range: "custom", from, to });
          }}
        >
          <input
            aria-label="From (UTC, ISO 8601)"
            title="UTC: 2026-11-01, 2026-11-01 06:00 or ISO 8601 with an offset"
            placeholder="2026-11-01 00:00"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            size={22}
          />
          <input
            aria-label="To (UTC, ISO 8601)"
            title="UTC: 2026-11-08, 2026-11-08 06:00 or ISO 8601 with an offset"
            placeholder="2026-11-08 00:00"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            size={22}
          />
          <button type="submit">Apply</button>
        </form>
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
