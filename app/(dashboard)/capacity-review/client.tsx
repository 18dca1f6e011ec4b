"use client";
import { usdToCents } from "@/lib/money/usd";
import { TotalsWindow } from "@/components/totals-window";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { fmtChangePct, fmtPct, fmtUsd, fmtUsdPerHour } from "@/components/format";
import { Kpi } from "@/components/kpi";
import { EmptyState, LoadError, LoadingBlock, RefreshError } from "@/components/query-status";
import { TelemetryBanner } from "@/components/telemetry-banner";
import type { TCapacityReview } from "@/lib/capacity/review-dto";
import { monthBounds, monthLabel, ZReviewInput, type TReviewInput } from "@/lib/capacity/review-month";
import { capacityReviewQuery } from "@/lib/query-options/capacity-query";
import { initialFor } from "@/lib/query-options/initial-for";
import { useRangeParams } from "@/lib/url/use-range-params";
import { CoverageNote } from "./coverage-note";
import { RecommendationsList } from "./recommendations-list";
import { ChipFamilyReviewTable, ModelReviewTable } from "./review-tables";

export function CapacityReviewClient({
  initialData,
  initialInput,
}: {
  initialData: TCapacityReview;
  initialInput: TReviewInput;
}) {
  const search = useSearchParams();
  const { refreshMs } = useRangeParams();
  const month = search.get("month");
  const parsed = ZReviewInput.safeParse(month ? { month } : {});
  const input = parsed.success ? parsed.data : initialInput;
  const query = useQuery({
    ...capacityReviewQuery(input),
    initialData: initialFor(input, initialInput, initialData),
    refetchInterval: refreshMs,
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  if (query.isError && !data) return <LoadError what="the capacity review" error={query.error} />;
  if (!data) return <LoadingBlock />;
  const { current, previous } = data.fleet;
  const inProgress = Date.parse(data.range.to) < monthBounds(data.month).end.getTime();

  return (
    <div
      aria-busy={query.isFetching}
      data-month={data.month}
      data-range-from={data.range.from}
      data-range-to={data.range.to}
    >
      <TelemetryBanner {...data.telemetry} />
      <RefreshError error={query.isError ? query.error : null} />
      <p className="muted small">
        <TotalsWindow range={data.range} />, compared with {monthLabel(data.previousMonth)}. Spend changes compare spend
        per hour, so a month in progress compares fairly with a whole one.
      </p>
      <CoverageNote coverage={data.coverage} month={monthLabel(data.month)} />
      {!current ? (
        <EmptyState>No telemetry for {monthLabel(data.month)}. Pick another month.</EmptyState>
      ) : (
        <>
          {!previous && (
            <div className="banner warn" role="status" data-testid="no-previous-month">
              No telemetry for {monthLabel(data.previousMonth)}: month-over-month comparisons are blank.
            </div>
          )}
          <section className="kpis" aria-label="Fleet this month" data-testid="review-kpis">
            <Kpi
              label={inProgress ? "Spend month to date" : "Spend"}
              value={fmtUsd(current.spendUsd)}
              hint="usage: idle reserved not included"
              testId="kpi-review-spend"
            />
            <Kpi
              label="Spend rate (avg over the month's observed hours)"
              value={fmtUsdPerHour(current.spendUsdPerHour)}
              hint={`${fmtChangePct(current.spendUsdPerHour, previous?.spendUsdPerHour)} vs previous month`}
            />
            <Kpi
              label="Utilization"
              value={fmtPct(current.utilizationPct)}
              hint={`previous ${fmtPct(previous?.utilizationPct)}`}
            />
            <Kpi
              label="Idle reserved"
              value={fmtUsd(current.idleReservedUsd)}
              hint={`allocated to models; plus ${fmtUsd(data.unallocatedIdleReserved.usd)} on pools serving no model`}
              tone={usdToCents(current.idleReservedUsd) > 0 ? "warn" : undefined}
            />
            <Kpi
              label="SLO attainment (requests)"
              value={fmtPct(current.sloAttainmentPct, 2)}
              hint={`requests within their model's p95 SLO; previous ${fmtPct(previous?.sloAttainmentPct, 2)}`}
            />
          </section>
          <RecommendationsList data={data} />
          <ModelReviewTable data={data} />
          <ChipFamilyReviewTable data={data} />
        </>
      )}
    </div>
  );
}
