"use client";
import { TotalsWindow } from "@/components/totals-window";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  fmtAvgOver,
  fmtCostPerUnit,
  fmtCount,
  fmtMs,
  fmtPct,
  fmtRate,
  fmtUsd,
  fmtUsdPerHour,
} from "@/components/format";
import { Kpi } from "@/components/kpi";
import { ChipComparisonTable } from "@/components/models/chip-comparison-table";
import { EmptyState, LoadError, LoadingBlock, RefreshError } from "@/components/query-status";
import { TelemetryBanner } from "@/components/telemetry-banner";
import type { TModelDetail } from "@/lib/models/model-dto";
import { initialFor } from "@/lib/query-options/initial-for";
import { modelDetailQuery } from "@/lib/query-options/models-query";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";
import type { TRangeParams } from "@/lib/telemetry/sql/time-range";
import { useRangeParams } from "@/lib/url/use-range-params";
import { ModelCharts } from "./model-charts";
import { ModelPoolsTable } from "./model-pools-table";

export function ModelDetailClient(props: { modelId: string; initialData: TModelDetail; initialParams: TRangeParams }) {
  const { params, refreshMs } = useRangeParams();
  const query = useQuery({
    ...modelDetailQuery(props.modelId, params),
    initialData: initialFor(params, props.initialParams, props.initialData),
    refetchInterval: refreshMs,
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  if (query.isError && !data) return <LoadError what="this model" error={query.error} />;
  if (!data) return <LoadingBlock />;
  const { model } = data;
  const m = model.metrics;
  const breaching = isOverSlo(m.latencyP95Ms, model.sloP95Ms);

  return (
    <div
      aria-busy={query.isFetching}
      data-range-from={data.range.from}
      data-range-to={data.range.to}
      data-model={model.id}
    >
      <TelemetryBanner {...data.telemetry} />
      <RefreshError error={query.isError ? query.error : null} />
      <p className="muted small">
        {model.kind.toUpperCase()} · team {model.team} · p95 SLO {fmtMs(model.sloP95Ms)} ·{" "}
        <TotalsWindow range={data.range} />
      </p>
      <p className="muted small" data-testid="latency-method">
        {data.telemetry.latencyMethod}
      </p>
      <section className="kpis" aria-label="Model totals" data-testid="model-kpis">
        <Kpi label="Utilization" value={fmtPct(m.utilizationPct)} />
        <Kpi label="p50 latency" value={fmtMs(m.latencyP50Ms)} />
        <Kpi
          label={`p95 latency (SLO ${fmtMs(model.sloP95Ms)})`}
          value={fmtMs(m.latencyP95Ms)}
          tone={breaching ? "bad" : undefined}
          testId="kpi-p95"
        />
        <Kpi label="p99 latency" value={fmtMs(m.latencyP99Ms)} />
        <Kpi
          label="SLO attainment (requests)"
          value={fmtPct(m.sloAttainmentPct, 2)}
          hint={`of ${fmtCount(m.latencyRequests)} requests served within ${fmtMs(model.sloP95Ms)}`}
          testId="kpi-attainment-requests"
        />
        <Kpi
          label="Minutes p95 over SLO"
          value={
            data.sloMinutes.minutes === 0
              ? "—"
              : `${fmtCount(data.sloMinutes.overSloMinutes)} of ${fmtCount(data.sloMinutes.minutes)} min`
          }
          hint={
            data.sloMinutes.minutes === 0
              ? "no per-minute latency in this range"
              : `${fmtPct((100 * data.sloMinutes.overSloMinutes) / data.sloMinutes.minutes, 2)} of minutes, model-level p95`
          }
          tone={data.sloMinutes.overSloMinutes > 0 ? "bad" : undefined}
          testId="kpi-slo-minutes"
        />
        <Kpi label="Requests" value={fmtRate(m.requestsPerSecond, "req/s")} />
        <Kpi label="Throughput" value={fmtRate(m.unitsPerSecond, model.unit.rateLabel)} />
        <Kpi
          label={`Spend rate ${fmtAvgOver(data.range.minutes)}`}
          value={fmtUsdPerHour(m.spendUsdPerHour)}
          hint={`${fmtUsd(m.spendUsd)} in range, idle reserved not included`}
          testId="kpi-spend"
        />
        <Kpi
          label="Cost per unit (usage)"
          value={fmtCostPerUnit(model.costPerUnitUsd, model.unit.costLabel)}
          testId="kpi-cost-per-unit"
        />
        <Kpi
          label="Cost per unit (fully loaded)"
          value={fmtCostPerUnit(model.fullyLoadedCostPerUnitUsd, model.unit.costLabel)}
          hint={`with ${fmtUsd(m.idleReservedUsd)} idle reserved allocated`}
          testId="kpi-fully-loaded-cost-per-unit"
        />
      </section>
      {data.series.length === 0 ? (
        <EmptyState>
          No telemetry for this model in this range. Pick a longer range, or check the telemetry source.
        </EmptyState>
      ) : (
        <ModelCharts data={data} />
      )}
      <ModelPoolsTable data={data} />
      {model.chipComparison ? (
        <ChipComparisonTable
          comparison={model.chipComparison}
          costLabel={model.unit.costLabel}
          rateLabel={model.unit.rateLabel}
          sloP95Ms={model.sloP95Ms}
          filename={`${model.id}-chip-families-${data.range.preset}.csv`}
        />
      ) : (
        <p className="muted small">
          {model.displayName} runs on {model.pools[0]?.chipFamily === "graviton" ? "Graviton" : "Trainium"} only, so
          there is no Trainium-vs-Graviton comparison.
        </p>
      )}
    </div>
  );
}
