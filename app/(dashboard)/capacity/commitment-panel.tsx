"use client";
import { CommitmentBurnChart } from "@/components/charts/lazy-charts";
import { fmtPct, fmtUsd, fmtUtc } from "@/components/format";
import { Kpi } from "@/components/kpi";
import { Panel } from "@/components/panel";
import type { TCommitmentBurn } from "@/lib/capacity/capacity-dto";
import { centsToUsd, usdToCents } from "@/lib/money/usd";

const day = (iso: string) => iso.slice(0, 10);
const abs = (v: string) => v.replace("-", "");
const vsTotal = (v: string) => (v.startsWith("-") ? `${fmtUsd(abs(v))} short` : `${fmtUsd(v)} over`);

export function CommitmentPanel({ burn }: { burn: TCommitmentBurn }) {
  // A difference of amounts in exact cents (both sides are already rounded to the cent).
  const vsPlan = centsToUsd(usdToCents(burn.burnedToDateUsd) - usdToCents(burn.planToDateUsd));
  const ahead = !vsPlan.startsWith("-");
  const short = burn.forecastVsTotalUsd.startsWith("-");
  return (
    <Panel title={burn.name} testId="commitment">
      <p className="muted small" data-testid="commitment-basis">
        {fmtUtc(burn.startAt)} → {fmtUtc(burn.endAt)}
        {burn.takeOrPay ? " · take-or-pay" : ""} · burned to date = {fmtUsd(burn.priorSpendUsd)} billed before the
        bill&apos;s first day
        {burn.billFrom && burn.billedUntil
          ? ` + ${fmtUsd(burn.billedUsd)} billed ${day(burn.billFrom)} → ${day(burn.billedUntil)} (all services, before tax; the fleet's share ${fmtUsd(burn.fleetBilledUsd)}, ${fmtPct(burn.fleetSharePct)})`
          : " (no bill ingested)"}{" "}
        + {fmtUsd(burn.estimatedUsd)} estimated since {burn.billedUntil ? day(burn.billedUntil) : "tracking began"}{" "}
        (fleet telemetry + other services at {fmtUsd(burn.otherServicesUsdPerDay)}/day), as of {fmtUtc(burn.asOf)}
      </p>
      <section className="kpis" aria-label="Commitment">
        <Kpi label="Commitment" value={fmtUsd(burn.totalUsd)} />
        <Kpi label="Burned to date" value={fmtUsd(burn.burnedToDateUsd)} testId="kpi-commitment-spent" />
        <Kpi label="Plan to date" value={fmtUsd(burn.planToDateUsd)} hint="declared yearly amounts" />
        <Kpi
          label={ahead ? "Ahead of plan" : "Behind plan"}
          value={fmtUsd(abs(vsPlan))}
          tone={ahead ? undefined : "warn"}
        />
        <Kpi
          label={`Run-rate (${burn.runRateDays} days)`}
          value={`${fmtUsd(burn.runRateUsdPerDay)}/day`}
          hint={
            burn.runRateWeeks > 0
              ? `weekly ${fmtUsd(burn.runRateLowUsdPerDay)} – ${fmtUsd(burn.runRateHighUsdPerDay)}/day`
              : "no complete week yet: no range"
          }
        />
        <Kpi
          label="Forecast at end"
          value={fmtUsd(burn.forecastAtEndUsd)}
          hint={`${vsTotal(burn.forecastVsTotalUsd)}; range ${fmtUsd(burn.forecastLowUsd)} – ${fmtUsd(burn.forecastHighUsd)} (${vsTotal(burn.forecastLowVsTotalUsd)} – ${vsTotal(burn.forecastHighVsTotalUsd)})`}
          tone={short ? "warn" : undefined}
          testId="kpi-commitment-forecast"
        />
      </section>
      <CommitmentBurnChart burn={burn} />
    </Panel>
  );
}
