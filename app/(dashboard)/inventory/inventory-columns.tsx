import Link from "next/link";
import { fmtUtc } from "@/components/format";
import type { TInventoryOverview } from "@/lib/inventory/read/inventory-dto";
import type { TableColumn } from "@/lib/table/table-column";

type Data = TInventoryOverview;
type Problem = Data["problems"][number];
type Scope = Data["scopes"][number];
type Change = Data["changes"][number];
type Run = Data["runs"][number];

const PROBLEM_LABEL: Record<Problem["kind"], string> = {
  pool_without_model: "Pool serves no declared model",
  unknown_model_label: "Unknown model label",
  unsupported_instance_type: "Unsupported instance type",
  missing_price: "No price",
  unmatched_reservation: "Reservation matches no pool",
  scope_failed: "Source failing",
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export const PROBLEM_COLUMNS: TableColumn<Problem>[] = [
  {
    id: "kind",
    header: "Problem",
    cell: (p) => PROBLEM_LABEL[p.kind],
    sortValue: (p) => PROBLEM_LABEL[p.kind],
    filterText: (p) => `${p.kind} ${PROBLEM_LABEL[p.kind]}`,
    csv: [{ header: "problem", value: (p) => p.kind }],
  },
  {
    id: "subject",
    header: "About",
    cell: (p) => <code>{p.subject}</code>,
    sortValue: (p) => p.subject,
    filterText: (p) => p.subject,
    csv: [{ header: "subject", value: (p) => p.subject }],
  },
  {
    id: "message",
    header: "Detail",
    cell: (p) => p.message,
    filterText: (p) => p.message,
    csv: [{ header: "detail", value: (p) => p.message }],
  },
];

export const SCOPE_COLUMNS: TableColumn<Scope>[] = [
  {
    id: "scope",
    header: "Source",
    cell: (s) => <code>{s.scope}</code>,
    sortValue: (s) => s.scope,
    filterText: (s) => s.scope,
  },
  {
    id: "state",
    header: "State",
    cell: (s) => (s.ok ? <span className="badge ok">ok</span> : <span className="badge bad">stale</span>),
    sortValue: (s) => (s.ok ? 1 : 0),
    filterText: (s) => (s.ok ? "ok" : "stale"),
  },
  { id: "pools", header: "Pools", align: "num", cell: (s) => s.pools, sortValue: (s) => s.pools },
  {
    id: "last-sync",
    header: "Last sync (UTC)",
    cell: (s) => fmtUtc(s.lastSyncAt),
    sortValue: (s) => s.lastSyncAt,
    descFirst: true,
  },
  {
    id: "last-success",
    header: "Last success (UTC)",
    cell: (s) => (s.lastSuccessAt ? fmtUtc(s.lastSuccessAt) : "never"),
    sortValue: (s) => s.lastSuccessAt,
    descFirst: true,
  },
  { id: "api-calls", header: "API calls", align: "num", cell: (s) => s.apiCalls, sortValue: (s) => s.apiCalls },
  {
    id: "duration",
    header: "Duration (s)",
    align: "num",
    cell: (s) => seconds(s.durationMs),
    sortValue: (s) => s.durationMs,
  },
  { id: "error", header: "Error", cell: (s) => s.error ?? "", filterText: (s) => s.error },
];

export const CHANGE_COLUMNS: TableColumn<Change>[] = [
  {
    id: "at",
    header: "When (UTC)",
    cell: (c) => fmtUtc(c.at),
    sortValue: (c) => c.at,
    descFirst: true,
    csv: [{ header: "at_utc", value: (c) => c.at }],
  },
  {
    id: "action",
    header: "Change",
    cell: (c) => c.action.replace(/^inventory\./, "").replace(".", " "),
    sortValue: (c) => c.action,
    filterText: (c) => c.action,
    csv: [{ header: "action", value: (c) => c.action }],
  },
  {
    id: "what",
    header: "What",
    cell: (c) => (c.poolId && !c.modelId ? <Link href={`/pools/${c.poolId}`}>{c.poolId}</Link> : <code>{c.key}</code>),
    sortValue: (c) => c.key,
    filterText: (c) => `${c.key} ${c.poolId ?? ""} ${c.modelId ?? ""}`,
    csv: [
      { header: "key", value: (c) => c.key },
      { header: "pool", value: (c) => c.poolId },
      { header: "model", value: (c) => c.modelId },
    ],
  },
  {
    id: "summary",
    header: "Detail",
    cell: (c) => c.summary,
    cellClassName: () => "small",
    filterText: (c) => c.summary,
    csv: [{ header: "detail", value: (c) => c.summary }],
  },
];

export const RUN_COLUMNS: TableColumn<Run>[] = [
  {
    id: "started",
    header: "Started (UTC)",
    cell: (r) => fmtUtc(r.startedAt),
    sortValue: (r) => r.startedAt,
    descFirst: true,
  },
  {
    id: "trigger",
    header: "Trigger",
    cell: (r) => r.trigger,
    sortValue: (r) => r.trigger,
    filterText: (r) => r.trigger,
  },
  {
    id: "duration",
    header: "Duration (s)",
    align: "num",
    cell: (r) => seconds(r.durationMs),
    sortValue: (r) => r.durationMs,
  },
  { id: "api-calls", header: "API calls", align: "num", cell: (r) => r.apiCalls, sortValue: (r) => r.apiCalls },
  { id: "changes", header: "Changes", align: "num", cell: (r) => r.changes, sortValue: (r) => r.changes },
  { id: "problems", header: "Problems", align: "num", cell: (r) => r.problems, sortValue: (r) => r.problems },
  { id: "error", header: "Error", cell: (r) => r.error ?? "", filterText: (r) => r.error },
];
