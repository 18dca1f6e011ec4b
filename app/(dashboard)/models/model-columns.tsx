import { RangeLink } from "@/components/range-link";
import { fmtAvgOver, fmtCostPerUnit, fmtMs, fmtPct, fmtRate, fmtUsd, fmtUsdPerHour } from "@/components/format";
import { ChipSavingBadge } from "@/components/models/chip-saving-badge";
import type { TModelRow } from "@/lib/models/model-dto";
import { sumUsd } from "@/lib/money/sum-usd";
import { usdToCents, type TUsd } from "@/lib/money/usd";
import type { ColumnFilter, TableColumn } from "@/lib/table/table-column";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";

const chipFamilies = (m: TModelRow) => [...new Set(m.pools.map((p) => p.chipFamily))].sort();

export const MODEL_FILTERS: ColumnFilter[] = [
  { columnId: "kind", param: "kind", label: "Kind", options: ["llm", "vlm", "ranking"] },
  { columnId: "pools", param: "chip", label: "Chip family", options: ["trainium", "graviton"] },
];

/**
 * The models list's columns: cell, sort, filter text and CSV together. Costs per unit sort by the
 * figure, whose unit differs by kind ($/1M tokens, $/1k images): filter by kind to compare like
 * with like.
 */
export function modelColumns(ctx: { rangeMinutes: number; spendTotalUsd: TUsd }): TableColumn<TModelRow>[] {
  return [
    {
      id: "model",
      header: "Model",
      cell: (m) => <RangeLink href={`/models/${m.id}`}>{m.displayName}</RangeLink>,
      sortValue: (m) => m.displayName,
      filterText: (m) => `${m.id} ${m.displayName}`,
      csv: [{ header: "model", value: (m) => m.id }],
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
      id: "team",
      header: "Team",
      cell: (m) => m.team,
      sortValue: (m) => m.team,
      filterText: (m) => m.team,
      csv: [{ header: "team", value: (m) => m.team }],
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
      id: "p50",
      header: "p50 (ms)",
      align: "num",
      cell: (m) => fmtMs(m.metrics.latencyP50Ms),
      sortValue: (m) => m.metrics.latencyP50Ms,
      csv: [{ header: "latency_p50_ms", value: (m) => m.metrics.latencyP50Ms }],
    },
    {
      id: "p95",
      header: "p95 (SLO) (ms)",
      headerTitle: "p95 latency over the range, the model's p95 SLO in brackets",
      align: "num",
      field: "p95",
      cellClassName: (m) => (isOverSlo(m.metrics.latencyP95Ms, m.sloP95Ms) ? "bad-text" : undefined),
      cell: (m) => (
        <>
          {fmtMs(m.metrics.latencyP95Ms)} <span className="muted">({fmtMs(m.sloP95Ms)})</span>{" "}
          {isOverSlo(m.metrics.latencyP95Ms, m.sloP95Ms) && <span className="badge bad">SLO</span>}
        </>
      ),
      sortValue: (m) => m.metrics.latencyP95Ms,
      csv: [
        { header: "latency_p95_ms", value: (m) => m.metrics.latencyP95Ms },
        { header: "slo_p95_ms", value: (m) => m.sloP95Ms },
      ],
    },
    {
      id: "p99",
      header: "p99 (ms)",
      align: "num",
      cell: (m) => fmtMs(m.metrics.latencyP99Ms),
      sortValue: (m) => m.metrics.latencyP99Ms,
      csv: [{ header: "latency_p99_ms", value: (m) => m.metrics.latencyP99Ms }],
    },
    {
      id: "requests",
      header: "Requests (req/s)",
      align: "num",
      cell: (m) => fmtRate(m.metrics.requestsPerSecond, "req/s"),
      sortValue: (m) => m.metrics.requestsPerSecond,
      csv: [{ header: "requests_per_second", value: (m) => m.metrics.requestsPerSecond }],
    },
    {
      id: "throughput",
      header: "Throughput (units/s)",
      headerTitle: "Tokens, images or items per second, as each row says",
      align: "num",
      cell: (m) => fmtRate(m.metrics.unitsPerSecond, m.unit.rateLabel),
      sortValue: (m) => m.metrics.unitsPerSecond,
      csv: [
        { header: "units_per_second", value: (m) => m.metrics.unitsPerSecond },
        { header: "unit", value: (m) => m.unit.unit },
      ],
    },
    {
      id: "spend-rate",
      header: `Spend rate ($/h, ${fmtAvgOver(ctx.rangeMinutes)})`,
      align: "num",
      field: "spend-rate",
      cell: (m) => fmtUsdPerHour(m.metrics.spendUsdPerHour),
      sortValue: (m) => usdToCents(m.metrics.spendUsdPerHour),
      csv: [{ header: "spend_usd_per_hour", value: (m) => m.metrics.spendUsdPerHour }],
    },
    {
      id: "spend",
      header: "Spend in range ($)",
      align: "num",
      field: "spend",
      cell: (m) => fmtUsd(m.metrics.spendUsd),
      sortValue: (m) => usdToCents(m.metrics.spendUsd),
      csv: [{ header: "spend_usd", value: (m) => m.metrics.spendUsd }],
      // Unfiltered: the fleet total the rows foot to; filtered: the exact sum of the rows shown.
      total: (shown, filtered) => {
        const usd = filtered ? sumUsd(shown.map((m) => m.metrics.spendUsd)) : ctx.spendTotalUsd;
        return { display: fmtUsd(usd), csv: usd, field: "spend-total" };
      },
    },
    {
      id: "idle-reserved",
      header: "Idle reserved, allocated ($)",
      align: "num",
      field: "idle-reserved",
      cell: (m) => fmtUsd(m.metrics.idleReservedUsd),
      sortValue: (m) => usdToCents(m.metrics.idleReservedUsd),
      csv: [{ header: "idle_reserved_usd", value: (m) => m.metrics.idleReservedUsd }],
    },
    {
      id: "cost-per-unit",
      header: "Cost per unit, usage ($/unit)",
      align: "num",
      field: "cost-per-unit",
      cell: (m) => fmtCostPerUnit(m.costPerUnitUsd, m.unit.costLabel),
      sortValue: (m) => m.costPerUnitUsd,
      csv: [{ header: "cost_per_unit_usd", value: (m) => m.costPerUnitUsd }],
    },
    {
      id: "fully-loaded-cost-per-unit",
      header: "Cost per unit, fully loaded ($/unit)",
      align: "num",
      field: "fully-loaded-cost-per-unit",
      cell: (m) => fmtCostPerUnit(m.fullyLoadedCostPerUnitUsd, m.unit.costLabel),
      sortValue: (m) => m.fullyLoadedCostPerUnitUsd,
      csv: [
        { header: "fully_loaded_cost_per_unit_usd", value: (m) => m.fullyLoadedCostPerUnitUsd },
        { header: "cost_unit", value: (m) => m.unit.costLabel },
      ],
    },
    {
      id: "pools",
      header: "Pools",
      cell: (m) => `${m.pools.length} · ${chipFamilies(m).join(" + ")}`,
      cellTitle: (m) => m.pools.map((p) => p.id).join("\n"),
      sortValue: (m) => m.pools.length,
      filterText: (m) => `${chipFamilies(m).join(" ")} ${m.pools.map((p) => p.id).join(" ")}`,
      csv: [{ header: "pools", value: (m) => m.pools.map((p) => p.id).join(" ") }],
    },
    {
      id: "chip-comparison",
      header: "Trainium vs Graviton (% saving)",
      field: "chip-comparison",
      cell: (m) => <ChipSavingBadge comparison={m.chipComparison} costLabel={m.unit.costLabel} />,
      sortValue: (m) => m.chipComparison?.savingPct,
      descFirst: true,
      csv: [
        { header: "trainium_cost_per_unit_usd", value: (m) => m.chipComparison?.trainium.costPerUnitUsd },
        { header: "graviton_cost_per_unit_usd", value: (m) => m.chipComparison?.graviton.costPerUnitUsd },
        { header: "cheaper_chip_family", value: (m) => m.chipComparison?.cheaper },
        { header: "saving_pct", value: (m) => m.chipComparison?.savingPct },
      ],
    },
  ];
}
