import { Kpi } from "@/components/kpi";
import { fmtMs, fmtPct, fmtUsd } from "@/components/format";
import { usdToCents } from "@/lib/money/usd";
import type { TOnCall } from "@/lib/overview/on-call-dto";

const CHIP_LABEL: Record<string, string> = { trainium: "Trainium", graviton: "Graviton" };

// The on-call headline figures that the range KPIs above do not cover: utilization per chip family
// and models over SLO (picked range), spend month to date and reserved capacity today (fixed windows).
export function OnCallKpis(props: {
  onCall: TOnCall;
  modelsOverSlo: number;
  modelCount: number;
  fleetP99Ms: number | null;
}) {
  const { onCall } = props;
  return (
    <section className="kpis" aria-label="On-call figures" data-testid="on-call-kpis">
      {onCall.chipFamilies.map((c) => (
        <Kpi
          key={c.chipFamily}
          label={`${CHIP_LABEL[c.chipFamily] ?? c.chipFamily} utilization`}
          value={fmtPct(c.utilizationPct)}
          hint={`${c.avgInstances.toFixed(0)} instances avg`}
        />
      ))}
      <Kpi
        label="Models over p95 SLO"
        value={`${props.modelsOverSlo} of ${props.modelCount}`}
        tone={props.modelsOverSlo > 0 ? "bad" : undefined}
        testId="kpi-models-over-slo"
      />
      <Kpi label="Fleet p99 latency" value={fmtMs(props.fleetP99Ms)} />
      <Kpi
        label="Spend month to date"
        value={fmtUsd(onCall.monthToDate.spendUsd)}
        hint={`since ${onCall.monthToDate.from.slice(0, 10)} UTC`}
        testId="kpi-spend-mtd"
      />
      <Kpi
        label="Reserved utilization today"
        value={fmtPct(onCall.reservedToday.reservedUtilizationPct)}
        hint={`${onCall.reservedToday.idleInstanceHours.toFixed(0)} idle instance-hours`}
      />
      <Kpi
        label="Idle reserved $ today"
        value={fmtUsd(onCall.reservedToday.idleReservedUsd)}
        tone={usdToCents(onCall.reservedToday.idleReservedUsd) > 0 ? "warn" : undefined}
        testId="kpi-idle-today"
      />
    </section>
  );
}
