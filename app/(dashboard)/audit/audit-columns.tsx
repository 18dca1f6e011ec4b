import { fmtUtc } from "@/components/format";
import type { CsvColumn } from "@/lib/csv";
import { AUDIT_CSV_COLUMNS } from "@/lib/audit/audit-csv-columns";
import type { TAuditEventDto } from "@/lib/audit/audit-event-dto";
import type { TableColumn } from "@/lib/table/table-column";

const OUTCOME_BADGE = { succeeded: "ok", refused: "warn", failed: "bad" } as const;
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const reasonText = (e: TAuditEventDto) => [e.reason, e.message].filter(Boolean).join(" · ");
const paramsText = (e: TAuditEventDto) => (e.params === null || e.params === undefined ? "" : JSON.stringify(e.params));

/** The server export's CSV columns by header: the page's CSV of the rows shown writes the same ones. */
function csv(...headers: string[]): CsvColumn<TAuditEventDto>[] {
  return headers.map((h) => {
    const column = AUDIT_CSV_COLUMNS.find((c) => c.header === h);
    if (!column) throw new Error(`no audit CSV column ${h}`);
    return column;
  });
}

/** The audit table's columns; long free text is cut on screen and kept whole in the title and CSV. */
export const AUDIT_COLUMNS: TableColumn<TAuditEventDto>[] = [
  {
    id: "at",
    header: "Time (UTC)",
    cell: (e) => fmtUtc(e.at),
    cellTitle: (e) => e.at,
    sortValue: (e) => e.at,
    descFirst: true,
    csv: csv("id", "at_utc"),
  },
  {
    id: "actor",
    header: "Actor",
    cell: (e) => (
      <>
        {e.actor} <span className="muted small">{e.actorRole}</span>
      </>
    ),
    sortValue: (e) => e.actor,
    filterText: (e) => `${e.actor} ${e.actorRole}`,
    csv: csv("actor", "actor_role"),
  },
  {
    id: "action",
    header: "Action",
    field: "action",
    cell: (e) => e.action,
    sortValue: (e) => e.action,
    filterText: (e) => e.action,
    csv: csv("action"),
  },
  {
    id: "pool",
    header: "Pool",
    cell: (e) => e.poolId ?? "—",
    sortValue: (e) => e.poolId,
    filterText: (e) => `${e.poolId ?? ""} ${e.modelId ?? ""}`,
    csv: csv("pool_id", "model_id"),
  },
  {
    id: "outcome",
    header: "Outcome",
    cell: (e) => (
      <>
        <span className={`badge ${OUTCOME_BADGE[e.outcome]}`} data-field="outcome">
          {e.outcome}
        </span>
        {e.repeatCount > 1 && (
          <span
            className="muted small"
            data-field="repeats"
            title={`${e.repeatCount} identical refusals from ${e.at} to ${e.lastAt ?? e.at}`}
          >
            {" "}
            ×{e.repeatCount} until {fmtUtc(e.lastAt ?? e.at)}
          </span>
        )}
      </>
    ),
    sortValue: (e) => e.outcome,
    filterText: (e) => e.outcome,
    csv: csv("outcome", "repeat_count", "last_repeat_at_utc"),
  },
  {
    id: "reason",
    header: "Reason / message",
    cell: (e) => cut(reasonText(e), 80) || "—",
    cellTitle: (e) => [e.reason, e.message].filter(Boolean).join("\n"),
    filterText: reasonText,
    csv: csv("reason", "message"),
  },
  {
    id: "params",
    header: "Parameters",
    cell: (e) => <code className="small">{paramsText(e) ? cut(paramsText(e), 60) : "—"}</code>,
    cellTitle: (e) => paramsText(e) || undefined,
    filterText: paramsText,
    csv: csv("params_json"),
  },
  {
    id: "source",
    header: "Source",
    cell: (e) => e.sourceIp ?? "—",
    cellClassName: () => "small",
    cellTitle: (e) => e.userAgent ?? undefined,
    sortValue: (e) => e.sourceIp,
    filterText: (e) => `${e.sourceIp ?? ""} ${e.userAgent ?? ""}`,
    csv: csv("source_ip", "user_agent"),
  },
];
