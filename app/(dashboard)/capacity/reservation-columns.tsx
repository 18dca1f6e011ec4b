import { RangeLink } from "@/components/range-link";
import { fmtPct, fmtUsdPrice, fmtUtc } from "@/components/format";
import type { TReservationRow } from "@/lib/capacity/capacity-dto";
import type { TableColumn } from "@/lib/table/table-column";

/** "3 / 4 instances", or "3 instances" when the total had no datapoint. */
function fmtUsedOfTotal(used: number, total: number | null): string {
  const n = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  return total === null ? `${n(used)} instances` : `${n(used)} / ${n(total)} instances`;
}

/** The reservations table's columns; `measuredBy` names where the use figures come from. */
export function reservationColumns(measuredBy: string): TableColumn<TReservationRow>[] {
  return [
    {
      id: "reservation",
      header: "Reservation",
      cell: (r) => r.id,
      sortValue: (r) => r.id,
      filterText: (r) => r.id,
      csv: [{ header: "reservation", value: (r) => r.id }],
    },
    {
      id: "pool",
      header: "Pool",
      cell: (r) => (r.poolId ? <RangeLink href={`/pools/${r.poolId}`}>{r.poolId}</RangeLink> : "untargeted"),
      sortValue: (r) => r.poolId,
      filterText: (r) => r.poolId ?? "untargeted",
      csv: [{ header: "pool", value: (r) => r.poolId }],
    },
    {
      id: "models",
      header: "Models",
      cell: (r) => r.models.join(", "),
      sortValue: (r) => r.models.join(" "),
      filterText: (r) => r.models.join(" "),
      csv: [{ header: "models", value: (r) => r.models.join(" ") }],
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
      id: "ends",
      header: "Ends (UTC)",
      cell: (r) => (r.endAt ? fmtUtc(r.endAt) : "no end date"),
      sortValue: (r) => r.endAt,
      csv: [
        { header: "start_utc", value: (r) => r.startAt },
        { header: "end_utc", value: (r) => r.endAt },
      ],
    },
    {
      id: "days-left",
      header: "Days left (d)",
      align: "num",
      descFirst: false,
      cell: (r) => (
        <>
          {r.daysLeft === null ? "–" : r.daysLeft <= 0 ? "ended" : `${r.daysLeft.toFixed(1)} d`}{" "}
          {r.expiring && <span className="badge warn">expiring</span>}
        </>
      ),
      sortValue: (r) => r.daysLeft,
      filterText: (r) => (r.expiring ? "expiring" : ""),
      csv: [
        { header: "days_left", value: (r) => r.daysLeft },
        { header: "expiring", value: (r) => String(r.expiring) },
      ],
    },
    {
      id: "used-now",
      header: `Used now (${measuredBy})`,
      align: "num",
      field: "used-now",
      cell: ({ measured: m }) =>
        m.latest ? (
          <>
            {fmtUsedOfTotal(m.latest.usedInstances, m.latest.totalInstances)}
            <div className="muted small">{fmtUtc(m.latest.ts)}</div>
          </>
        ) : (
          "no data"
        ),
      sortValue: (r) => r.measured.latest?.usedInstances,
      csv: [
        { header: "used_now_instances", value: (r) => r.measured.latest?.usedInstances ?? null },
        { header: "used_now_total_instances", value: (r) => r.measured.latest?.totalInstances ?? null },
        { header: "used_now_period_start_utc", value: (r) => r.measured.latest?.ts ?? null },
      ],
    },
    {
      id: "avg-used",
      header: "Avg used, range (instances)",
      align: "num",
      field: "avg-used",
      cell: (r) => (r.measured.avgUsedInstances === null ? "–" : `${r.measured.avgUsedInstances.toFixed(1)} instances`),
      sortValue: (r) => r.measured.avgUsedInstances,
      csv: [{ header: "avg_used_instances", value: (r) => r.measured.avgUsedInstances }],
    },
    {
      id: "utilization",
      header: "Utilization, range (%)",
      align: "num",
      field: "utilization",
      cell: (r) => fmtPct(r.measured.utilizationPct),
      sortValue: (r) => r.measured.utilizationPct,
      csv: [{ header: "utilization_pct", value: (r) => r.measured.utilizationPct }],
    },
    {
      id: "missing-periods",
      header: "5-min periods missing",
      align: "num",
      field: "missing-periods",
      cell: (r) => (r.measured.periods === 0 ? "none read" : `${r.measured.missingPeriods} of ${r.measured.periods}`),
      sortValue: (r) => (r.measured.periods === 0 ? null : r.measured.missingPeriods),
      csv: [
        { header: "periods_5min", value: (r) => r.measured.periods },
        { header: "periods_5min_missing", value: (r) => r.measured.missingPeriods },
      ],
    },
  ];
}
