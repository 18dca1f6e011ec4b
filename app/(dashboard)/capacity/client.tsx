"use client";
import { TotalsWindow } from "@/components/totals-window";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { TimeSeriesChart } from "@/components/charts/lazy-charts";
import { fmtPct, fmtUsd } from "@/components/format";
import { usdToCents } from "@/lib/money/usd";
import { Kpi } from "@/components/kpi";
import { Panel } from "@/components/panel";
import { EmptyState, LoadError, LoadingBlock, RefreshError } from "@/components/query-status";
import { TelemetryBanner } from "@/components/telemetry-banner";
import type { TCapacityOverview } from "@/lib/capacity/capacity-dto";
import { capacityQuery } from "@/lib/query-options/capacity-query";
import { initialFor } from "@/lib/query-options/initial-for";
import type { TRangeParams } from "@/lib/telemetry/sql/time-range";
import { useRangeParams } from "@/lib/url/use-range-params";
import { IdleTable, ReservationsTable } from "./capacity-tables";
import { CommitmentPanel } from "./commitment-panel";

export function CapacityClient({
  initialData,
  initialParams,
}: {
  initialData: TCapacityOverview;
  initialParams: TRangeParams;
}) {
  const { params, refreshMs } = useRangeParams();
  const query = useQuery({
    ...capacityQuery(params),
    initialData: initialFor(params, initialParams, initialData),
    refetchInterval: refreshMs,
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  if (query.isError && !data) return <LoadError what="reserved capacity" error={query.error} />;
  if (!data) return <LoadingBlock />;
  const { usage } = data;

  return (
    <div aria-busy={query.isFetching} data-range-from={data.range.from} data-range-to={data.range.to}>
      <TelemetryBanner {...data.telemetry} />
      <RefreshError error={query.isError ? query.error : null} />
      {data.commitments.length === 0 ? (
        <EmptyState>No reserved-capacity commitment is recorded.</EmptyState>
      ) : (
        data.commitments.map((c) => <CommitmentPanel key={c.id} burn={c} />)
      )}
      <h2 style={{ fontSize: 16 }}>Capacity reservations</h2>
      <p className="muted small">
        <TotalsWindow range={data.range} label="Use over" />. &quot;Used&quot; is reserved capacity covering an instance
        in service. Per reservation, &quot;Used now&quot;, the average and the utilization come from its 5-minute
        UsedInstanceCount and TotalInstanceCount (AWS/EC2CapacityReservations); periods without a datapoint are left out
        and counted as missing.
      </p>
      <section className="kpis" aria-label="Reservation use in range" data-testid="reservation-kpis">
        <Kpi
          label="Reserved utilization"
          value={fmtPct(usage.reservedUtilizationPct)}
          tone={(usage.reservedUtilizationPct ?? 100) < 90 ? "warn" : undefined}
        />
        <Kpi label="Reserved instance-hours" value={usage.reservedInstanceHours.toFixed(0)} />
        <Kpi label="Idle instance-hours" value={usage.idleInstanceHours.toFixed(0)} testId="kpi-idle-hours" />
        <Kpi
          label="Idle reserved $"
          value={fmtUsd(usage.idleReservedUsd)}
          tone={usdToCents(usage.idleReservedUsd) > 0 ? "warn" : undefined}
          testId="kpi-idle-usd"
        />
      </section>
      {usage.series.length === 0 ? (
        <EmptyState>No reserved capacity in this range.</EmptyState>
      ) : (
        <Panel title="Reserved vs used instances">
          <TimeSeriesChart
            data={usage.series}
            series={[
              { key: "reserved", label: "Reserved" },
              { key: "used", label: "Used (covering an instance in service)" },
            ]}
            stepSeconds={data.range.stepSeconds}
            format={(v) => v.toFixed(0)}
            unitLabel="instances"
          />
        </Panel>
      )}
      <ReservationsTable data={data} />
      <IdleTable
        totalIdleReservedUsd={usage.idleReservedUsd}
        title="Idle reserved by pool"
        keyLabel="Pool"
        relatedLabel="Models"
        rows={usage.byPool}
        linkBase="/pools/"
        relatedBase="/models/"
        filename={`idle-reserved-by-pool-${data.range.preset}.csv`}
        testId="idle-by-pool"
        urlPrefix="ip."
      />
      <IdleTable
        totalIdleReservedUsd={usage.idleReservedUsd}
        title="Idle reserved by model"
        keyLabel="Model"
        relatedLabel="Pools"
        rows={usage.byModel}
        linkBase="/models/"
        relatedBase="/pools/"
        filename={`idle-reserved-by-model-${data.range.preset}.csv`}
        testId="idle-by-model"
        urlPrefix="im."
      />
    </div>
  );
}
