"use client";
import { AnnotationList } from "@/components/charts/annotation-list";
import { TimeSeriesChart } from "@/components/charts/lazy-charts";
import { fmtMs, fmtPct, fmtUsdCompact, fmtUsdPerHour } from "@/components/format";
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

  return (
    <>
      <div className="grid-2" data-testid="pool-charts">
        <Panel title="Instances: in service, reserved, desired now">
          <TimeSeriesChart
            {...common}
            data={series.map((p) => ({
              t: p.t,
              partial: p.partial,
              instances: p.instances,
              reserved: p.reservedInstances,
            }))}
            // Reserved is drawn first, dashed and wider, so an equal "in service" line stays visible on top of it.
            series={[
              { key: "reserved", label: "Reserved", dash: "6 4", width: 3 },
              { key: "instances", label: "In service" },
            ]}
            // The pool's desired capacity is known now, not per minute of the past: one line, said so.
            references={[
              {
                value: data.pool.desiredCapacity,
                label: `Desired now: ${data.pool.desiredCapacity}`,
                color: "var(--warn)",
              },
            ]}
            format={(v) => v.toFixed(0)}
            tooltipFormat={(v) => `${v.toFixed(1)} instances`}
            unitLabel="instances"
          />
        </Panel>
        <Panel title="Utilization">
          <TimeSeriesChart
            {...common}
            data={byModel("utilizationPct")}
            series={modelSeries}
            format={(v) => `${Math.round(v)} %`}
            tooltipFormat={(v) => fmtPct(v)}
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
            logScale
            references={data.models.map((m) => ({
              value: m.sloP95Ms,
              label: `${data.models.length > 1 ? `${m.displayName} ` : ""}SLO ${fmtMs(m.sloP95Ms)}`,
              seriesKey: m.id,
            }))}
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
