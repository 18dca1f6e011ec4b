"use client";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Panel } from "@/components/panel";
import type { TPoolDetail } from "@/lib/pools/pool-dto";
import { POOL_RESERVATION_COLUMNS, poolModelColumns } from "./pool-detail-columns";

export function PoolModelsTable({ data }: { data: TPoolDetail }) {
  const columns = useMemo(() => poolModelColumns(data.range.minutes), [data.range.minutes]);
  return (
    <Panel title="Models served (spend is usage; idle reserved allocated by share of billed instances)">
      <DataTable
        testId="pool-models-table"
        label="Models served"
        columns={columns}
        rows={data.models}
        rowKey={(m) => m.id}
        rowAttributes={(m) => ({ "data-model": m.id })}
        urlPrefix="m."
        csvFilename={`${data.pool.id}-models-${data.range.preset}.csv`}
      />
    </Panel>
  );
}

export function PoolReservationsTable({ data }: { data: TPoolDetail }) {
  return (
    <Panel title="Capacity reservations">
      {data.reservations.length === 0 ? (
        <div className="empty">
          No capacity reservation targets this pool: every instance runs at the on-demand rate.
        </div>
      ) : (
        <DataTable
          testId="pool-reservations-table"
          label="Capacity reservations"
          columns={POOL_RESERVATION_COLUMNS}
          rows={data.reservations}
          rowKey={(r) => r.id}
          rowAttributes={(r) => ({ "data-reservation": r.id })}
          urlPrefix="r."
          csvFilename={`${data.pool.id}-reservations.csv`}
        />
      )}
    </Panel>
  );
}
