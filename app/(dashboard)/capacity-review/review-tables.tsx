"use client";
import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { fmtChangePct, fmtCostPerUnit, fmtCount, fmtPct, fmtUsd, fmtUsdPerHour } from "@/components/format";
import { Panel } from "@/components/panel";
import { UnallocatedIdleRow } from "@/components/unallocated-idle-row";
import type { TCapacityReview, TReviewChipRow, TReviewModelRow } from "@/lib/capacity/review-dto";
import type { CsvColumn } from "@/lib/csv";

const MODEL_CSV: CsvColumn<TReviewModelRow>[] = [
  { header: "model", value: (r) => r.id },
  { header: "kind", value: (r) => r.kind },
  { header: "utilization_pct", value: (r) => r.current.utilizationPct },
  { header: "prev_utilization_pct", value: (r) => r.previous?.utilizationPct },
  { header: "spend_usd", value: (r) => r.current.spendUsd },
  { header: "spend_usd_per_hour", value: (r) => r.current.spendUsdPerHour },
  { header: "prev_spend_usd", value: (r) => r.previous?.spendUsd },
  { header: "prev_spend_usd_per_hour", value: (r) => r.previous?.spendUsdPerHour },
  { header: "cost_per_unit_usd", value: (r) => r.current.costPerUnitUsd },
  { header: "prev_cost_per_unit_usd", value: (r) => r.previous?.costPerUnitUsd },
  { header: "fully_loaded_cost_per_unit_usd", value: (r) => r.current.fullyLoadedCostPerUnitUsd },
  { header: "prev_fully_loaded_cost_per_unit_usd", value: (r) => r.previous?.fullyLoadedCostPerUnitUsd },
  { header: "cost_unit", value: (r) => r.costLabel },
  { header: "idle_reserved_usd", value: (r) => r.current.idleReservedUsd },
  { header: "slo_attainment_pct", value: (r) => r.current.sloAttainmentPct },
  { header: "prev_slo_attainment_pct", value: (r) => r.previous?.sloAttainmentPct },
  { header: "minutes_with_latency", value: (r) => r.sloMinutes.minutes },
  { header: "minutes_p95_over_slo", value: (r) => r.sloMinutes.overSloMinutes },
];

export function ModelReviewTable({ data }: { data: TCapacityReview }) {
  return (
    <Panel
      title="Per model (spend is usage, idle reserved not included)"
      testId="review-models"
      actions={
        <CsvDownloadButton
          filename={`capacity-review-models-${data.month}.csv`}
          columns={MODEL_CSV}
          rows={data.models}
          total={data.fleet.current ? { spend_usd: data.fleet.current.spendUsd } : undefined}
        />
      }
    >
      <div className="scroll-x">
        <table data-testid="review-models-table">
          <thead>
            <tr>
              <th>Model</th>
              <th className="num">Utilization (prev)</th>
              <th className="num">Spend</th>
              <th className="num">Spend rate vs prev</th>
              <th className="num">Cost per unit, usage (prev)</th>
              <th className="num">Cost per unit, fully loaded (prev)</th>
              <th>Cost per unit by day</th>
              <th className="num">Idle reserved (allocated)</th>
              <th className="num">SLO attainment, requests (prev)</th>
              <th className="num">Minutes p95 over SLO</th>
            </tr>
          </thead>
          <tbody>
            {data.models.map((r) => {
              const trend = r.costTrend.filter((v): v is number => v !== null);
              return (
                <tr key={r.id} data-model={r.id}>
                  <td>
                    <Link href={`/models/${r.id}`}>{r.displayName}</Link>
                  </td>
                  <td className="num">
                    {fmtPct(r.current.utilizationPct)}{" "}
                    <span className="muted">({fmtPct(r.previous?.utilizationPct)})</span>
                  </td>
                  <td className="num" data-field="spend">
                    {fmtUsd(r.current.spendUsd)}
                  </td>
                  <td className="num">
                    {fmtUsdPerHour(r.current.spendUsdPerHour)}{" "}
                    <span className="muted">
                      {fmtChangePct(r.current.spendUsdPerHour, r.previous?.spendUsdPerHour)}
                    </span>
                  </td>
                  <td className="num" data-field="cost-per-unit">
                    {fmtCostPerUnit(r.current.costPerUnitUsd, r.costLabel)}{" "}
                    <span className="muted">
                      ({fmtChangePct(r.current.costPerUnitUsd, r.previous?.costPerUnitUsd)})
                    </span>
                  </td>
                  <td className="num" data-field="fully-loaded-cost-per-unit">
                    {fmtCostPerUnit(r.current.fullyLoadedCostPerUnitUsd, r.costLabel)}{" "}
                    <span className="muted">
                      ({fmtChangePct(r.current.fullyLoadedCostPerUnitUsd, r.previous?.fullyLoadedCostPerUnitUsd)})
                    </span>
                  </td>
                  <td>
                    <Sparkline
                      values={r.costTrend}
                      max={trend.length ? Math.max(...trend) * 1.1 : 1}
                      label={`${r.displayName} cost per unit by day`}
                    />
                  </td>
                  <td className="num">{fmtUsd(r.current.idleReservedUsd)}</td>
                  <td className="num">
                    {fmtPct(r.current.sloAttainmentPct, 2)}{" "}
                    <span className="muted">({fmtPct(r.previous?.sloAttainmentPct, 2)})</span>
                  </td>
                  <td className="num" data-field="slo-minutes">
                    {r.sloMinutes.minutes === 0 ? (
                      "—"
                    ) : (
                      <>
                        {fmtCount(r.sloMinutes.overSloMinutes)}{" "}
                        <span className="muted">of {fmtCount(r.sloMinutes.minutes)} min</span>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            {data.fleet.current && (
              <tr>
                <th scope="row" colSpan={2}>
                  Total (rows foot to it)
                </th>
                <td className="num" data-field="spend-total">
                  {fmtUsd(data.fleet.current.spendUsd)}
                </td>
                <td colSpan={7} />
              </tr>
            )}
            <UnallocatedIdleRow unallocated={data.unallocatedIdleReserved} before={7} after={2} />
          </tfoot>
        </table>
      </div>
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
