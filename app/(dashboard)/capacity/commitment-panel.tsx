"use client";
import { CommitmentBurnChart } from "@/components/charts/lazy-charts";
import { fmtUsd, fmtUsdPerHour, fmtUtc, fmtWindow } from "@/components/format";
import { Kpi } from "@/components/kpi";
import { Panel } from "@/components/panel";
import type { TCommitmentBurn } from "@/lib/capacity/capacity-dto";
import { centsToUsd, usdToCents } from "@/lib/money/usd";

export function CommitmentPanel({ burn }: { burn: TCommitmentBurn }) {
  // Differences of amounts in exact cents (both sides are already rounded to the cent).
  const vsPlan = centsToUsd(usdToCents(burn.spentToDateUsd) - usdToCents(burn.planToDateUsd));
  const vsTotal = centsToUsd(usdToCents(burn.forecastAtEndUsd) - usdToCents(burn.totalUsd));
  const ahead = !vsPlan.startsWith("-");
  const short = vsTotal.startsWith("-");
  const abs = (v: string) => v.replace("-", "");
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
          label={ahead ? "Ahead of plan" : "Behind plan"}
          value={fmtUsd(abs(vsPlan))}
          tone={ahead ? undefined : "warn"}
        />
        <Kpi
          label="Run-rate (7 days)"
          value={fmtUsdPerHour(burn.runRateUsdPerHour)}
          hint={`spend + idle reserved over ${fmtWindow(burn.runRateFrom, burn.asOf)}`}
        />
        <Kpi
          label="Forecast at end"
          value={fmtUsd(burn.forecastAtEndUsd)}
          hint={short ? `${fmtUsd(abs(vsTotal))} short of the commitment` : `${fmtUsd(vsTotal)} over the commitment`}
          tone={short ? "warn" : undefined}
          testId="kpi-commitment-forecast"
        />
      </section>
      <CommitmentBurnChart burn={burn} />
    </Panel>
  );
}
