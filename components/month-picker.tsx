"use client";
import { monthLabel } from "@/lib/capacity/review-month";
import { REFRESH_OPTIONS } from "@/lib/url/range-search-params";
import { useRangeParams } from "@/lib/url/use-range-params";
import { CommitSelect } from "./commit-select";
import { localOffsetLabel } from "./format";

// The capacity review's month and auto-refresh, both in the URL (?month=YYYY-MM&refresh=1m).
export function MonthPicker({ months, selected }: { months: string[]; selected: string }) {
  const { refresh, update } = useRangeParams();
  const options = months.includes(selected) ? months : [selected, ...months];
  return (
    <div className="toolbar" role="group" aria-label="Month and refresh">
      <label>
        Month
        <CommitSelect aria-label="Month" value={selected} onCommit={(month) => update({ month })}>
          {options.map((m) => (
            <option key={m} value={m}>
              {monthLabel(m)}
            </option>
          ))}
        </CommitSelect>
      </label>
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
      <button type="button" className="no-print" onClick={() => window.print()}>
        Print
      </button>
      <span className="muted small" suppressHydrationWarning>
        Calendar months in UTC (local {localOffsetLabel()})
      </span>
    </div>
  );
}
