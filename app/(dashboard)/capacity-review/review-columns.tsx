import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { fmtChangePct, fmtCostPerUnit, fmtCount, fmtPct, fmtUsd, fmtUsdPerHour } from "@/components/format";
import type { TReviewChipRow, TReviewFigures, TReviewModelRow } from "@/lib/capacity/review-dto";
import { sumUsd } from "@/lib/money/sum-usd";
import { usdToCents, type TUsd } from "@/lib/money/usd";
import type { TableColumn } from "@/lib/table/table-column";

/** A review row beside its previous month: the per-model and per-chip-family tables share these columns. */
type ComparedRow = { current: TReviewFigures; previous: TReviewFigures | null };

function utilizationColumn<R extends ComparedRow>(): TableColumn<R> {
  return {
    id: "utilization",
    header: "Utilization (prev) (%)",
    align: "num",
    cell: (r) => (
      <>
        {fmtPct(r.current.utilizationPct)} <span className="muted">({fmtPct(r.previous?.utilizationPct)})</span>
      </>
    ),
    sortValue: (r) => r.current.utilizationPct,
    csv: [
      { header: "utilization_pct", value: (r) => r.current.utilizationPct },
      { header: "prev_utilization_pct", value: (r) => r.previous?.utilizationPct },
    ],
  };
}

function spendRateColumn<R extends ComparedRow>(): TableColumn<R> {
  return {
    id: "spend-rate",
    header: "Spend rate vs prev ($/h)",
    align: "num",
    cell: (r) => (
      <>
        {fmtUsdPerHour(r.current.spendUsdPerHour)}{" "}
        <span className="muted">{fmtChangePct(r.current.spendUsdPerHour, r.previous?.spendUsdPerHour)}</span>
      </>
    ),
    sortValue: (r) => usdToCents(r.current.spendUsdPerHour),
    csv: [
      { header: "spend_usd_per_hour", value: (r) => r.current.spendUsdPerHour },
      { header: "prev_spend_usd_per_hour", value: (r) => r.previous?.spendUsdPerHour },
    ],
  };
}

/**
 * The review's per-model columns. `spendTotalUsd` is the fleet's spend the rows foot to (null: no
 * telemetry this month, so no totals row).
 */
export function reviewModelColumns(ctx: { spendTotalUsd: TUsd | null }): TableColumn<TReviewModelRow>[] {
  const total = ctx.spendTotalUsd;
  return [
    {
      id: "model",
      header: "Model",
      cell: (r) => <Link href={`/models/${r.id}`}>{r.displayName}</Link>,
      sortValue: (r) => r.displayName,
      filterText: (r) => `${r.id} ${r.displayName} ${r.kind}`,
      csv: [
        { header: "model", value: (r) => r.id },
        { header: "kind", value: (r) => r.kind },
      ],
    },
    utilizationColumn(),
    {
      id: "spend",
      header: "Spend ($)",
      align: "num",
      field: "spend",
      cell: (r) => fmtUsd(r.current.spendUsd),
      sortValue: (r) => usdToCents(r.current.spendUsd),
      csv: [
        { header: "spend_usd", value: (r) => r.current.spendUsd },
        { header: "prev_spend_usd", value: (r) => r.previous?.spendUsd },
      ],
      total:
        total === null
          ? undefined
          : (shown, filtered) => {
              const usd = filtered ? sumUsd(shown.map((r) => r.current.spendUsd)) : total;
              return { display: fmtUsd(usd), csv: usd, field: "spend-total" };
            },
    },
    spendRateColumn(),
    {
      id: "cost-per-unit",
      header: "Cost per unit, usage (prev) ($/unit)",
      align: "num",
      field: "cost-per-unit",
      cell: (r) => (
        <>
          {fmtCostPerUnit(r.current.costPerUnitUsd, r.costLabel)}{" "}
          <span className="muted">({fmtChangePct(r.current.costPerUnitUsd, r.previous?.costPerUnitUsd)})</span>
        </>
      ),
      sortValue: (r) => r.current.costPerUnitUsd,
      csv: [
        { header: "cost_per_unit_usd", value: (r) => r.current.costPerUnitUsd },
        { header: "prev_cost_per_unit_usd", value: (r) => r.previous?.costPerUnitUsd },
      ],
    },
    {
      id: "fully-loaded-cost-per-unit",
      header: "Cost per unit, fully loaded (prev) ($/unit)",
      align: "num",
      field: "fully-loaded-cost-per-unit",
      cell: (r) => (
        <>
          {fmtCostPerUnit(r.current.fullyLoadedCostPerUnitUsd, r.costLabel)}{" "}
          <span className="muted">
            ({fmtChangePct(r.current.fullyLoadedCostPerUnitUsd, r.previous?.fullyLoadedCostPerUnitUsd)})
          </span>
        </>
      ),
      sortValue: (r) => r.current.fullyLoadedCostPerUnitUsd,
      csv: [
        { header: "fully_loaded_cost_per_unit_usd", value: (r) => r.current.fullyLoadedCostPerUnitUsd },
        { header: "prev_fully_loaded_cost_per_unit_usd", value: (r) => r.previous?.fullyLoadedCostPerUnitUsd },
        { header: "cost_unit", value: (r) => r.costLabel },
      ],
    },
    {
      id: "trend",
      header: "Cost per unit by day",
      cell: (r) => {
        const trend = r.costTrend.filter((v): v is number => v !== null);
        return (
          <Sparkline
            values={r.costTrend}
            max={trend.length ? Math.max(...trend) * 1.1 : 1}
            label={`${r.displayName} cost per unit by day`}
          />
        );
      },
    },
    {
      id: "idle-reserved",
      header: "Idle reserved, allocated ($)",
      align: "num",
      cell: (r) => fmtUsd(r.current.idleReservedUsd),
      sortValue: (r) => usdToCents(r.current.idleReservedUsd),
      csv: [{ header: "idle_reserved_usd", value: (r) => r.current.idleReservedUsd }],
    },
    {
      id: "slo-attainment",
      header: "SLO attainment, requests (prev) (%)",
      align: "num",
      cell: (r) => (
        <>
          {fmtPct(r.current.sloAttainmentPct, 2)}{" "}
          <span className="muted">({fmtPct(r.previous?.sloAttainmentPct, 2)})</span>
        </>
      ),
      sortValue: (r) => r.current.sloAttainmentPct,
      csv: [
        { header: "slo_attainment_pct", value: (r) => r.current.sloAttainmentPct },
        { header: "prev_slo_attainment_pct", value: (r) => r.previous?.sloAttainmentPct },
      ],
    },
    {
      id: "slo-minutes",
      header: "Minutes p95 over SLO (min)",
      align: "num",
      field: "slo-minutes",
      cell: (r) =>
        r.sloMinutes.minutes === 0 ? (
          "—"
        ) : (
          <>
            {fmtCount(r.sloMinutes.overSloMinutes)}{" "}
            <span className="muted">of {fmtCount(r.sloMinutes.minutes)} min</span>
          </>
        ),
      sortValue: (r) => (r.sloMinutes.minutes === 0 ? null : r.sloMinutes.overSloMinutes),
      csv: [
        { header: "minutes_with_latency", value: (r) => r.sloMinutes.minutes },
        { header: "minutes_p95_over_slo", value: (r) => r.sloMinutes.overSloMinutes },
      ],
    },
  ];
}

/** The review's per-chip-family columns. */
export const REVIEW_CHIP_COLUMNS: TableColumn<TReviewChipRow>[] = [
  {
    id: "chip",
    header: "Chip family",
    cell: (r) => (r.chipFamily === "trainium" ? "Trainium" : "Graviton"),
    sortValue: (r) => r.chipFamily,
    csv: [{ header: "chip_family", value: (r) => r.chipFamily }],
  },
  utilizationColumn(),
  {
    id: "spend",
    header: "Spend ($)",
    align: "num",
    field: "spend",
    cell: (r) => fmtUsd(r.current.spendUsd),
    sortValue: (r) => usdToCents(r.current.spendUsd),
    csv: [{ header: "spend_usd", value: (r) => r.current.spendUsd }],
  },
  spendRateColumn(),
  {
    id: "idle-reserved",
    header: "Idle reserved ($)",
    align: "num",
    cell: (r) => fmtUsd(r.current.idleReservedUsd),
    sortValue: (r) => usdToCents(r.current.idleReservedUsd),
    csv: [{ header: "idle_reserved_usd", value: (r) => r.current.idleReservedUsd }],
  },
  {
    id: "slo-attainment",
    header: "SLO attainment, requests (%)",
    align: "num",
    cell: (r) => fmtPct(r.current.sloAttainmentPct, 2),
    sortValue: (r) => r.current.sloAttainmentPct,
    csv: [{ header: "slo_attainment_pct", value: (r) => r.current.sloAttainmentPct }],
  },
];
