"use client";
import { CommitmentBurnChart } from "@/components/charts/lazy-charts";
import { fmtUsd, fmtUsdPerHour, fmtUtc, fmtWindow } from "@/components/format";
import { Kpi } from "@/components/kpi";
import { Panel } from "@/components/panel";
import type { TCommitmentBurn } from "@/lib/capacity/capacity-dto";

export function CommitmentPanel({ burn }: { burn: TCommitmentBurn }) {
  const vsPlan = burn.spentToDateUsd - burn.planToDateUsd;
  const vsTotal = burn.forecastAtEndUsd - burn.totalUsd;
  return (
    <Panel title={burn.name} testId="commitment">
      <p className="muted small">
        {fmtUtc(burn.startAt)} → {fmtUtc(burn.endAt)} · spent to date = {fmtUsd(burn.priorSpendUsd)} billed before
        tracking + {fmtUsd(burn.trackedSpendUsd)} spend + {fmtUsd(burn.trackedIdleReservedUsd)} idle reserved from
        telemetry, as of {fmtUtc(burn.asOf)}
      </p>
      <section className="kpis" aria-label="Commitment">
        <Kpi label="Commitment" value={fmtUsd(burn.totalUsd)} />
        <Kpi label="Spent to date" value={fmtUsd(burn.spentToDateUsd)} testId="kpi-commitment-spent" />
        <Kpi label="Linear plan to date" value={fmtUsd(burn.planToDateUsd)} />
        <Kpi
          label={vsPlan >= 0 ? "Ahead of plan" : "Behind plan"}
          value={fmtUsd(Math.abs(vsPlan))}
          tone={vsPlan < 0 ? "warn" : undefined}
        />
        <Kpi
          label="Run-rate (7 days)"
          value={fmtUsdPerHour(burn.runRateUsdPerHour)}
          hint={`spend + idle reserved over ${fmtWindow(burn.runRateFrom, burn.asOf)}`}
        />
        <Kpi
          label="Forecast at end"
          value={fmtUsd(burn.forecastAtEndUsd)}
          hint={vsTotal < 0 ? `${fmtUsd(-vsTotal)} short of the commitment` : `${fmtUsd(vsTotal)} over the commitment`}
          tone={vsTotal < 0 ? "warn" : undefined}
          testId="kpi-commitment-forecast"
        />
      </section>
      <CommitmentBurnChart burn={burn} />
    </Panel>
  );
}
