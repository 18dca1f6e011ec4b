"use client";
import { ActionStateBadge } from "@/components/action-state-badge";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { fmtUtc } from "@/components/format";
import { Panel } from "@/components/panel";
import type { CsvColumn } from "@/lib/csv";
import type { PoolActionDto } from "@/lib/fleet/actions/action-dto";

const CSV: CsvColumn<PoolActionDto>[] = [
  { header: "id", value: (a) => a.id },
  { header: "created_at_utc", value: (a) => a.createdAt },
  { header: "kind", value: (a) => a.kind },
  { header: "count", value: (a) => a.count },
  { header: "state", value: (a) => a.state },
  { header: "requested_by", value: (a) => a.requestedBy },
  { header: "approved_by", value: (a) => a.approvals.map((p) => p.approvedBy).join(" ") },
  { header: "started_at_utc", value: (a) => a.startedAt },
  { header: "finished_at_utc", value: (a) => a.finishedAt },
  { header: "reason", value: (a) => a.reason },
  { header: "error", value: (a) => a.error },
];

export function ActionHistoryTable({ poolId, actions }: { poolId: string; actions: PoolActionDto[] }) {
  return (
    <Panel
      title={`Action history (${actions.length})`}
      testId="action-history"
      actions={<CsvDownloadButton filename={`${poolId}-actions.csv`} columns={CSV} rows={actions} />}
    >
      {actions.length === 0 ? (
        <div className="empty">No launches or drains on this pool yet.</div>
      ) : (
        <div className="scroll-x">
          <table>
            <thead>
              <tr>
                <th>Requested</th>
                <th>Action</th>
                <th>State</th>
                <th>By</th>
                <th>Started</th>
                <th>Finished</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id} data-action-id={a.id} data-state={a.state}>
                  <td>{fmtUtc(a.createdAt)}</td>
                  <td>
                    {a.kind} {a.count}
                  </td>
                  <td>
                    <ActionStateBadge state={a.state} />
                    {a.error && <span className="bad-text small"> {a.error}</span>}
                  </td>
                  <td>{a.requestedBy}</td>
                  <td>{a.startedAt ? fmtUtc(a.startedAt) : "—"}</td>
                  <td>{a.finishedAt ? fmtUtc(a.finishedAt) : "—"}</td>
                  <td style={{ whiteSpace: "normal" }}>{a.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
