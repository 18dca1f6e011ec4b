"use client";
import { RangeLink } from "@/components/range-link";
import { Sparkline } from "@/components/charts/sparkline";
import { fmtMs, fmtPct, fmtUsd, fmtUsdPerHour } from "@/components/format";
import type { TPoolRow } from "@/lib/pools/pool-dto";
import type { PoolSortKey, TPoolFilters } from "@/lib/pools/pool-filters";

const STATE_BADGE: Record<TPoolRow["state"], string> = { active: "ok", scaling: "warn", draining: "warn", idle: "" };

export function PoolsTable(props: {
  rows: TPoolRow[];
  filters: TPoolFilters;
  onSort: (sort: PoolSortKey, dir: "asc" | "desc") => void;
}) {
  const { filters } = props;
  const header = (key: PoolSortKey, label: string, numeric = false) => {
    const active = filters.sort === key;
    const next = active && filters.dir === "asc" ? "desc" : active ? "asc" : numeric ? "desc" : "asc";
    return (
      <th
        className={numeric ? "num" : undefined}
        aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : "none"}
      >
        <button
          type="button"
          style={{ background: "none", border: "none", padding: 0, color: "inherit", font: "inherit" }}
          onClick={() => props.onSort(key, next)}
        >
          {label} {active ? (filters.dir === "asc" ? "▲" : "▼") : ""}
        </button>
      </th>
    );
  };
  return (
    <div className="scroll-x">
      <table data-testid="pools-table">
        <thead>
          <tr>
            {header("id", "Pool")}
            <th>Models</th>
            <th>Chip</th>
            <th>Instance type</th>
            {header("region", "Region / AZ")}
            <th>State</th>
            {header("desired", "Desired", true)}
            {header("inService", "In service", true)}
            {header("reserved", "Reserved", true)}
            {header("utilization", "Utilization", true)}
            <th>Trend</th>
            <th className="num">p95</th>
            {header("spendRate", "Spend rate (avg over range)", true)}
            {header("spend", "Spend in range", true)}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((p) => (
            <tr key={p.id} data-pool={p.id}>
              <td>
                <RangeLink href={`/pools/${p.id}`}>{p.id}</RangeLink>
              </td>
              <td>
                {p.models.map((m) => (
                  <RangeLink key={m} href={`/models/${m}`} style={{ marginRight: 6 }}>
                    {m}
                  </RangeLink>
                ))}
              </td>
              <td>{p.chipFamily}</td>
              <td>{p.instanceType}</td>
              <td>{p.availabilityZone}</td>
              <td>
                {p.retiredAt ? (
                  <span className="badge" title={`retired ${p.retiredAt}`}>
                    retired
                  </span>
                ) : (
                  <span className={`badge ${STATE_BADGE[p.state]}`}>{p.state}</span>
                )}
              </td>
              <td className="num">{p.desiredCapacity}</td>
              <td className="num" data-field="in-service">
                {p.inService === null ? "—" : p.inService.toFixed(0)}
              </td>
              <td className="num" data-field="reserved">
                {p.reservedNow}
              </td>
              <td className={`num ${(p.metrics.utilizationPct ?? 0) > 85 ? "bad-text" : ""}`} data-field="utilization">
                {fmtPct(p.metrics.utilizationPct)}
              </td>
              <td>
                <Sparkline values={p.spark} guide={85} label={`${p.id} utilization over the range (dashed: 85 %)`} />
              </td>
              <td className="num">{fmtMs(p.metrics.latencyP95Ms)}</td>
              <td className="num">{fmtUsdPerHour(p.metrics.spendUsdPerHour)}</td>
              <td className="num" data-field="spend">
                {fmtUsd(p.metrics.spendUsd)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
