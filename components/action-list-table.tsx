import Link from "next/link";
import { ActionStateBadge } from "@/components/action-state-badge";
import { fmtUsdPerHour, fmtUtc } from "@/components/format";
import type { TActionListRow } from "@/lib/fleet/actions/action-list-dto";
import { actionListHref } from "@/lib/fleet/actions/action-list-filters";

const signed = (v: number | null) => (v === null ? "—" : `${v > 0 ? "+" : ""}${fmtUsdPerHour(v)}`);

/**
 * The actions page's and the approvals inbox's table: one row per action, linking to it. The
 * inbox shows why each needs a second person and its $/h change; the actions page its progress.
 */
export function ActionListTable({ rows, variant }: { rows: TActionListRow[]; variant: "all" | "approvals" }) {
  const inbox = variant === "approvals";
  return (
    <div className="scroll-x">
      <table data-testid={inbox ? "approvals-table" : "actions-table"}>
        <thead>
          <tr>
            <th>Requested (UTC)</th>
            <th>Pool</th>
            <th>Action</th>
            {!inbox && <th>State</th>}
            <th>Requested by</th>
            {inbox ? (
              <>
                <th className="num">$/h change</th>
                <th>Needs a second admin because</th>
                <th>Reason</th>
              </>
            ) : (
              <>
                <th>Approved / rejected by</th>
                <th>Started</th>
                <th>Ended</th>
              </>
            )}
            <th>Link</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id} data-action-id={a.id} data-state={a.state}>
              <td>{fmtUtc(a.createdAt)}</td>
              <td>
                <Link href={`/pools/${a.poolId}`}>{a.poolId}</Link>
                {!inbox && (
                  <>
                    {" "}
                    <Link href={actionListHref("/actions", { pool: a.poolId })} className="small muted">
                      (filter)
                    </Link>
                  </>
                )}
              </td>
              <td>
                {a.kind} {a.count}
              </td>
              {!inbox && (
                <td>
                  <ActionStateBadge state={a.state} />
                </td>
              )}
              <td>{a.requestedBy}</td>
              {inbox ? (
                <>
                  <td className="num">{signed(a.usdPerHourChange)}</td>
                  <td style={{ whiteSpace: "normal" }}>
                    <ul className="small" style={{ margin: 0, paddingLeft: 16 }}>
                      {a.approvalReasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  </td>
                  <td style={{ whiteSpace: "normal" }}>{a.reason}</td>
                </>
              ) : (
                <>
                  <td>{a.decidedBy ?? "—"}</td>
                  <td>{a.startedAt ? fmtUtc(a.startedAt) : "—"}</td>
                  <td>{a.finishedAt ? fmtUtc(a.finishedAt) : "—"}</td>
                </>
              )}
              <td>
                <Link href={`/actions/${a.id}`}>{inbox ? "Review" : "Open"}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
