import { RangeLink } from "@/components/range-link";
import { fmtPct, fmtUsd } from "@/components/format";
import type { TIdleRow } from "@/lib/capacity/capacity-dto";
import { sumUsd } from "@/lib/money/sum-usd";
import { usdToCents, type TUsd } from "@/lib/money/usd";
import type { TableColumn } from "@/lib/table/table-column";

/** Idle reserved by pool or by model: the key's and related ids' links, averages, and footed idle $. */
export function idleColumns(ctx: {
  keyLabel: string;
  relatedLabel: string;
  linkBase: string;
  relatedBase: string;
  /** The fleet's idle reserved $ the rows foot to. */
  totalIdleReservedUsd: TUsd;
}): TableColumn<TIdleRow>[] {
  return [
    {
      id: "key",
      header: ctx.keyLabel,
      cell: (r) => <RangeLink href={`${ctx.linkBase}${r.key}`}>{r.key}</RangeLink>,
      sortValue: (r) => r.key,
      filterText: (r) => r.key,
      csv: [{ header: ctx.keyLabel.toLowerCase(), value: (r) => r.key }],
    },
    {
      id: "related",
      header: ctx.relatedLabel,
      cell: (r) =>
        r.related.map((x) => (
          <RangeLink key={x} href={`${ctx.relatedBase}${x}`} style={{ marginRight: 6 }}>
            {x}
          </RangeLink>
        )),
      filterText: (r) => `${r.related.join(" ")} ${r.instanceType}`,
      csv: [
        { header: ctx.relatedLabel.toLowerCase(), value: (r) => r.related.join(" ") },
        { header: "instance_type", value: (r) => r.instanceType },
      ],
    },
    {
      id: "reserved",
      header: "Reserved, avg (instances)",
      align: "num",
      cell: (r) => r.avgReservedInstances.toFixed(1),
      sortValue: (r) => r.avgReservedInstances,
      csv: [{ header: "avg_reserved_instances", value: (r) => r.avgReservedInstances }],
    },
    {
      id: "idle",
      header: "Idle, avg (instances)",
      align: "num",
      cell: (r) => r.avgIdleInstances.toFixed(1),
      sortValue: (r) => r.avgIdleInstances,
      csv: [{ header: "avg_idle_instances", value: (r) => r.avgIdleInstances }],
    },
    {
      id: "idle-hours",
      header: "Idle (instance-h)",
      align: "num",
      field: "idle-hours",
      cell: (r) => r.idleInstanceHours.toFixed(1),
      sortValue: (r) => r.idleInstanceHours,
      csv: [{ header: "idle_instance_hours", value: (r) => r.idleInstanceHours }],
    },
    {
      id: "idle-usd",
      header: "Idle ($)",
      align: "num",
      field: "idle-usd",
      cellClassName: (r) => (usdToCents(r.idleReservedUsd) > 0 ? "bad-text" : undefined),
      cell: (r) => fmtUsd(r.idleReservedUsd),
      sortValue: (r) => usdToCents(r.idleReservedUsd),
      csv: [{ header: "idle_reserved_usd", value: (r) => r.idleReservedUsd }],
      total: (shown, filtered) => {
        const usd = filtered ? sumUsd(shown.map((r) => r.idleReservedUsd)) : ctx.totalIdleReservedUsd;
        return { display: fmtUsd(usd), csv: usd, field: "idle-usd-total" };
      },
    },
    {
      id: "used",
      header: "Used (%)",
      align: "num",
      cell: (r) => fmtPct(r.reservedUtilizationPct),
      sortValue: (r) => r.reservedUtilizationPct,
      csv: [{ header: "reserved_utilization_pct", value: (r) => r.reservedUtilizationPct }],
    },
  ];
}
