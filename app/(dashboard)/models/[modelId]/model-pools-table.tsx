"use client";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Panel } from "@/components/panel";
import type { TModelDetail } from "@/lib/models/model-dto";
import { modelPoolColumns } from "./model-pool-columns";

export function ModelPoolsTable({ data }: { data: TModelDetail }) {
  const { model } = data;
  const columns = useMemo(() => modelPoolColumns(model, data.range.minutes), [model, data.range.minutes]);
  return (
    <Panel title={`Pools serving ${model.displayName} (${data.pools.length})`}>
      <DataTable
        testId="model-pools-table"
        label="Pools"
        columns={columns}
        rows={data.pools}
        rowKey={(p) => p.id}
        rowAttributes={(p) => ({ "data-pool": p.id })}
        searchPlaceholder="pool, chip, type, zone, state"
        csvFilename={`${model.id}-pools-${data.range.preset}.csv`}
      />
    </Panel>
  );
}
