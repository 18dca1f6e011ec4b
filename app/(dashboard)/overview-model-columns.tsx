import { RangeLink } from "@/components/range-link";
import { fmtAvgOver, fmtCostPerUnit, fmtMs, fmtPct, fmtUsd, fmtUsdPerHour } from "@/components/format";
import { sumUsd } from "@/lib/money/sum-usd";
import { usdToCents, type TUsd } from "@/lib/money/usd";
import type { TOverviewModelRow } from "@/lib/overview/overview-dto";
import type { TableColumn } from "@/lib/table/table-column";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";

type Row = TOverviewModelRow;

/** The overview's models table: the figures an on-call engineer scans, one column definition each. */
export function overviewModelColumns(ctx: { rangeMinutes: number; spendTotalUsd: TUsd }): TableColumn<Row>[] {
  const breaching = (m: Row) => isOverSlo(m.metrics.latencyP95Ms, m.sloP95Ms);
  return [
    {
      id: "model",
      header: "Model",
      cell: (m) => <RangeLink href={`/models/${m.id}`}>{m.displayName}</RangeLink>,
      sortValue: (m) => m.displayName,
      filterText: (m) => `${m.id} ${m.displayName} ${m.team}`,
      csv: [
        { header: "model", value: (m) => m.id },
        { header: "team", value: (m) => m.team },
      ],
    },
    {
      id: "kind",
      header: "Kind",
      cell: (m) => m.kind.toUpperCase(),
      sortValue: (m) => m.kind,
      filterText: (m) => m.kind,
      csv: [{ header: "kind", value: (m) => m.kind }],
    },
    {
      id: "utilization",
      header: "Utilization (%)",
      align: "num",
      field: "utilization",
      cell: (m) => fmtPct(m.metrics.utilizationPct),
      sortValue: (m) => m.metrics.utilizationPct,
      csv: [{ header: "utilization_pct", value: (m) => m.metrics.utilizationPct }],
    },
    {
      id: "p95",
      header: "p95 latency (ms)",
      align: "num",
      field: "p95",
      cellClassName: (m) => (breaching(m) ? "bad-text" : undefined),
      cell: (m) => (
        <>
          {fmtMs(m.metrics.latencyP95Ms)} {breaching(m) && <span className="badge bad">SLO</span>}
        </>
      ),
      sortValue: (m) => m.metrics.latencyP95Ms,
      csv: [{ header: "latency_p95_ms", value: (m) => m.metrics.latencyP95Ms }],
    },
    {
      id: "slo",
      header: "p95 SLO (ms)",
      align: "num",
      cell: (m) => fmtMs(m.sloP95Ms),
      sortValue: (m) => m.sloP95Ms,
      csv: [{ header: "slo_p95_ms", value: (m) => m.sloP95Ms }],
    },
    {
      id: "p99",
      header: "p99 latency (ms)",
      align: "num",
      cell: (m) => fmtMs(m.metrics.latencyP99Ms),
      sortValue: (m) => m.metrics.latencyP99Ms,
      csv: [{ header: "latency_p99_ms", value: (m) => m.metrics.latencyP99Ms }],
    },
    {
      id: "spend",
      header: "Spend ($)",
      align: "num",
      field: "spend",
      cell: (m) => fmtUsd(m.metrics.spendUsd),
      sortValue: (m) => usdToCents(m.metrics.spendUsd),
      csv: [{ header: "spend_usd", value: (m) => m.metrics.spendUsd }],
      total: (shown, filtered) => {
        const usd = filtered ? sumUsd(shown.map((m) => m.metrics.spendUsd)) : ctx.spendTotalUsd;
        return { display: fmtUsd(usd), csv: usd, field: "spend-total" };
      },
    },
    {
      id: "spend-rate",
      header: `Spend rate ($/h, ${fmtAvgOver(ctx.rangeMinutes)})`,
      align: "num",
      cell: (m) => fmtUsdPerHour(m.metrics.spendUsdPerHour),
      sortValue: (m) => usdToCents(m.metrics.spendUsdPerHour),
      csv: [{ header: "spend_usd_per_hour", value: (m) => m.metrics.spendUsdPerHour }],
    },
    {
      id: "cost-per-unit",
      header: "Cost per unit ($/unit)",
      align: "num",
      cell: (m) => fmtCostPerUnit(m.costPerUnitUsd, m.costLabel),
      sortValue: (m) => m.costPerUnitUsd,
      csv: [
        { header: "cost_per_unit_usd", value: (m) => m.costPerUnitUsd },
        { header: "cost_unit", value: (m) => m.costLabel },
      ],
    },
  ];
}
