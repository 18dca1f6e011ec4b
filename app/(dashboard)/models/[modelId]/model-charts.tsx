"use client";
import { AnnotationList } from "@/components/charts/annotation-list";
import { TimeSeriesChart } from "@/components/charts/lazy-charts";
import { fmtMs, fmtPct, fmtRate, fmtUsdCompact, fmtUsdPerHour } from "@/components/format";
import { Panel } from "@/components/panel";
import type { TModelDetail } from "@/lib/models/model-dto";
import { actionAnnotations } from "@/lib/pools/action-annotations";

// The model's charts: latency percentiles against its SLO, and utilization, throughput and spend
// per pool. Every chart carries the launches and drains of the model's pools.
export function ModelCharts({ data }: { data: TModelDetail }) {
  const { model, series, range } = data;
  const annotations = actionAnnotations({
    actions: data.actions,
    points: series,
    stepSeconds: range.stepSeconds,
    now: range.to,
    showPool: data.pools.length > 1,
  });
  const chartAnnotations = annotations.map(({ from, to, label }) => ({ from, to, label }));
  const poolSeries = data.pools.map((p) => ({ key: p.id, label: p.id }));
  const byPool = (field: "utilizationPct" | "unitsPerSecond" | "spendUsdPerHour") =>
    series.map((p) => ({
      t: p.t,
      partial: p.partial,
      ...Object.fromEntries(data.pools.map((pool) => [pool.id, p.pools[pool.id]?.[field] ?? null])),
    }));
  const common = { stepSeconds: range.stepSeconds, annotations: chartAnnotations };

  return (
    <>
      <div className="grid-2" data-testid="model-charts">
        <Panel title="Latency percentiles">
          <TimeSeriesChart
            {...common}
            data={series.map((p) => ({
              t: p.t,
              partial: p.partial,
              p50: p.total.latencyP50Ms,
              p95: p.total.latencyP95Ms,
              p99: p.total.latencyP99Ms,
            }))}
            series={[
              { key: "p50", label: "p50" },
              { key: "p95", label: "p95" },
              { key: "p99", label: "p99" },
            ]}
            format={fmtMs}
            unitLabel="ms"
            logScale
            references={[{ value: model.sloP95Ms, label: `p95 SLO ${fmtMs(model.sloP95Ms)}`, seriesKey: "p95" }]}
          />
        </Panel>
        <Panel title="Utilization by pool">
          <TimeSeriesChart
            {...common}
            data={byPool("utilizationPct")}
            series={poolSeries}
            format={(v) => `${Math.round(v)} %`}
            tooltipFormat={(v) => fmtPct(v)}
            unitLabel="%"
          />
        </Panel>
        <Panel title={`Throughput by pool (${model.unit.rateLabel})`}>
          <TimeSeriesChart
            {...common}
            data={byPool("unitsPerSecond")}
            series={poolSeries}
            format={(v) => fmtRate(v, "")}
            tooltipFormat={(v) => fmtRate(v, model.unit.rateLabel)}
            unitLabel={model.unit.rateLabel}
          />
        </Panel>
        <Panel title="Spend rate by pool">
          <TimeSeriesChart
            {...common}
            data={byPool("spendUsdPerHour")}
            series={poolSeries}
            format={fmtUsdCompact}
            tooltipFormat={fmtUsdPerHour}
            unitLabel="$/h"
          />
        </Panel>
      </div>
      <AnnotationList annotations={annotations} />
    </>
  );
}
