import Link from "next/link";
import { fmtPct, fmtUsd } from "@/components/format";
import type { TBilledVsEstimatedRow } from "@/lib/billing/billed-vs-estimated-dto";
import { usdToCents, type TUsd } from "@/lib/money/usd";
import type { ColumnFilter, TableColumn } from "@/lib/table/table-column";

type Row = TBilledVsEstimatedRow;
const cents = (v: TUsd | null) => (v === null ? null : usdToCents(v));
const overClass = (r: Row) => (r.overThreshold ? "bad-text" : undefined);

export const POOL_DAY_FILTERS: ColumnFilter[] = [
  { columnId: "drift", param: "drift", label: "Drift", options: ["over-threshold"] },
];

/** |drift| in cents, for the default order (no drift: 0). */
export const driftCents = (r: Row) => (r.driftUsd === null ? 0 : Math.abs(usdToCents(r.driftUsd)));

/** The per pool and day columns: billed vs estimated, drift flagged over the threshold. */
export const POOL_DAY_COLUMNS: TableColumn<Row>[] = [
  {
    id: "day",
    header: "Day (UTC)",
    cell: (r) => r.day,
    sortValue: (r) => r.day,
    descFirst: true,
    filterText: (r) => r.day,
    csv: [{ header: "day_utc", value: (r) => r.day }],
  },
  {
    id: "pool",
    header: "Pool",
    cell: (r) => <Link href={`/pools/${encodeURIComponent(r.poolId)}`}>{r.poolId}</Link>,
    sortValue: (r) => r.poolId,
    filterText: (r) => r.poolId,
    csv: [{ header: "pool", value: (r) => r.poolId }],
  },
  {
    id: "chip",
    header: "Chip",
    cell: (r) => r.chipFamily,
    sortValue: (r) => r.chipFamily,
    filterText: (r) => `${r.chipFamily} ${r.instanceType}`,
    csv: [
      { header: "chip_family", value: (r) => r.chipFamily },
      { header: "instance_type", value: (r) => r.instanceType },
    ],
  },
  {
    id: "billed",
    header: "Billed ($)",
    align: "num",
    cell: (r) => fmtUsd(r.billedUsd),
    sortValue: (r) => cents(r.billedUsd),
    csv: [{ header: "billed_effective_usd", value: (r) => r.billedUsd }],
  },
  {
    id: "list",
    header: "List ($)",
    align: "num",
    cell: (r) => fmtUsd(r.listUsd),
    sortValue: (r) => cents(r.listUsd),
    csv: [{ header: "billed_list_usd", value: (r) => r.listUsd }],
  },
  {
    id: "estimated",
    header: "Estimated ($)",
    align: "num",
    cell: (r) => fmtUsd(r.estimatedUsd),
    sortValue: (r) => cents(r.estimatedUsd),
    csv: [{ header: "estimated_usd", value: (r) => r.estimatedUsd }],
  },
  {
    id: "drift",
    header: "Drift ($)",
    align: "num",
    cellClassName: overClass,
    cell: (r) => fmtUsd(r.driftUsd),
    sortValue: (r) => cents(r.driftUsd),
    filterText: (r) => (r.overThreshold ? "over-threshold" : ""),
    csv: [{ header: "drift_usd", value: (r) => r.driftUsd }],
  },
  {
    id: "drift-pct",
    header: "Drift (%)",
    align: "num",
    cellClassName: overClass,
    cell: (r) => fmtPct(r.driftPct),
    sortValue: (r) => r.driftPct,
    csv: [
      { header: "drift_pct", value: (r) => r.driftPct },
      { header: "over_threshold", value: (r) => String(r.overThreshold) },
    ],
  },
];
