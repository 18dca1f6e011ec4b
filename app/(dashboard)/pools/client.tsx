"use client";
import { TotalsWindow } from "@/components/totals-window";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable } from "@/components/data-table/data-table";
import { fmtUtc } from "@/components/format";
import { Panel } from "@/components/panel";
import { LoadError, LoadingBlock, RefreshError } from "@/components/query-status";
import { TelemetryBanner } from "@/components/telemetry-banner";
import type { TPoolList } from "@/lib/pools/pool-dto";
import { initialFor } from "@/lib/query-options/initial-for";
import { poolsQuery } from "@/lib/query-options/pools-query";
import type { TRangeParams } from "@/lib/telemetry/sql/time-range";
import { useRangeParams } from "@/lib/url/use-range-params";
import { POOL_COLUMNS, POOL_FILTERS, POOL_DEFAULT_SORT } from "./pool-columns";

export function PoolsClient({ initialData, initialParams }: { initialData: TPoolList; initialParams: TRangeParams }) {
  const { params, refreshMs } = useRangeParams();
  const query = useQuery({
    ...poolsQuery(params),
    initialData: initialFor(params, initialParams, initialData),
    refetchInterval: refreshMs,
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  if (query.isError && !data) return <LoadError what="the pools" error={query.error} />;
  if (!data) return <LoadingBlock />;

  return (
    <div aria-busy={query.isFetching} data-range-from={data.range.from} data-range-to={data.range.to}>
      <TelemetryBanner {...data.telemetry} />
      <RefreshError error={query.isError ? query.error : null} />
      <Panel title={`Pools (${data.pools.length})`}>
        <p className="muted small">
          <TotalsWindow range={data.range} label="Utilization and spend over" />; in service averaged over{" "}
          {fmtUtc(data.nowWindow.from)} → {fmtUtc(data.nowWindow.to)}.
        </p>
        <DataTable
          testId="pools-table"
          label="Pools"
          columns={POOL_COLUMNS}
          rows={data.pools}
          rowKey={(p) => p.id}
          rowAttributes={(p) => ({ "data-pool": p.id })}
          filters={POOL_FILTERS}
          searchPlaceholder="pool, model, instance type, zone"
          defaultSort={POOL_DEFAULT_SORT}
          csvFilename={`pools-${data.range.preset}.csv`}
        />
      </Panel>
    </div>
  );
}
