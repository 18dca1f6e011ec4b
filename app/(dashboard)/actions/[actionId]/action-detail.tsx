"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ActionStateBadge } from "@/components/action-state-badge";
import { fmtUsdPerHour, fmtUtc } from "@/components/format";
import { Panel } from "@/components/panel";
import { ActionProgress } from "@/components/pool-actions/action-progress";
import { PreviewSummary } from "@/components/pool-actions/preview-summary";
import type { Role } from "@/lib/auth/roles";
import type { PoolActionDto } from "@/lib/fleet/actions/action-dto";
import { ZActionPreview } from "@/lib/fleet/actions/action-preview-dto";
import { usdPerHourChange } from "@/lib/fleet/actions/usd-per-hour-change";
import { actionQuery } from "@/lib/query-options/action-query";
import { DecisionForm } from "./decision-form";

/** The approver's view: the requester's preview, why it needs a second admin, the decision, the progress. */
export function ActionDetail({ initial, user }: { initial: PoolActionDto; user: { id: string; role: Role } }) {
  const query = useQuery({ ...actionQuery(initial.id), initialData: { action: initial } });
  const action = query.data.action;
  // Stored JSON is parsed, not cast: a preview this version cannot read is said so, not guessed at.
  const preview = ZActionPreview.safeParse(action.preview);
  const change = preview.success ? usdPerHourChange(preview.data) : null;
  const canDecide = user.role === "admin" && action.requestedBy !== user.id && action.state === "awaiting_approval";

  return (
    <div data-testid="action-detail" data-action-id={action.id} data-state={action.state}>
      <Panel title="Request">
        <p>
          <strong>
            {action.kind === "launch" ? "Launch" : "Drain"} {action.count}
          </strong>{" "}
          on <Link href={`/pools/${action.poolId}`}>{action.poolId}</Link> · <ActionStateBadge state={action.state} />
        </p>
        <p>
          Requested by <strong>{action.requestedBy}</strong> ({action.requestedRole}) at {fmtUtc(action.createdAt)}: “
          {action.reason}”
        </p>
        {action.approvalReasons.length > 0 && (
          <div data-testid="approval-reasons">
            <h3 className="small">Needs a second admin because</h3>
            <ul>
              {action.approvalReasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
        )}
        {action.overrides && Object.keys(action.overrides).length > 0 && (
          <div>
            <h3 className="small">Guardrails overridden by the requester</h3>
            <ul>
              {Object.entries(action.overrides).map(([key, why]) => (
                <li key={key}>
                  <code>{key}</code>: “{why}”
                </li>
              ))}
            </ul>
          </div>
        )}
        {action.state === "awaiting_approval" && action.approvalDeadline && (
          <p className="small muted">
            Waits for a decision until {fmtUtc(action.approvalDeadline)}; then it is cancelled. Parameters hash{" "}
            <code>{action.requestHash.slice(0, 12)}…</code>
          </p>
        )}
      </Panel>

      <Panel title="Decision" testId="decision">
        {action.approvals.map((a) => (
          <p key={a.approvedAt} data-testid="approval">
            <span className="badge ok">approved</span> by <strong>{a.approvedBy}</strong> at {fmtUtc(a.approvedAt)}
            {a.comment ? <>: “{a.comment}”</> : " (no comment)"}
          </p>
        ))}
        {action.rejection && (
          <p data-testid="rejection">
            <span className="badge bad">rejected</span> by <strong>{action.rejection.rejectedBy}</strong> at{" "}
            {fmtUtc(action.rejection.rejectedAt)}: “{action.rejection.comment}”. It will not run.
          </p>
        )}
        {action.state === "awaiting_approval" &&
          (canDecide ? (
            <DecisionForm action={action} />
          ) : (
            <p className="muted">
              {action.requestedBy === user.id
                ? "Waiting for an admin other than you to approve or reject it."
                : "Waiting for an admin other than the requester to approve or reject it."}
            </p>
          ))}
        {action.approvals.length === 0 && !action.rejection && action.state !== "awaiting_approval" && (
          <p className="muted">
            {action.approvalReasons.length === 0
              ? "No second person was needed under the approval policy."
              : "Not decided (it ended before anyone did)."}
          </p>
        )}
      </Panel>

      <Panel title="Preview the requester saw" testId="stored-preview">
        {preview.success ? (
          <>
            <p className="small muted">
              Computed {fmtUtc(preview.data.computedAt)}; the guardrails are checked again on the fleet as it is when
              approved and before the first step. Bill change:{" "}
              <strong data-testid="usd-per-hour-change">
                {change === null ? "—" : `${change > 0 ? "+" : ""}${fmtUsdPerHour(change)}`}
              </strong>
            </p>
            <PreviewSummary preview={preview.data} />
            {preview.data.drain && (
              <>
                <h3 className="small">Instances chosen ({preview.data.drain.instances.length})</h3>
                <ul className="small" data-testid="chosen-instances">
                  {preview.data.drain.instances.map((i) => (
                    <li key={i.instanceId}>
                      <code>{i.instanceId}</code>
                      {i.nodeName ? (
                        <>
                          {" "}
                          on node <code>{i.nodeName}</code>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        ) : (
          <p className="muted">This action&rsquo;s stored preview is in a form this version cannot read.</p>
        )}
      </Panel>

      <Panel title="Progress">
        <ActionProgress action={action} />
      </Panel>
    </div>
  );
}
