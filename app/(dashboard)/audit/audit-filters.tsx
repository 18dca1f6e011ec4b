"use client";
import { useState } from "react";
import {
  AUDIT_ACTION_KINDS,
  AUDIT_OUTCOMES,
  AUDIT_RANGE_OPTIONS,
  DEFAULT_AUDIT_RANGE,
} from "@/lib/audit/audit-filters";

const FIELDS = ["actor", "poolId", "action", "outcome", "range", "from", "to"] as const;
type Filters = Record<(typeof FIELDS)[number], string>;

/** The filter form: edits stay local until Apply writes them to the URL (which drops the page cursor). */
export function AuditFilters({
  search,
  onApply,
}: {
  search: Record<string, string>;
  onApply: (filters: Record<string, string | undefined>) => void;
}) {
  const [f, setF] = useState<Filters>(
    () =>
      Object.fromEntries(FIELDS.map((k) => [k, search[k] ?? (k === "range" ? DEFAULT_AUDIT_RANGE : "")])) as Filters,
  );
  const set = (key: keyof Filters) => (e: { target: { value: string } }) =>
    setF((prev) => ({ ...prev, [key]: e.target.value }));
  const custom = f.range === "custom";

  return (
    <form
      className="toolbar panel"
      role="search"
      aria-label="Audit filters"
      onSubmit={(e) => {
        e.preventDefault();
        const blankToUndefined = (v: string) => (v.trim() === "" ? undefined : v.trim());
        onApply({
          actor: blankToUndefined(f.actor),
          poolId: blankToUndefined(f.poolId),
          action: blankToUndefined(f.action),
          outcome: blankToUndefined(f.outcome),
          range: f.range === DEFAULT_AUDIT_RANGE ? undefined : f.range,
          from: custom ? blankToUndefined(f.from) : undefined,
          to: custom ? blankToUndefined(f.to) : undefined,
          before: undefined,
        });
      }}
    >
      <label>
        Actor
        <input
          aria-label="Actor"
          placeholder="demo-operator"
          value={f.actor}
          onChange={set("actor")}
          size={16}
          maxLength={200}
        />
      </label>
      <label>
        Pool
        <input
          aria-label="Pool"
          placeholder="pool id"
          value={f.poolId}
          onChange={set("poolId")}
          size={22}
          maxLength={200}
        />
      </label>
      <label>
        Action
        <select aria-label="Action kind" value={f.action} onChange={set("action")}>
          <option value="">any</option>
          {AUDIT_ACTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {k.endsWith(".") ? `${k}*` : k}
            </option>
          ))}
        </select>
      </label>
      <label>
        Outcome
        <select aria-label="Outcome" value={f.outcome} onChange={set("outcome")}>
          <option value="">any</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label>
        Range
        <select aria-label="Audit time range" value={f.range} onChange={set("range")}>
          {AUDIT_RANGE_OPTIONS.map((r) => (
            <option key={r} value={r}>
              {r === "custom" ? "Custom…" : `Last ${r}`}
            </option>
          ))}
        </select>
      </label>
      {custom && (
        <>
          <input
            aria-label="From (UTC, ISO 8601)"
            placeholder="2026-11-01T00:00:00Z"
            value={f.from}
            onChange={set("from")}
            size={22}
          />
          <input
            aria-label="To (UTC, ISO 8601)"
            placeholder="2026-11-08T00:00:00Z"
            value={f.to}
            onChange={set("to")}
            size={22}
          />
        </>
      )}
      <button type="submit" className="primary">
        Apply
      </button>
    </form>
  );
}
