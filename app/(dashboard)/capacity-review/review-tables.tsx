"use client";
import { useMemo } from "react";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { DataTable } from "@/components/data-table/data-table";
import { fmtChangePct, fmtPct, fmtUsd, fmtUsdPerHour } from "@/components/format";
import { Panel } from "@/components/panel";
import { UnallocatedIdleRow } from "@/components/unallocated-idle-row";
import type { TCapacityReview, TReviewChipRow } from "@/lib/capacity/review-dto";
import type { CsvColumn } from "@/lib/csv";
import { reviewModelColumns } from "./review-model-columns";

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

const CHIP_CSV: CsvColumn<TReviewChipRow>[] = [
  { header: "chip_family", value: (r) => r.chipFamily },
  { header: "utilization_pct", value: (r) => r.current.utilizationPct },
  { header: "prev_utilization_pct", value: (r) => r.previous?.utilizationPct },
  { header: "spend_usd", value: (r) => r.current.spendUsd },
  { header: "spend_usd_per_hour", value: (r) => r.current.spendUsdPerHour },
  { header: "prev_spend_usd_per_hour", value: (r) => r.previous?.spendUsdPerHour },
  { header: "idle_reserved_usd", value: (r) => r.current.idleReservedUsd },
  { header: "slo_attainment_pct", value: (r) => r.current.sloAttainmentPct },
];

export function ChipFamilyReviewTable({ data }: { data: TCapacityReview }) {
  return (
    <Panel
      title="Per chip family"
      testId="review-chips"
      actions={
        <CsvDownloadButton
          filename={`capacity-review-chip-families-${data.month}.csv`}
          columns={CHIP_CSV}
          rows={data.chipFamilies}
        />
      }
    >
      <div className="scroll-x">
        <table data-testid="review-chips-table">
          <thead>
            <tr>
              <th>Chip family</th>
              <th className="num">Utilization (prev)</th>
              <th className="num">Spend</th>
              <th className="num">Spend rate vs prev</th>
              <th className="num">Idle reserved</th>
              <th className="num">SLO attainment, requests</th>
            </tr>
          </thead>
          <tbody>
            {data.chipFamilies.map((r) => (
              <tr key={r.chipFamily} data-chip-family={r.chipFamily}>
                <td>{r.chipFamily === "trainium" ? "Trainium" : "Graviton"}</td>
                <td className="num">
                  {fmtPct(r.current.utilizationPct)}{" "}
                  <span className="muted">({fmtPct(r.previous?.utilizationPct)})</span>
                </td>
                <td className="num" data-field="spend">
                  {fmtUsd(r.current.spendUsd)}
                </td>
                <td className="num">
                  {fmtUsdPerHour(r.current.spendUsdPerHour)}{" "}
                  <span className="muted">{fmtChangePct(r.current.spendUsdPerHour, r.previous?.spendUsdPerHour)}</span>
                </td>
                <td className="num">{fmtUsd(r.current.idleReservedUsd)}</td>
                <td className="num">{fmtPct(r.current.sloAttainmentPct, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
