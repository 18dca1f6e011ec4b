"use client";
import { useMemo } from "react";
import { TotalsWindow } from "@/components/totals-window";
import { DataTable } from "@/components/data-table/data-table";
import { useQuery } from "@tanstack/react-query";
import { TimeSeriesChart } from "@/components/charts/lazy-charts";
import { Kpi } from "@/components/kpi";
import { Panel } from "@/components/panel";
import { fmtAvgOver, fmtDuration, fmtMs, fmtPct, fmtUsd, fmtUsdCompact, fmtUsdPerHour } from "@/components/format";
import { NeedsAttentionList } from "@/components/overview/needs-attention-list";
import { OnCallKpis } from "@/components/overview/on-call-kpis";
import { RecentActionsTable } from "@/components/overview/recent-actions-table";
import { TelemetryBanner } from "@/components/telemetry-banner";
import type { TOverview } from "@/lib/overview/overview-dto";
import { overviewQuery } from "@/lib/query-options/overview-query";
import { useRangeParams } from "@/lib/url/use-range-params";
import type { TRangeParams } from "@/lib/telemetry/sql/time-range";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";
import { actionAnnotations } from "@/lib/pools/action-annotations";
import { overviewModelColumns } from "./overview-model-columns";

export function OverviewClient({
  initialData,
  initialParams,
}: {
  initialData: TOverview;
  initialParams: TRangeParams;
}) {
  const { params, refreshMs } = useRangeParams();
  // The server rendered the first paint for the URL it saw; later ranges come from the API.
  const initial = JSON.stringify(params) === JSON.stringify(initialParams) ? initialData : undefined;
  const query = useQuery({
    ...overviewQuery(params),
    initialData: initial,
    refetchInterval: refreshMs,
    placeholderData: (prev) => prev,
  });
  const data = query.data;
  const rangeMinutes = data?.range.minutes ?? 0;
  const spendTotalUsd = data?.fleet.spendUsd ?? "0.00";
  const columns = useMemo(() => overviewModelColumns({ rangeMinutes, spendTotalUsd }), [rangeMinutes, spendTotalUsd]);

  if (query.isError && !data)
    return (
      <div className="banner bad" role="alert">
        Could not load the overview: {query.error.message}
      </div>
    );
  if (!data) return <div className="skeleton" style={{ height: 480 }} aria-busy="true" aria-label="Loading" />;

  const charted = new Set(data.chartModelIds);
  const series = data.models.filter((m) => charted.has(m.id)).map((m) => ({ key: m.id, label: m.displayName }));
  const pick = (field: "utilizationPct" | "latencyP95Ms" | "spendUsdPerHour") =>
    data.series.map((p) => ({
      t: p.t,
      partial: p.partial,
      ...Object.fromEntries(series.map((s) => [s.key, p.models[s.key]?.[field] ?? null])),
    }));
  const chartScope =
    series.length < data.models.length ? ` (the ${series.length} costliest of ${data.models.length})` : "";
  const hasData = data.series.length > 0;
  const sloReferences = data.models
    .filter((m) => charted.has(m.id))
    .map((m) => ({ value: m.sloP95Ms, label: `${m.displayName} SLO ${fmtMs(m.sloP95Ms)}`, seriesKey: m.id }));
  // The newest actions (the on-call block's list) shaded where they fall in the range.
  const annotations = actionAnnotations({
    actions: data.onCall.recentActions,
    points: data.series,
    stepSeconds: data.range.stepSeconds,
    now: data.range.to,
    showPool: true,
  }).map(({ from, to, label }) => ({ from, to, label }));
  const nowMinutes = fmtDuration((Date.parse(data.now.to) - Date.parse(data.now.from)) / 60_000);
  const modelsOverSlo = data.models.filter((m) => isOverSlo(m.metrics.latencyP95Ms, m.sloP95Ms)).length;

  return (
    <div
      className="overview-layout"
      aria-busy={query.isFetching}
      data-range-from={data.range.from}
      data-range-to={data.range.to}
    >
      <TelemetryBanner {...data.telemetry} />
      {query.isError && (
        <div className="banner bad" role="alert">
          Refresh failed: {query.error.message} (showing the previous data)
        </div>
      )}
      <p className="muted small">
        <TotalsWindow range={data.range} /> · charts in {data.range.stepSeconds / 60}-minute buckets from the{" "}
        {data.range.table === "minute" ? "per-minute table" : "hourly rollups"}
      </p>
      <section className="kpis" aria-label="Fleet totals">
        <Kpi label="Fleet utilization" value={fmtPct(data.fleet.utilizationPct)} />
        <Kpi label="Fleet p95 latency" value={fmtMs(data.fleet.latencyP95Ms)} />
        <Kpi
          label="Spend rate now"
          value={data.now.spendUsdPerHour === null ? "no data" : fmtUsdPerHour(data.now.spendUsdPerHour)}
          hint={`last ${nowMinutes} complete minutes · ${fmtUsdPerHour(data.fleet.spendUsdPerHour)} ${fmtAvgOver(data.range.minutes)}`}
          testId="kpi-spend-rate-now"
        />
        <Kpi label="Spend in range" value={fmtUsd(data.fleet.spendUsd)} testId="kpi-spend-range" />
        <Kpi
          label="Idle reserved now"
          value={data.now.idleReservedUsdPerHour === null ? "no data" : fmtUsdPerHour(data.now.idleReservedUsdPerHour)}
          hint={`last ${nowMinutes} complete minutes · ${fmtUsdPerHour(data.fleet.idleReservedUsdPerHour)} ${fmtAvgOver(data.range.minutes)}`}
          testId="kpi-idle-now"
        />
      </section>
      <OnCallKpis
        onCall={data.onCall}
        modelsOverSlo={modelsOverSlo}
        modelCount={data.models.length}
        fleetP99Ms={data.fleet.latencyP99Ms}
      />
      <div className="grid-2 attention-first">
        <NeedsAttentionList items={data.onCall.attention} windowLabel="the last 15 minutes" />
        <RecentActionsTable actions={data.onCall.recentActions} />
      </div>
      {!hasData ? (
        <div className="panel empty">
          No telemetry in this range. Pick a longer range, or check the telemetry source.
        </div>
      ) : (
        <div className="grid-2">
          <Panel title={`Utilization by model${chartScope}`}>
            <TimeSeriesChart
              data={pick("utilizationPct")}
              series={series}
              stepSeconds={data.range.stepSeconds}
              format={(v) => `${Math.round(v)} %`}
              tooltipFormat={(v) => fmtPct(v)}
              unitLabel="%"
              annotations={annotations}
            />
          </Panel>
          <Panel title={`p95 latency by model${chartScope}, log scale; dashed: each model's SLO`}>
            <TimeSeriesChart
              data={pick("latencyP95Ms")}
              series={series}
              stepSeconds={data.range.stepSeconds}
              format={fmtMs}
              unitLabel="ms"
              logScale
              references={sloReferences}
              annotations={annotations}
            />
          </Panel>
          <Panel title={`Spend rate by model${chartScope}`}>
            <TimeSeriesChart
              data={pick("spendUsdPerHour")}
              series={series}
              stepSeconds={data.range.stepSeconds}
              format={fmtUsdCompact}
              tooltipFormat={fmtUsdPerHour}
              unitLabel="$/h"
              annotations={annotations}
            />
          </Panel>
        </div>
      )}
      <Panel title="Models">
        <DataTable
          testId="model-table"
          label="Models"
          columns={columns}
          rows={data.models}
          rowKey={(m) => m.id}
          rowAttributes={(m) => ({ "data-model": m.id })}
          searchPlaceholder="name, team, kind"
          csvFilename={`models-${data.range.preset}.csv`}
        />
      </Panel>
    </div>
  );
}
