"use client";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Panel } from "@/components/panel";
import { UnallocatedIdleRow } from "@/components/unallocated-idle-row";
import type { TCapacityReview } from "@/lib/capacity/review-dto";
import { REVIEW_CHIP_COLUMNS, reviewModelColumns } from "./review-columns";

export function ModelReviewTable({ data }: { data: TCapacityReview }) {
  const spendTotalUsd = data.fleet.current?.spendUsd ?? null;
  const columns = useMemo(() => reviewModelColumns({ spendTotalUsd }), [spendTotalUsd]);
  return (
    <Panel title="Per model (spend is usage, idle reserved not included)" testId="review-models">
      <DataTable
        testId="review-models-table"
        label="Models"
        columns={columns}
        rows={data.models}
        rowKey={(r) => r.id}
        rowAttributes={(r) => ({ "data-model": r.id })}
        searchPlaceholder="model, kind"
        csvFilename={`capacity-review-models-${data.month}.csv`}
        footer={(layout) => {
          const at = layout.indexOf("idle-reserved");
          return (
            <UnallocatedIdleRow unallocated={data.unallocatedIdleReserved} before={at} after={layout.count - at - 1} />
          );
        }}
      />
    </Panel>
  );
}

export function ChipFamilyReviewTable({ data }: { data: TCapacityReview }) {
  return (
    <Panel title="Per chip family" testId="review-chips">
      <DataTable
        testId="review-chips-table"
        label="Chip families"
        columns={REVIEW_CHIP_COLUMNS}
        rows={data.chipFamilies}
        rowKey={(r) => r.chipFamily}
        rowAttributes={(r) => ({ "data-chip-family": r.chipFamily })}
        urlPrefix="cf."
        csvFilename={`capacity-review-chip-families-${data.month}.csv`}
      />
    </Panel>
  );
}
