import { fmtPct, fmtUsd, fmtUtc } from "@/components/format";
import type { TBilledVsEstimated } from "@/lib/billing/billed-vs-estimated-dto";
import { usdToCents, type TUsd } from "@/lib/money/usd";
import type { TableColumn } from "@/lib/table/table-column";

type Day = TBilledVsEstimated["days"][number];
type Family = TBilledVsEstimated["chipFamilies"][number];
type File = TBilledVsEstimated["files"][number];
type Amounts = { billedUsd: TUsd | null; estimatedUsd: TUsd | null; driftUsd: TUsd | null; driftPct: number | null };

const cents = (v: TUsd | null) => (v === null ? null : usdToCents(v));

/** Billed, estimated and drift: the same four figures for a day and for a chip family. */
function amountColumns<T extends Amounts>(): TableColumn<T>[] {
  return [
    {
      id: "billed",
      header: "Billed ($)",
      align: "num",
      cell: (r) => fmtUsd(r.billedUsd),
      sortValue: (r) => cents(r.billedUsd),
      csv: [{ header: "billed_effective_usd", value: (r) => r.billedUsd }],
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
      cell: (r) => fmtUsd(r.driftUsd),
      sortValue: (r) => cents(r.driftUsd),
      csv: [{ header: "drift_usd", value: (r) => r.driftUsd }],
    },
    {
      id: "drift-pct",
      header: "Drift (%)",
      align: "num",
      cell: (r) => fmtPct(r.driftPct),
      sortValue: (r) => r.driftPct,
      csv: [{ header: "drift_pct", value: (r) => r.driftPct }],
    },
  ];
}

export const DAY_COLUMNS: TableColumn<Day>[] = [
  {
    id: "day",
    header: "Day (UTC)",
    cell: (d) => d.day,
    sortValue: (d) => d.day,
    descFirst: true,
    filterText: (d) => d.day,
    csv: [{ header: "day_utc", value: (d) => d.day }],
  },
  ...amountColumns<Day>(),
  {
    id: "basis",
    header: "Basis",
    cell: (d) =>
      d.billedUsd === null ? <span className="badge warn">estimate only</span> : <span className="badge ok">bill</span>,
    sortValue: (d) => (d.billedUsd === null ? "estimate only" : "bill"),
    filterText: (d) => (d.billedUsd === null ? "estimate only" : "bill"),
    csv: [{ header: "basis", value: (d) => (d.billedUsd === null ? "estimate" : "bill") }],
  },
];

export const CHIP_FAMILY_COLUMNS: TableColumn<Family>[] = [
  {
    id: "chip",
    header: "Chip family",
    cell: (f) => f.chipFamily,
    sortValue: (f) => f.chipFamily,
    csv: [{ header: "chip_family", value: (f) => f.chipFamily }],
  },
  ...amountColumns<Family>(),
];

export const FILE_COLUMNS: TableColumn<File>[] = [
  {
    id: "key",
    header: "File",
    cell: (f) => (
      <>
        <code>{f.key}</code>
        {f.error && <div className="bad-text small">{f.error}</div>}
      </>
    ),
    sortValue: (f) => f.key,
    filterText: (f) => `${f.key} ${f.error ?? ""}`,
  },
  {
    id: "period",
    header: "Period",
    cell: (f) => f.billingPeriod,
    sortValue: (f) => f.billingPeriod,
    filterText: (f) => f.billingPeriod,
  },
  {
    id: "status",
    header: "State",
    cell: (f) => <span className={`badge ${f.status === "failed" ? "bad" : "ok"}`}>{f.status}</span>,
    sortValue: (f) => f.status,
    filterText: (f) => f.status,
  },
  { id: "rows", header: "Rows", align: "num", cell: (f) => f.rowCount, sortValue: (f) => f.rowCount },
  {
    id: "ingested",
    header: "Ingested (UTC)",
    cell: (f) => fmtUtc(f.ingestedAt),
    sortValue: (f) => f.ingestedAt,
    descFirst: true,
  },
];
