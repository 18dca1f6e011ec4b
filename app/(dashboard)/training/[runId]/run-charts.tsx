"use client";
import { TimeSeriesChart } from "@/components/charts/lazy-charts";
import { fmtMs, fmtPct } from "@/components/format";
import { Panel } from "@/components/panel";
import type { TTrainingRunHour } from "@/lib/training/run-detail-dto";
import { fmtTokensPerSecond } from "../format-training";

// A run's telemetry per hour (means over the minutes reported in it). Client side: the chart's
// formatters are functions, which a server component cannot hand over.
export function RunCharts({ hours }: { hours: TTrainingRunHour[] }) {
  if (hours.length === 0)
    return (
      <Panel title="Telemetry">
        <p className="empty">No telemetry for this run.</p>
      </Panel>
    );
  const data = hours.map((h) => ({
    t: h.t,
    tps: h.tokensPerSecond,
    util: h.neuronCoreUtilizationPct,
    step: h.stepTimeMs,
    goodput: h.reportedMinutes > 0 ? (h.progressMinutes / h.reportedMinutes) * 100 : null,
  }));
  return (
    <>
      <Panel title="Throughput (hourly mean)" testId="run-throughput-chart">
        <TimeSeriesChart
          data={data}
          series={[{ key: "tps", label: "tokens/s" }]}
          stepSeconds={3600}
          format={(v) => fmtTokensPerSecond(v)}
          unitLabel="tokens/s"
        />
      </Panel>
      <Panel title="NeuronCore utilization and progress share (hourly)" testId="run-utilization-chart">
        <TimeSeriesChart
          data={data}
          series={[
            { key: "util", label: "NeuronCore utilization" },
            { key: "goodput", label: "minutes progressing" },
          ]}
          stepSeconds={3600}
          format={(v) => fmtPct(v, 0)}
          unitLabel="%"
        />
      </Panel>
      <Panel title="Step time (hourly mean)" testId="run-step-time-chart">
        <TimeSeriesChart
          data={data}
          series={[{ key: "step", label: "step time" }]}
          stepSeconds={3600}
          format={(v) => fmtMs(v)}
          unitLabel="ms"
        />
      </Panel>
    </>
  );
}
