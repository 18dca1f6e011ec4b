"use client";
import { AnnotationList } from "@/components/charts/annotation-list";
import { TimeSeriesChart } from "@/components/charts/lazy-charts";
import { fmtMs, fmtUsdCompact, fmtUsdPerHour } from "@/components/format";
import { Panel } from "@/components/panel";
import type { PoolActionDto } from "@/lib/fleet/actions/action-dto";
import { actionAnnotations } from "@/lib/pools/action-annotations";
import type { TPoolDetail } from "@/lib/pools/pool-dto";

// The pool's series with its launches and drains shaded on every chart; the annotations follow the
// action history query, so an action shows up (and grows) while it runs.
export function PoolCharts({ data, actions }: { data: TPoolDetail; actions: PoolActionDto[] }) {
  const { series, range } = data;
  const annotations = actionAnnotations({
    actions,
    points: series,
    stepSeconds: range.stepSeconds,
    now: range.to,
    showPool: false,
  });
  const common = {
    stepSeconds: range.stepSeconds,
    annotations: annotations.map(({ from, to, label }) => ({ from, to, label })),
  };
  const modelSeries = data.models.map((m) => ({ key: m.id, label: m.displayName }));
  const byModel = (field: "utilizationPct" | "latencyP95Ms") =>
    series.map((p) => ({
      t: p.t,
      partial: p.partial,
      ...Object.fromEntries(data.models.map((m) => [m.id, p.models[m.id]?.[field] ?? null])),
    }));
  const slo = data.models.length === 1 ? data.models[0]!.sloP95Ms : null;

  return (
    <>
      <div className="grid-2" data-testid="pool-charts">
        <Panel title="Instances in service vs reserved">
          <TimeSeriesChart
            {...common}
            data={series.map((p) => ({
              t: p.t,
              partial: p.partial,
              instances: p.instances,
              reserved: p.reservedInstances,
            }))}
            series={[
              { key: "instances", label: "In service" },
              { key: "reserved", label: "Reserved" },
            ]}
            format={(v) => v.toFixed(0)}
            unitLabel="instances"
          />
        </Panel>
        <Panel title="Utilization">
          <TimeSeriesChart
            {...common}
            data={byModel("utilizationPct")}
            series={modelSeries}
            format={(v) => `${Math.round(v)} %`}
            unitLabel="%"
            threshold={{ value: 85, label: "85 %" }}
          />
        </Panel>
        <Panel title="p95 latency">
          <TimeSeriesChart
            {...common}
            data={byModel("latencyP95Ms")}
            series={modelSeries}
            format={fmtMs}
            unitLabel="ms"
            threshold={slo === null ? undefined : { value: slo, label: `SLO ${fmtMs(slo)}` }}
          />
        </Panel>
        <Panel title="Spend and idle reserved rate">
          <TimeSeriesChart
            {...common}
            data={series.map((p) => ({
              t: p.t,
              partial: p.partial,
              spend: p.spendUsdPerHour,
              idle: p.idleReservedUsdPerHour,
            }))}
            series={[
              { key: "spend", label: "Spend" },
              { key: "idle", label: "Idle reserved" },
            ]}
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
