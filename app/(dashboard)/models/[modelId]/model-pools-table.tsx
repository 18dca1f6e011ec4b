"use client";
import { RangeLink } from "@/components/range-link";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { fmtAvgOver, fmtCostPerUnit, fmtMs, fmtPct, fmtRate, fmtUsd, fmtUsdPerHour } from "@/components/format";
import { Panel } from "@/components/panel";
import type { CsvColumn } from "@/lib/csv";
import type { TModelDetail, TModelPoolRow } from "@/lib/models/model-dto";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";

export function ModelPoolsTable({ data }: { data: TModelDetail }) {
  const { model } = data;
  const csv: CsvColumn<TModelPoolRow>[] = [
    { header: "pool", value: (p) => p.id },
    { header: "chip_family", value: (p) => p.chipFamily },
    { header: "instance_type", value: (p) => p.instanceType },
    { header: "region", value: (p) => p.region },
    { header: "availability_zone", value: (p) => p.availabilityZone },
    { header: "state", value: (p) => p.state },
    { header: "desired_capacity", value: (p) => p.desiredCapacity },
    { header: "avg_instances", value: (p) => p.metrics.avgInstances },
    { header: "utilization_pct", value: (p) => p.metrics.utilizationPct },
    { header: "latency_p95_ms", value: (p) => p.metrics.latencyP95Ms },
    { header: "units_per_second", value: (p) => p.metrics.unitsPerSecond },
    { header: "spend_usd", value: (p) => p.metrics.spendUsd },
    { header: "spend_usd_per_hour", value: (p) => p.metrics.spendUsdPerHour },
    { header: "idle_reserved_usd", value: (p) => p.metrics.idleReservedUsd },
    { header: "cost_per_unit_usd", value: (p) => p.costPerUnitUsd },
    { header: "fully_loaded_cost_per_unit_usd", value: (p) => p.fullyLoadedCostPerUnitUsd },
    { header: "cost_unit", value: () => model.unit.costLabel },
  ];
  return (
    <Panel
      title={`Pools serving ${model.displayName} (${data.pools.length})`}
      actions={
        <CsvDownloadButton filename={`${model.id}-pools-${data.range.preset}.csv`} columns={csv} rows={data.pools} />
      }
    >
      <div className="scroll-x">
        <table data-testid="model-pools-table">
          <thead>
            <tr>
              <th>Pool</th>
              <th>Chip</th>
              <th>Instance type</th>
              <th>AZ</th>
              <th>State</th>
              <th className="num">Desired</th>
              <th className="num">In service (avg)</th>
              <th className="num">Utilization</th>
              <th className="num">p95</th>
              <th className="num">Throughput</th>
              <th className="num">Spend rate {fmtAvgOver(data.range.minutes)}</th>
              <th className="num">Spend in range</th>
              <th className="num">Cost per unit (usage)</th>
              <th className="num">Cost per unit (fully loaded)</th>
            </tr>
          </thead>
          <tbody>
            {data.pools.map((p) => (
              <tr key={p.id} data-pool={p.id}>
                <td>
                  <RangeLink href={`/pools/${p.id}`}>{p.id}</RangeLink>
                </td>
                <td>{p.chipFamily}</td>
                <td>{p.instanceType}</td>
                <td>{p.availabilityZone}</td>
                <td>{p.state}</td>
                <td className="num">{p.desiredCapacity}</td>
                <td className="num">{p.metrics.avgInstances.toFixed(1)}</td>
                <td className="num">{fmtPct(p.metrics.utilizationPct)}</td>
                <td className={`num ${isOverSlo(p.metrics.latencyP95Ms, model.sloP95Ms) ? "bad-text" : ""}`}>
                  {fmtMs(p.metrics.latencyP95Ms)}
                </td>
                <td className="num">{fmtRate(p.metrics.unitsPerSecond, model.unit.rateLabel)}</td>
                <td className="num">{fmtUsdPerHour(p.metrics.spendUsdPerHour)}</td>
                <td className="num" data-field="spend">
                  {fmtUsd(p.metrics.spendUsd)}
                </td>
                <td className="num">{fmtCostPerUnit(p.costPerUnitUsd, model.unit.costLabel)}</td>
                <td className="num" data-field="fully-loaded-cost-per-unit">
                  {fmtCostPerUnit(p.fullyLoadedCostPerUnitUsd, model.unit.costLabel)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
