"use client";
import { fmtUtc } from "@/components/format";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { EmptyState, LoadError, LoadingBlock, RefreshError } from "@/components/query-status";
import { TelemetryBanner } from "@/components/telemetry-banner";
import { isActiveState, type PoolActionDto } from "@/lib/fleet/actions/action-dto";
import type { TPoolDetail } from "@/lib/pools/pool-dto";
import { initialFor } from "@/lib/query-options/initial-for";
import { poolActionHistoryQuery, poolDetailQuery } from "@/lib/query-options/pools-query";
import type { TRangeParams } from "@/lib/telemetry/sql/time-range";
import { useRangeParams } from "@/lib/url/use-range-params";
import { ActionHistoryTable } from "./action-history-table";
import { ActionRunningBanner } from "./action-running-banner";
import { PoolCharts } from "./pool-charts";
import { PoolKpis } from "./pool-kpis";
import { PoolModelsTable, PoolReservationsTable } from "./pool-tables";

/** While an action is under way its history is polled this often, whatever the auto-refresh. */
const ACTIVE_ACTION_POLL_MS = 5_000;
const isActive = (a: PoolActionDto) => isActiveState(a.state);

/** Changes whenever the action's effect on the pool may have: its steps' states and instances in service. */
function progressKey(a: PoolActionDto): string {
  return [
    a.state,
    ...a.steps.map((s) => `${s.name}:${s.state}:${s.name === "wait-for-instances" ? (s.detail?.inService ?? "") : ""}`),
  ].join("|");
}

export function PoolDetailClient(props: {
  poolId: string;
  initialData: TPoolDetail;
  initialActions: PoolActionDto[];
  initialParams: TRangeParams;
}) {
  const { poolId } = props;
  const { params, refreshMs } = useRangeParams();
  const queryClient = useQueryClient();
  const actionsQuery = useQuery({
    ...poolActionHistoryQuery(poolId),
    initialData: { actions: props.initialActions },
    refetchInterval: (q) => (q.state.data?.actions.some(isActive) ? ACTIVE_ACTION_POLL_MS : refreshMs),
  });
  const actions = actionsQuery.data?.actions ?? [];
  const activeCount = actions.filter(isActive).length;
  const active = actions.find(isActive);
  const progress = active ? progressKey(active) : "";
  const query = useQuery({
    ...poolDetailQuery(poolId, params),
    initialData: initialFor(params, props.initialParams, props.initialData),
    refetchInterval: activeCount > 0 ? 30_000 : refreshMs,
    placeholderData: keepPreviousData,
  });

  // When an action moves on (a step ends, an instance enters service or leaves) or finishes, the
  // pool's capacity, KPI tiles and series have changed: refetch them now, not at the next interval.
  const previousActive = useRef(activeCount);
  const previousProgress = useRef(progress);
  useEffect(() => {
    if (activeCount < previousActive.current || (progress && progress !== previousProgress.current))
      void queryClient.invalidateQueries({ queryKey: ["pools", poolId, "detail"] });
    previousActive.current = activeCount;
    previousProgress.current = progress;
  }, [activeCount, progress, poolId, queryClient]);

  const data = query.data;
  if (query.isError && !data) return <LoadError what="this pool" error={query.error} />;
  if (!data) return <LoadingBlock />;

  return (
    <div
      aria-busy={query.isFetching}
      data-range-from={data.range.from}
      data-range-to={data.range.to}
      data-pool={poolId}
    >
      <TelemetryBanner {...data.telemetry} />
      {data.pool.retiredAt && (
        <div className="banner warn" role="status" data-testid="pool-retired">
          Retired on {fmtUtc(data.pool.retiredAt)}: the inventory sync no longer finds this pool in its source. Its
          history and actions stay readable; nothing can be launched or drained.
        </div>
      )}
      <RefreshError error={query.isError ? query.error : null} />
      {actionsQuery.isError && (
        <div className="banner bad" role="alert">
          Could not refresh the action history: {actionsQuery.error.message}
        </div>
      )}
      {active && <ActionRunningBanner action={active} />}
      <PoolKpis data={data} />
      {data.series.length === 0 ? (
        <EmptyState>
          No telemetry for this pool in this range. Pick a longer range, or check the telemetry source.
        </EmptyState>
      ) : (
        <PoolCharts data={data} actions={actions} />
      )}
      <ActionHistoryTable poolId={poolId} actions={actions} />
      <PoolModelsTable data={data} />
      <PoolReservationsTable data={data} />
    </div>
  );
}
