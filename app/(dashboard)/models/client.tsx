"use client";
import { useMemo } from "react";
import { TotalsWindow } from "@/components/totals-window";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable } from "@/components/data-table/data-table";
import { Panel } from "@/components/panel";
import { UnallocatedIdleRow } from "@/components/unallocated-idle-row";
import { LoadError, LoadingBlock, RefreshError } from "@/components/query-status";
import { TelemetryBanner } from "@/components/telemetry-banner";
import type { TModelList } from "@/lib/models/model-dto";
import { initialFor } from "@/lib/query-options/initial-for";
import { modelsQuery } from "@/lib/query-options/models-query";
import type { TRangeParams } from "@/lib/telemetry/sql/time-range";
import { useRangeParams } from "@/lib/url/use-range-params";
import { MODEL_FILTERS, modelColumns } from "./model-columns";

export function ModelsClient({ initialData, initialParams }: { initialData: TModelList; initialParams: TRangeParams }) {
  const { params, refreshMs } = useRangeParams();
  const query = useQuery({
    ...modelsQuery(params),
    initialData: initialFor(params, initialParams, initialData),
    refetchInterval: refreshMs,
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const rangeMinutes = data?.range.minutes ?? 0;
  const spendTotalUsd = data?.totals.spendUsd ?? "0.00";
  const columns = useMemo(() => modelColumns({ rangeMinutes, spendTotalUsd }), [rangeMinutes, spendTotalUsd]);
  if (query.isError && !data) return <LoadError what="the models" error={query.error} />;
  if (!data) return <LoadingBlock />;

  return (
    <div aria-busy={query.isFetching} data-range-from={data.range.from} data-range-to={data.range.to}>
      <TelemetryBanner {...data.telemetry} />
      <RefreshError error={query.isError ? query.error : null} />
      <p className="muted small">
        <TotalsWindow range={data.range} />. Spend is usage: billed instances serving the model, idle reserved not
        included. Fully loaded cost per unit adds the model&apos;s share of its pools&apos; idle reserved dollars.
      </p>
      <Panel title={`Models (${data.models.length})`}>
        <DataTable
          testId="models-table"
          label="Models"
          columns={columns}
          rows={data.models}
          rowKey={(m) => m.id}
          rowAttributes={(m) => ({ "data-model": m.id })}
          filters={MODEL_FILTERS}
          searchPlaceholder="name, team, kind, chip family, pool"
          csvFilename={`models-${data.range.preset}.csv`}
          footer={(layout) => {
            const at = layout.indexOf("idle-reserved");
            return (
              <UnallocatedIdleRow
                unallocated={data.unallocatedIdleReserved}
                before={at}
                after={layout.count - at - 1}
              />
            );
          }}
        />
      </Panel>
    </div>
  );
}
