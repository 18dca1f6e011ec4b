"use client";
import { GroupDaysTable } from "./group-days-table";
import { useQuery } from "@tanstack/react-query";
import { fmtPct, fmtUsd, fmtUtc } from "@/components/format";
import { centsToUsd, usdToCents } from "@/lib/money/usd";
import { Kpi } from "@/components/kpi";
import { EmptyState, LoadError, LoadingBlock, RefreshError } from "@/components/query-status";
import type { TBilledVsEstimated, TBillingParams } from "@/lib/billing/billed-vs-estimated-dto";
import { billingQuery } from "@/lib/query-options/billing-query";
import { ChipFamiliesTable, DaysTable, FilesTable, PoolDaysTable } from "./billing-tables";

const SOURCE_LABEL: Record<TBilledVsEstimated["source"], string> = {
  simulated: "the simulated fleet's FOCUS export",
  s3: "AWS Data Exports (FOCUS 1.2) in S3",
  none: "none configured (BILLING_SOURCE=none)",
};

export function BillingClient(props: { initialData: TBilledVsEstimated; params: TBillingParams }) {
  const query = useQuery({ ...billingQuery(props.params), initialData: props.initialData });
  const data = query.data;
  if (query.isError && !data) return <LoadError what="billing" error={query.error} />;
  if (!data) return <LoadingBlock />;
  const billedDays = data.days.filter((d) => d.billedUsd !== null);
  // In cents from the days' amounts (lib/money): the tiles are the sums of the rows shown.
  const billedCents = billedDays.reduce((a, d) => a + (d.billedUsd === null ? 0 : usdToCents(d.billedUsd)), 0);
  const estimatedCents = billedDays.reduce((a, d) => a + (d.estimatedUsd === null ? 0 : usdToCents(d.estimatedUsd)), 0);
  const billed = centsToUsd(billedCents);
  const estimated = centsToUsd(estimatedCents);
  const over = data.rows.filter((r) => r.overThreshold).length;
  return (
    <div aria-busy={query.isFetching}>
      <RefreshError error={query.isError ? query.error : null} />
      <p className="muted small" data-testid="billing-boundary">
        Bill: <strong>{SOURCE_LABEL[data.source]}</strong> ·{" "}
        {data.billedUntil
          ? `billed through ${fmtUtc(data.billedUntil)} (exclusive); from then on, today included, the figures are the telemetry estimate (the bill lags a day or more)`
          : "no bill ingested yet: every figure is the telemetry estimate"}
      </p>
      <section className="kpis" aria-label="Billed days">
        <Kpi label="Billed (EffectiveCost), billed days" value={fmtUsd(billedDays.length ? billed : null)} />
        <Kpi label="Estimated, same days" value={fmtUsd(billedDays.length ? estimated : null)} />
        <Kpi
          label="Drift"
          value={
            billedDays.length
              ? `${fmtUsd(centsToUsd(billedCents - estimatedCents))} (${fmtPct(estimatedCents > 0 ? ((billedCents - estimatedCents) / estimatedCents) * 100 : null)})`
              : "—"
          }
        />
        <Kpi
          label={`Pool-days over ${data.thresholdPct} % and ${fmtUsd(data.thresholdUsd)}`}
          value={String(over)}
          tone={over > 0 ? "warn" : undefined}
          testId="billing-over-threshold"
        />
        <Kpi
          label="Billed, not the fleet's (unmapped)"
          value={fmtUsd(data.unmappedUsd)}
          hint="other services, storage, unknown tags"
        />
      </section>
      {data.rows.length === 0 ? (
        <EmptyState>No telemetry and no bill in these days yet.</EmptyState>
      ) : (
        <>
          <DaysTable days={data.days} billedUntil={data.billedUntil} />
          {data.chipFamilies.length > 0 && <ChipFamiliesTable families={data.chipFamilies} />}
          <GroupDaysTable
            title="Per chip family and day"
            testId="billing-chip-family-days"
            keyLabel="Chip family"
            keyHeader="chip_family"
            rows={data.byChipFamilyDay}
          />
          <GroupDaysTable
            title="Per model and day"
            testId="billing-model-days"
            keyLabel="Model"
            keyHeader="model"
            note="The bill names pools, not models: a pool-day's billed dollars go to its models by their shares of its estimate."
            rows={data.byModelDay}
          />
          <PoolDaysTable rows={data.rows} />
        </>
      )}
      <FilesTable files={data.files} />
    </div>
  );
}
