import { RangeLink } from "@/components/range-link";
import { Sparkline } from "@/components/charts/sparkline";
import { fmtMs, fmtPct, fmtUsd, fmtUsdPerHour } from "@/components/format";
import { usdToCents } from "@/lib/money/usd";
import type { TPoolRow } from "@/lib/pools/pool-dto";
import type { ColumnFilter, TableColumn } from "@/lib/table/table-column";

const STATE_BADGE: Record<TPoolRow["state"], string> = { active: "ok", scaling: "warn", draining: "warn", idle: "" };
const STATES = ["draining", "scaling", "active", "idle", "retired"] as const;
const stateOf = (p: TPoolRow) => (p.retiredAt ? "retired" : p.state);

/** Chip family and state are choices; region (or zone) and model match any part of their text. */
export const POOL_FILTERS: ColumnFilter[] = [
  { columnId: "chip", param: "chip", label: "Chip family", options: ["trainium", "graviton"] },
  { columnId: "region", param: "region", label: "Region" },
  { columnId: "models", param: "model", label: "Model" },
  { columnId: "state", param: "state", label: "State", options: STATES },
];

/** The pools list's columns: cell, sort, filter text and CSV together. */
export const POOL_COLUMNS: TableColumn<TPoolRow>[] = [
  {
    id: "id",
    header: "Pool",
    cell: (p) => <RangeLink href={`/pools/${p.id}`}>{p.id}</RangeLink>,
    sortValue: (p) => p.id,
    filterText: (p) => p.id,
    csv: [{ header: "pool", value: (p) => p.id }],
  },
  {
    id: "models",
    header: "Models",
    cell: (p) =>
      p.models.map((m) => (
        <RangeLink key={m} href={`/models/${m}`} style={{ marginRight: 6 }}>
          {m}
        </RangeLink>
      )),
    sortValue: (p) => p.models.join(" "),
    filterText: (p) => p.models.join(" "),
    csv: [{ header: "models", value: (p) => p.models.join(" ") }],
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
    id: "instanceType",
    header: "Instance type",
    cell: (p) => p.instanceType,
    sortValue: (p) => p.instanceType,
    filterText: (p) => p.instanceType,
    csv: [{ header: "instance_type", value: (p) => p.instanceType }],
  },
  {
    id: "region",
    header: "Region / AZ",
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
    headerTitle: "Sorted draining, scaling, active, idle, retired: pools in motion first",
    cell: (p) =>
      p.retiredAt ? (
        <span className="badge" title={`retired ${p.retiredAt}`}>
          retired
        </span>
      ) : (
        <span className={`badge ${STATE_BADGE[p.state]}`}>{p.state}</span>
      ),
    sortValue: (p) => STATES.indexOf(stateOf(p)),
    descFirst: false,
    filterText: stateOf,
    csv: [{ header: "state", value: stateOf }],
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
    id: "inService",
    header: "In service (instances)",
    align: "num",
    field: "in-service",
    cell: (p) => (p.inService === null ? "—" : p.inService.toFixed(0)),
    sortValue: (p) => p.inService,
    csv: [{ header: "in_service", value: (p) => p.inService }],
  },
  {
    id: "reserved",
    header: "Reserved (instances)",
    align: "num",
    field: "reserved",
    cell: (p) => p.reservedNow,
    sortValue: (p) => p.reservedNow,
    csv: [{ header: "reserved_now", value: (p) => p.reservedNow }],
  },
  {
    id: "utilization",
    header: "Utilization (%)",
    align: "num",
    field: "utilization",
    cellClassName: (p) => ((p.metrics.utilizationPct ?? 0) > 85 ? "bad-text" : undefined),
    cell: (p) => fmtPct(p.metrics.utilizationPct),
    sortValue: (p) => p.metrics.utilizationPct,
    csv: [{ header: "utilization_pct", value: (p) => p.metrics.utilizationPct }],
  },
  {
    id: "trend",
    header: "Trend",
    cell: (p) => <Sparkline values={p.spark} guide={85} label={`${p.id} utilization over the range (dashed: 85 %)`} />,
  },
  {
    id: "p95",
    header: "p95 (ms)",
    align: "num",
    field: "p95",
    cell: (p) => fmtMs(p.metrics.latencyP95Ms),
    sortValue: (p) => p.metrics.latencyP95Ms,
    csv: [{ header: "latency_p95_ms", value: (p) => p.metrics.latencyP95Ms }],
  },
  {
    id: "spendRate",
    header: "Spend rate ($/h, avg over range)",
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
    csv: [{ header: "spend_usd", value: (p) => p.metrics.spendUsd }],
  },
  {
    id: "idleReserved",
    header: "Idle reserved ($)",
    align: "num",
    field: "idle-reserved",
    cell: (p) => fmtUsd(p.metrics.idleReservedUsd),
    sortValue: (p) => usdToCents(p.metrics.idleReservedUsd),
    csv: [{ header: "idle_reserved_usd", value: (p) => p.metrics.idleReservedUsd }],
  },
];

export const POOL_DEFAULT_SORT = { id: "id", dir: "asc" } as const;
