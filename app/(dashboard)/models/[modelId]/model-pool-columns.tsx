import { RangeLink } from "@/components/range-link";
import { fmtAvgOver, fmtCostPerUnit, fmtMs, fmtPct, fmtRate, fmtUsd, fmtUsdPerHour } from "@/components/format";
import type { TModelDetail, TModelPoolRow } from "@/lib/models/model-dto";
import { usdToCents } from "@/lib/money/usd";
import type { TableColumn } from "@/lib/table/table-column";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";

type Model = TModelDetail["model"];

/** The pools serving one model: their share of its traffic, latency against its SLO, and cost. */
export function modelPoolColumns(model: Model, rangeMinutes: number): TableColumn<TModelPoolRow>[] {
  const { costLabel, rateLabel } = model.unit;
  return [
    {
      id: "pool",
      header: "Pool",
      cell: (p) => <RangeLink href={`/pools/${p.id}`}>{p.id}</RangeLink>,
      sortValue: (p) => p.id,
      filterText: (p) => p.id,
      csv: [{ header: "pool", value: (p) => p.id }],
    },
    {
      id: "chip",
      header: "Chip",
      cell: (p) => p.chipFamily,
      sortValue: (p) => p.chipFamily,
      filterText: (p) => p.chipFamily,
      csv: [{ header: "chip_family", value: (p) => p.chipFamily }],
    },
    {
      id: "instance-type",
      header: "Instance type",
      cell: (p) => p.instanceType,
      sortValue: (p) => p.instanceType,
      filterText: (p) => p.instanceType,
      csv: [{ header: "instance_type", value: (p) => p.instanceType }],
    },
    {
      id: "az",
      header: "AZ",
      cell: (p) => p.availabilityZone,
      sortValue: (p) => p.availabilityZone,
      filterText: (p) => p.availabilityZone,
      csv: [
        { header: "region", value: (p) => p.region },
        { header: "availability_zone", value: (p) => p.availabilityZone },
      ],
    },
    {
      id: "state",
      header: "State",
      cell: (p) => p.state,
      sortValue: (p) => p.state,
      filterText: (p) => p.state,
      csv: [{ header: "state", value: (p) => p.state }],
    },
    {
      id: "desired",
      header: "Desired (instances)",
      align: "num",
      cell: (p) => p.desiredCapacity,
      sortValue: (p) => p.desiredCapacity,
      csv: [{ header: "desired_capacity", value: (p) => p.desiredCapacity }],
    },
    {
      id: "in-service",
      header: "In service, avg (instances)",
      align: "num",
      cell: (p) => p.metrics.avgInstances.toFixed(1),
      sortValue: (p) => p.metrics.avgInstances,
      csv: [{ header: "avg_instances", value: (p) => p.metrics.avgInstances }],
    },
    {
      id: "utilization",
      header: "Utilization (%)",
      align: "num",
      cell: (p) => fmtPct(p.metrics.utilizationPct),
      sortValue: (p) => p.metrics.utilizationPct,
      csv: [{ header: "utilization_pct", value: (p) => p.metrics.utilizationPct }],
    },
    {
      id: "p95",
      header: `p95 (ms, SLO ${fmtMs(model.sloP95Ms)})`,
      align: "num",
      cellClassName: (p) => (isOverSlo(p.metrics.latencyP95Ms, model.sloP95Ms) ? "bad-text" : undefined),
      cell: (p) => fmtMs(p.metrics.latencyP95Ms),
      sortValue: (p) => p.metrics.latencyP95Ms,
      csv: [{ header: "latency_p95_ms", value: (p) => p.metrics.latencyP95Ms }],
    },
    {
      id: "throughput",
      header: `Throughput (${rateLabel})`,
      align: "num",
      cell: (p) => fmtRate(p.metrics.unitsPerSecond, rateLabel),
      sortValue: (p) => p.metrics.unitsPerSecond,
      csv: [{ header: "units_per_second", value: (p) => p.metrics.unitsPerSecond }],
    },
    {
      id: "spend-rate",
      header: `Spend rate ($/h, ${fmtAvgOver(rangeMinutes)})`,
      align: "num",
      cell: (p) => fmtUsdPerHour(p.metrics.spendUsdPerHour),
      sortValue: (p) => usdToCents(p.metrics.spendUsdPerHour),
      csv: [{ header: "spend_usd_per_hour", value: (p) => p.metrics.spendUsdPerHour }],
    },
    {
      id: "spend",
      header: "Spend in range ($)",
      align: "num",
      field: "spend",
      cell: (p) => fmtUsd(p.metrics.spendUsd),
      sortValue: (p) => usdToCents(p.metrics.spendUsd),
      csv: [
        { header: "spend_usd", value: (p) => p.metrics.spendUsd },
        { header: "idle_reserved_usd", value: (p) => p.metrics.idleReservedUsd },
      ],
    },
    {
      id: "cost-per-unit",
      header: `Cost per unit, usage (${costLabel})`,
      align: "num",
      cell: (p) => fmtCostPerUnit(p.costPerUnitUsd, costLabel),
      sortValue: (p) => p.costPerUnitUsd,
      csv: [{ header: "cost_per_unit_usd", value: (p) => p.costPerUnitUsd }],
    },
    {
      id: "fully-loaded-cost-per-unit",
      header: `Cost per unit, fully loaded (${costLabel})`,
      align: "num",
      field: "fully-loaded-cost-per-unit",
      cell: (p) => fmtCostPerUnit(p.fullyLoadedCostPerUnitUsd, costLabel),
      sortValue: (p) => p.fullyLoadedCostPerUnitUsd,
      csv: [
        { header: "fully_loaded_cost_per_unit_usd", value: (p) => p.fullyLoadedCostPerUnitUsd },
        { header: "cost_unit", value: () => costLabel },
      ],
    },
  ];
}
