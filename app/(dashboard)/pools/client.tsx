"use client";
import { TotalsWindow } from "@/components/totals-window";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { fmtUtc } from "@/components/format";
import { Panel } from "@/components/panel";
import { LoadError, LoadingBlock, RefreshError } from "@/components/query-status";
import { TelemetryBanner } from "@/components/telemetry-banner";
import type { CsvColumn } from "@/lib/csv";
import type { TPoolList, TPoolRow } from "@/lib/pools/pool-dto";
import { filterAndSortPools, parsePoolFilters } from "@/lib/pools/pool-filters";
import { initialFor } from "@/lib/query-options/initial-for";
import { poolsQuery } from "@/lib/query-options/pools-query";
import type { TRangeParams } from "@/lib/telemetry/sql/time-range";
import { useRangeParams } from "@/lib/url/use-range-params";
import { PoolFiltersBar } from "./pool-filters-bar";
import { PoolsTable } from "./pools-table";

const CSV: CsvColumn<TPoolRow>[] = [
  { header: "pool", value: (p) => p.id },
  { header: "models", value: (p) => p.models.join(" ") },
  { header: "chip_family", value: (p) => p.chipFamily },
  { header: "instance_type", value: (p) => p.instanceType },
  { header: "region", value: (p) => p.region },
  { header: "availability_zone", value: (p) => p.availabilityZone },
  { header: "state", value: (p) => p.state },
  { header: "desired_capacity", value: (p) => p.desiredCapacity },
  { header: "in_service", value: (p) => p.inService },
  { header: "reserved_now", value: (p) => p.reservedNow },
  { header: "utilization_pct", value: (p) => p.metrics.utilizationPct },
  { header: "latency_p95_ms", value: (p) => p.metrics.latencyP95Ms },
  { header: "spend_usd", value: (p) => p.metrics.spendUsd },
  { header: "spend_usd_per_hour", value: (p) => p.metrics.spendUsdPerHour },
  { header: "idle_reserved_usd", value: (p) => p.metrics.idleReservedUsd },
];

export function PoolsClient({ initialData, initialParams }: { initialData: TPoolList; initialParams: TRangeParams }) {
  const { params, refreshMs } = useRangeParams();
  const search = useSearchParams();
  const filters = parsePoolFilters(new URLSearchParams(search.toString()));
  // Filters and sort only reorder rows already loaded: change the URL without a server round trip
  // (Next syncs history.replaceState with useSearchParams), so a shared link still reproduces them.
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    window.history.replaceState(null, "", `?${next.toString()}`);
  };
  const query = useQuery({
    ...poolsQuery(params),
    initialData: initialFor(params, initialParams, initialData),
    refetchInterval: refreshMs,
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  if (query.isError && !data) return <LoadError what="the pools" error={query.error} />;
  if (!data) return <LoadingBlock />;
  const rows = filterAndSortPools([...data.pools], filters);

  return (
    <div aria-busy={query.isFetching} data-range-from={data.range.from} data-range-to={data.range.to}>
      <TelemetryBanner {...data.telemetry} />
      <RefreshError error={query.isError ? query.error : null} />
      <PoolFiltersBar pools={data.pools} filters={filters} onChange={update} />
      <Panel
        title={`Pools (${rows.length} of ${data.pools.length})`}
        actions={<CsvDownloadButton filename={`pools-${data.range.preset}.csv`} columns={CSV} rows={rows} />}
      >
        <p className="muted small">
          <TotalsWindow range={data.range} label="Utilization and spend over" />; in service averaged over{" "}
          {fmtUtc(data.nowWindow.from)} → {fmtUtc(data.nowWindow.to)}.
        </p>
        {rows.length === 0 ? (
          <div className="empty">No pool matches these filters.</div>
        ) : (
          <PoolsTable rows={rows} filters={filters} onSort={(sort, dir) => update({ sort, dir })} />
        )}
      </Panel>
    </div>
  );
}
