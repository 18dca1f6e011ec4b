import { RangeLink } from "@/components/range-link";
import {
  fmtAvgOver,
  fmtCostPerUnit,
  fmtMs,
  fmtPct,
  fmtUsd,
  fmtUsdPerHour,
  fmtUsdPrice,
  fmtUtc,
} from "@/components/format";
import { usdToCents } from "@/lib/money/usd";
import type { TPoolModelRow, TPoolReservation } from "@/lib/pools/pool-dto";
import type { TableColumn } from "@/lib/table/table-column";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";

/** The models one pool serves: figures over the range, idle reserved allocated by share of billed instances. */
export function poolModelColumns(rangeMinutes: number): TableColumn<TPoolModelRow>[] {
  return [
    {
      id: "model",
      header: "Model",
      cell: (m) => <RangeLink href={`/models/${m.id}`}>{m.displayName}</RangeLink>,
      sortValue: (m) => m.displayName,
      filterText: (m) => `${m.id} ${m.displayName} ${m.kind}`,
      csv: [{ header: "model", value: (m) => m.id }],
    },
    {
      id: "utilization",
      header: "Utilization (%)",
      align: "num",
      cell: (m) => fmtPct(m.metrics.utilizationPct),
      sortValue: (m) => m.metrics.utilizationPct,
      csv: [{ header: "utilization_pct", value: (m) => m.metrics.utilizationPct }],
    },
    {
      id: "p95",
      header: "p95 (SLO) (ms)",
      align: "num",
      cellClassName: (m) => (isOverSlo(m.metrics.latencyP95Ms, m.sloP95Ms) ? "bad-text" : undefined),
      cell: (m) => (
        <>
          {fmtMs(m.metrics.latencyP95Ms)} <span className="muted">({fmtMs(m.sloP95Ms)})</span>
        </>
      ),
      sortValue: (m) => m.metrics.latencyP95Ms,
      csv: [
        { header: "latency_p95_ms", value: (m) => m.metrics.latencyP95Ms },
        { header: "slo_p95_ms", value: (m) => m.sloP95Ms },
      ],
    },
    {
      id: "spend-rate",
      header: `Spend rate ($/h, ${fmtAvgOver(rangeMinutes)})`,
      align: "num",
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
    },
    {
      id: "idle-reserved",
      header: "Idle reserved, allocated ($)",
      align: "num",
      cell: (m) => fmtUsd(m.metrics.idleReservedUsd),
      sortValue: (m) => usdToCents(m.metrics.idleReservedUsd),
      csv: [{ header: "idle_reserved_usd", value: (m) => m.metrics.idleReservedUsd }],
    },
    {
      id: "cost-per-unit",
      header: "Cost per unit, usage ($/unit)",
      align: "num",
      cell: (m) => fmtCostPerUnit(m.costPerUnitUsd, m.costLabel),
      sortValue: (m) => m.costPerUnitUsd,
      csv: [{ header: "cost_per_unit_usd", value: (m) => m.costPerUnitUsd }],
    },
    {
      id: "fully-loaded-cost-per-unit",
      header: "Cost per unit, fully loaded ($/unit)",
      align: "num",
      field: "fully-loaded-cost-per-unit",
      cell: (m) => fmtCostPerUnit(m.fullyLoadedCostPerUnitUsd, m.costLabel),
      sortValue: (m) => m.fullyLoadedCostPerUnitUsd,
      csv: [
        { header: "fully_loaded_cost_per_unit_usd", value: (m) => m.fullyLoadedCostPerUnitUsd },
        { header: "cost_unit", value: (m) => m.costLabel },
      ],
    },
  ];
}

/** The capacity reservations targeting one pool. */
export const POOL_RESERVATION_COLUMNS: TableColumn<TPoolReservation>[] = [
  {
    id: "reservation",
    header: "Reservation",
    cell: (r) => r.id,
    sortValue: (r) => r.id,
    filterText: (r) => r.id,
    csv: [{ header: "reservation", value: (r) => r.id }],
  },
  {
    id: "instance-type",
    header: "Instance type",
    cell: (r) => r.instanceType,
    sortValue: (r) => r.instanceType,
    filterText: (r) => r.instanceType,
    csv: [{ header: "instance_type", value: (r) => r.instanceType }],
  },
  {
    id: "az",
    header: "AZ",
    cell: (r) => r.availabilityZone,
    sortValue: (r) => r.availabilityZone,
    filterText: (r) => r.availabilityZone,
    csv: [{ header: "availability_zone", value: (r) => r.availabilityZone }],
  },
  {
    id: "instances",
    header: "Instances",
    align: "num",
    cell: (r) => r.instanceCount,
    sortValue: (r) => r.instanceCount,
    csv: [{ header: "instances", value: (r) => r.instanceCount }],
  },
  {
    id: "rate",
    header: "Rate ($/instance-h)",
    align: "num",
    cell: (r) => `${fmtUsdPrice(r.usdPerInstanceHour)}/h`,
    sortValue: (r) => r.usdPerInstanceHour,
    csv: [{ header: "usd_per_instance_hour", value: (r) => r.usdPerInstanceHour }],
  },
  {
    id: "start",
    header: "Start (UTC)",
    cell: (r) => fmtUtc(r.startAt),
    sortValue: (r) => r.startAt,
    csv: [{ header: "start_utc", value: (r) => r.startAt }],
  },
  {
    id: "end",
    header: "End (UTC)",
    cell: (r) => (r.endAt ? fmtUtc(r.endAt) : "no end date"),
    sortValue: (r) => r.endAt,
    csv: [
      { header: "end_utc", value: (r) => r.endAt },
      { header: "active", value: (r) => String(r.active) },
    ],
  },
  {
    id: "days-left",
    header: "Days left (d)",
    align: "num",
    descFirst: false,
    cellClassName: (r) => (r.daysLeft !== null && r.daysLeft <= 30 ? "bad-text" : undefined),
    cell: (r) => (r.daysLeft === null ? "–" : r.active || r.daysLeft > 0 ? `${r.daysLeft.toFixed(1)} d` : "ended"),
    sortValue: (r) => r.daysLeft,
    csv: [{ header: "days_left", value: (r) => r.daysLeft }],
  },
];
