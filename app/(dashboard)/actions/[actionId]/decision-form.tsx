"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { PoolActionDto } from "@/lib/fleet/actions/action-dto";
import { actionKey } from "@/lib/query-options/action-query";
import { postApprovePoolAction, postRejectPoolAction, poolActionsKey } from "@/lib/query-options/pool-actions-query";

const MIN_REJECT_COMMENT = 5;

/** Approve (comment optional) or reject (comment required): both bound to the parameters shown above. */
export function DecisionForm({ action }: { action: PoolActionDto }) {
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const onSuccess = (data: { action: PoolActionDto }) => {
    queryClient.setQueryData(actionKey(action.id), data);
    void queryClient.invalidateQueries({ queryKey: poolActionsKey(action.poolId) });
  };
  const approve = useMutation({
    mutationFn: () => postApprovePoolAction(action.id, action.requestHash, comment.trim() || undefined),
    onSuccess,
  });
  const reject = useMutation({
    mutationFn: () => postRejectPoolAction(action.id, action.requestHash, comment.trim()),
    onSuccess,
  });
  const busy = approve.isPending || reject.isPending;
  const canReject = comment.trim().length >= MIN_REJECT_COMMENT;
  const error = approve.error ?? reject.error;

  return (
    <form onSubmit={(e) => e.preventDefault()} aria-label="Approve or reject">
      <label htmlFor="decision-comment" className="small">
        Comment (the requester sees it; required to reject)
      </label>
      <textarea
        id="decision-comment"
        rows={3}
        maxLength={1000}
        style={{ width: "100%" }}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy} onClick={() => approve.mutate()}>
          Approve
        </button>
        <button
          type="button"
          disabled={busy || !canReject}
          onClick={() => reject.mutate()}
          aria-describedby="reject-hint"
        >
          Reject
        </button>
        {!canReject && (
          <span id="reject-hint" className="small muted">
            Say why to reject (at least {MIN_REJECT_COMMENT} characters).
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="bad-text">
          {error.message}
        </p>
      )}
    </form>
  );
}
