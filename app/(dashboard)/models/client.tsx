"use client";
import { TotalsWindow } from "@/components/totals-window";
import { RangeLink } from "@/components/range-link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { fmtAvgOver, fmtCostPerUnit, fmtMs, fmtPct, fmtRate, fmtUsd, fmtUsdPerHour } from "@/components/format";
import { ChipSavingBadge } from "@/components/models/chip-saving-badge";
import { Panel } from "@/components/panel";
import { UnallocatedIdleRow } from "@/components/unallocated-idle-row";
import { LoadError, LoadingBlock, RefreshError } from "@/components/query-status";
import { TelemetryBanner } from "@/components/telemetry-banner";
import type { CsvColumn } from "@/lib/csv";
import type { TModelList, TModelRow } from "@/lib/models/model-dto";
import { initialFor } from "@/lib/query-options/initial-for";
import { modelsQuery } from "@/lib/query-options/models-query";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";
import type { TRangeParams } from "@/lib/telemetry/sql/time-range";
import { useRangeParams } from "@/lib/url/use-range-params";

const CSV: CsvColumn<TModelRow>[] = [
  { header: "model", value: (r) => r.id },
  { header: "kind", value: (r) => r.kind },
  { header: "team", value: (r) => r.team },
  { header: "utilization_pct", value: (r) => r.metrics.utilizationPct },
  { header: "latency_p50_ms", value: (r) => r.metrics.latencyP50Ms },
  { header: "latency_p95_ms", value: (r) => r.metrics.latencyP95Ms },
  { header: "latency_p99_ms", value: (r) => r.metrics.latencyP99Ms },
  { header: "slo_p95_ms", value: (r) => r.sloP95Ms },
  { header: "requests_per_second", value: (r) => r.metrics.requestsPerSecond },
  { header: "units_per_second", value: (r) => r.metrics.unitsPerSecond },
  { header: "unit", value: (r) => r.unit.unit },
  { header: "spend_usd", value: (r) => r.metrics.spendUsd },
  { header: "spend_usd_per_hour", value: (r) => r.metrics.spendUsdPerHour },
  { header: "idle_reserved_usd", value: (r) => r.metrics.idleReservedUsd },
  { header: "cost_per_unit_usd", value: (r) => r.costPerUnitUsd },
  { header: "fully_loaded_cost_per_unit_usd", value: (r) => r.fullyLoadedCostPerUnitUsd },
  { header: "cost_unit", value: (r) => r.unit.costLabel },
  { header: "pools", value: (r) => r.pools.map((p) => p.id).join(" ") },
  { header: "trainium_cost_per_unit_usd", value: (r) => r.chipComparison?.trainium.costPerUnitUsd },
  { header: "graviton_cost_per_unit_usd", value: (r) => r.chipComparison?.graviton.costPerUnitUsd },
  { header: "cheaper_chip_family", value: (r) => r.chipComparison?.cheaper },
  { header: "saving_pct", value: (r) => r.chipComparison?.savingPct },
];

export function ModelsClient({ initialData, initialParams }: { initialData: TModelList; initialParams: TRangeParams }) {
  const { params, refreshMs } = useRangeParams();
  const query = useQuery({
    ...modelsQuery(params),
    initialData: initialFor(params, initialParams, initialData),
    refetchInterval: refreshMs,
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  if (query.isError && !data) return <LoadError what="the models" error={query.error} />;
  if (!data) return <LoadingBlock />;

  return (
    <div aria-busy={query.isFetching} data-range-from={data.range.from} data-range-to={data.range.to}>
      <TelemetryBanner {...data.telemetry} />
      <RefreshError error={query.isError ? query.error : null} />
      <p className="muted small">
        <TotalsWindow range={data.range} />. Spend is usage: billed instances serving the model, idle reserved not
        included. Fully loaded cost per unit adds the model&apos;s share of its pools&apos; idle reserved dollars.
      </p>
      <Panel
        title={`Models (${data.models.length})`}
        actions={
          <CsvDownloadButton
            filename={`models-${data.range.preset}.csv`}
            columns={CSV}
            rows={data.models}
            total={{ spend_usd: data.totals.spendUsd }}
          />
        }
      >
        <div className="scroll-x">
          <table data-testid="models-table">
            <thead>
              <tr>
                <th>Model</th>
                <th>Kind</th>
                <th className="num">Utilization</th>
                <th className="num">p50</th>
                <th className="num">p95 (SLO)</th>
                <th className="num">p99</th>
                <th className="num">Requests/s</th>
                <th className="num">Throughput</th>
                <th className="num">Spend rate {fmtAvgOver(data.range.minutes)}</th>
                <th className="num">Spend in range</th>
                <th className="num">Idle reserved (allocated)</th>
                <th className="num">Cost per unit (usage)</th>
                <th className="num">Cost per unit (fully loaded)</th>
                <th>Pools</th>
                <th>Trainium vs Graviton</th>
              </tr>
            </thead>
            <tbody>
              {data.models.map((m) => {
                const breaching = isOverSlo(m.metrics.latencyP95Ms, m.sloP95Ms);
                return (
                  <tr key={m.id} data-model={m.id}>
                    <td>
                      <RangeLink href={`/models/${m.id}`}>{m.displayName}</RangeLink>
                    </td>
                    <td>{m.kind.toUpperCase()}</td>
                    <td className="num" data-field="utilization">
                      {fmtPct(m.metrics.utilizationPct)}
                    </td>
                    <td className="num">{fmtMs(m.metrics.latencyP50Ms)}</td>
                    <td className={`num ${breaching ? "bad-text" : ""}`} data-field="p95">
                      {fmtMs(m.metrics.latencyP95Ms)} <span className="muted">({fmtMs(m.sloP95Ms)})</span>{" "}
                      {breaching && <span className="badge bad">SLO</span>}
                    </td>
                    <td className="num">{fmtMs(m.metrics.latencyP99Ms)}</td>
                    <td className="num">{fmtRate(m.metrics.requestsPerSecond, "req/s")}</td>
                    <td className="num">{fmtRate(m.metrics.unitsPerSecond, m.unit.rateLabel)}</td>
                    <td className="num" data-field="spend-rate">
                      {fmtUsdPerHour(m.metrics.spendUsdPerHour)}
                    </td>
                    <td className="num" data-field="spend">
                      {fmtUsd(m.metrics.spendUsd)}
                    </td>
                    <td className="num" data-field="idle-reserved">
                      {fmtUsd(m.metrics.idleReservedUsd)}
                    </td>
                    <td className="num" data-field="cost-per-unit">
                      {fmtCostPerUnit(m.costPerUnitUsd, m.unit.costLabel)}
                    </td>
                    <td className="num" data-field="fully-loaded-cost-per-unit">
                      {fmtCostPerUnit(m.fullyLoadedCostPerUnitUsd, m.unit.costLabel)}
                    </td>
                    <td title={m.pools.map((p) => p.id).join("\n")}>
                      {m.pools.length} · {[...new Set(m.pools.map((p) => p.chipFamily))].join(" + ")}
                    </td>
                    <td data-field="chip-comparison">
                      <ChipSavingBadge comparison={m.chipComparison} costLabel={m.unit.costLabel} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={9}>
                  Total (rows foot to it)
                </th>
                <td className="num" data-field="spend-total">
                  {fmtUsd(data.totals.spendUsd)}
                </td>
                <td colSpan={5} />
              </tr>
              <UnallocatedIdleRow unallocated={data.unallocatedIdleReserved} before={10} after={4} />
            </tfoot>
          </table>
        </div>
      </Panel>
    </div>
  );
}
