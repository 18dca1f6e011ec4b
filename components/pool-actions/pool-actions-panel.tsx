"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { isActiveState } from "@/lib/fleet/actions/action-dto";
import Link from "next/link";
import { postCancelPoolAction, poolActionsKey, poolActionsQuery } from "@/lib/query-options/pool-actions-query";
import { ActionDialog } from "./action-dialog";
import { ActionProgress } from "./action-progress";

// Launch / drain controls, the live progress of the pool's active action and its approval.
// Rendered by the pool page; shows nothing to viewers (the API refuses them anyway).
export function PoolActionsPanel(props: { poolId: string; canOperate: boolean; canApprove: boolean; userId: string }) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<"launch" | "drain" | null>(null);
  const actions = useQuery({ ...poolActionsQuery(props.poolId), enabled: props.canOperate || props.canApprove });
  const refresh = () => queryClient.invalidateQueries({ queryKey: poolActionsKey(props.poolId) });
  const cancel = useMutation({ mutationFn: postCancelPoolAction, onSuccess: refresh });
  if (!props.canOperate && !props.canApprove) return null;

  const active = actions.data?.actions.find((a) => isActiveState(a.state));
  const latest = actions.data?.actions[0];
  // "Recent" is judged against when the list was fetched, which keeps rendering pure.
  const shown =
    active ?? (latest && actions.dataUpdatedAt - Date.parse(latest.createdAt) < 3600_000 ? latest : undefined);

  return (
    <section className="panel" aria-label="Pool operations" data-pool-id={props.poolId}>
      <h2>
        Pool operations
        {props.canOperate && (
          <span className="toolbar">
            <button type="button" onClick={() => setDialog("launch")} disabled={!!active}>
              Launch…
            </button>
            <button type="button" onClick={() => setDialog("drain")} disabled={!!active}>
              Drain…
            </button>
          </span>
        )}
      </h2>
      {actions.isError && (
        <p role="alert" className="bad-text">
          Could not load actions: {actions.error.message}
        </p>
      )}
      {active && (
        <p className="muted small">
          One action at a time per pool: launch and drain are available again when this one ends.
        </p>
      )}
      {shown ? (
        <ActionProgress
          action={shown}
          cancelling={cancel.isPending}
          onCancel={props.canOperate ? () => cancel.mutate(shown.id) : undefined}
        />
      ) : (
        <p className="muted">No action in the last hour.</p>
      )}
      {shown?.state === "awaiting_approval" && (
        <div className="banner warn">
          Needs approval by an admin other than {shown.requestedBy}: {shown.approvalReasons.join("; ")}.{" "}
          {/* The decision is made where the whole preview is shown, not from this one line. */}
          <Link href={`/actions/${shown.id}`}>
            {props.canApprove && shown.requestedBy !== props.userId ? "Review and approve or reject →" : "Open →"}
          </Link>
        </div>
      )}
      {shown?.rejection && (
        <div className="banner bad" data-testid="rejection">
          Rejected by {shown.rejection.rejectedBy}: “{shown.rejection.comment}”
        </div>
      )}
      {cancel.isError && (
        <p role="alert" className="bad-text">
          {cancel.error.message}
        </p>
      )}
      {dialog && <ActionDialog poolId={props.poolId} kind={dialog} onClose={() => setDialog(null)} />}
    </section>
  );
}
