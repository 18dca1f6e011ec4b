"use client";
import { RangeLink } from "@/components/range-link";
import { ActionStateBadge } from "@/components/action-state-badge";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { fmtUtc } from "@/components/format";
import { Panel } from "@/components/panel";
import type { CsvColumn } from "@/lib/csv";
import type { TRecentAction } from "@/lib/overview/on-call-dto";

const CSV: CsvColumn<TRecentAction>[] = [
  { header: "created_at_utc", value: (a) => a.createdAt },
  { header: "pool", value: (a) => a.poolId },
  { header: "kind", value: (a) => a.kind },
  { header: "count", value: (a) => a.count },
  { header: "state", value: (a) => a.state },
  { header: "requested_by", value: (a) => a.requestedBy },
  { header: "started_at_utc", value: (a) => a.startedAt },
  { header: "finished_at_utc", value: (a) => a.finishedAt },
  { header: "reason", value: (a) => a.reason },
];

export function RecentActionsTable({ actions }: { actions: TRecentAction[] }) {
  return (
    <Panel
      title="Recent pool actions"
      testId="recent-actions"
      actions={<CsvDownloadButton filename="recent-pool-actions.csv" columns={CSV} rows={actions} />}
    >
      {actions.length === 0 ? (
        <div className="empty">No launches or drains yet.</div>
      ) : (
        <div className="scroll-x">
          <table>
            <thead>
              <tr>
                <th>Requested</th>
                <th>Pool</th>
                <th>Action</th>
                <th>State</th>
                <th>By</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id} data-action-id={a.id}>
                  <td>{fmtUtc(a.createdAt)}</td>
                  <td>
                    <RangeLink href={`/pools/${a.poolId}`}>{a.poolId}</RangeLink>
                  </td>
                  <td>
                    {a.kind} {a.count}
                  </td>
                  <td>
                    <ActionStateBadge state={a.state} />
                  </td>
                  <td>{a.requestedBy}</td>
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
