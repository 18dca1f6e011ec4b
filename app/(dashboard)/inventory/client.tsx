"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fmtUtc } from "@/components/format";
import { Kpi } from "@/components/kpi";
import { EmptyState, LoadError, LoadingBlock, RefreshError } from "@/components/query-status";
import type { TInventoryOverview } from "@/lib/inventory/read/inventory-dto";
import { inventoryKey, inventoryQuery, postInventorySync } from "@/lib/query-options/inventory-query";
import { ChangesTable, ProblemsTable, RunsTable, ScopesTable } from "./inventory-tables";

export function InventoryClient(props: {
  initialData: TInventoryOverview | null;
  initialError: string | null;
  canSync: boolean;
}) {
  const queryClient = useQueryClient();
  const query = useQuery({ ...inventoryQuery(), initialData: props.initialData ?? undefined });
  const sync = useMutation({
    mutationFn: postInventorySync,
    onSettled: () => queryClient.invalidateQueries({ queryKey: inventoryKey }),
  });
  const data = query.data;
  if (!data && props.initialError) return <LoadError what="the inventory" error={new Error(props.initialError)} />;
  if (query.isError && !data) return <LoadError what="the inventory" error={query.error} />;
  if (!data) return <LoadingBlock />;
  const lastRun = data.runs[0];

  return (
    <div aria-busy={query.isFetching}>
      <RefreshError error={query.isError ? query.error : null} />
      <p className="muted small">
        Source: <strong>{data.source === "aws" ? "AWS + Kubernetes + fleet config file" : "simulated fleet"}</strong> ·
        synced every {Math.round(data.syncIntervalSeconds / 60)} min
        {lastRun ? ` · last sync ${fmtUtc(lastRun.startedAt)}` : " · never synced"}
      </p>
      {props.canSync && (
        <p className="toolbar">
          <button type="button" onClick={() => sync.mutate()} disabled={sync.isPending}>
            {sync.isPending ? "Syncing…" : "Sync now"}
          </button>
          <span role="status" className="small">
            {sync.isError
              ? `Sync refused: ${sync.error.message}`
              : sync.data
                ? sync.data.sync.error
                  ? `Sync failed: ${sync.data.sync.error}`
                  : `Synced: ${sync.data.sync.changes} change(s), ${sync.data.sync.problems} problem(s), ${sync.data.sync.apiCalls} API calls in ${(sync.data.sync.durationMs / 1000).toFixed(1)} s`
                : ""}
          </span>
        </p>
      )}
      <section className="kpis" aria-label="Inventory counts">
        <Kpi label="Pools" value={String(data.counts.pools)} />
        <Kpi label="Retired pools" value={String(data.counts.retiredPools)} />
        <Kpi label="Models" value={String(data.counts.models)} />
        <Kpi label="Active reservations" value={String(data.counts.reservations)} />
        <Kpi label="Prices" value={String(data.counts.prices)} />
        <Kpi label="Problems" value={String(data.problems.length)} tone={data.problems.length ? "warn" : undefined} />
      </section>
      {data.runs.length === 0 ? (
        <EmptyState>No inventory sync has run yet. The first runs when the server starts.</EmptyState>
      ) : (
        <>
          <ProblemsTable problems={data.problems} />
          <ScopesTable scopes={data.scopes} />
          <ChangesTable changes={data.changes} />
          <RunsTable runs={data.runs} />
        </>
      )}
    </div>
  );
}
