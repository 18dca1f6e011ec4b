"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState, LoadError, LoadingBlock, RefreshError } from "@/components/query-status";
import type { TSessionList } from "@/lib/auth/session-dto";
import { postRevokeSession, sessionsKey, sessionsQuery } from "@/lib/query-options/sessions-query";
import { sessionColumns } from "./session-columns";

/** Live sessions, most recently used first; revoking one asks for confirmation and an optional reason. */
export function SessionsClient(props: {
  initialData: TSessionList | null;
  initialError: string | null;
  ownUserId: string;
}) {
  const queryClient = useQueryClient();
  const query = useQuery({ ...sessionsQuery(), initialData: props.initialData ?? undefined });
  const [confirming, setConfirming] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const revoke = useMutation({
    mutationFn: postRevokeSession,
    onSuccess: () => {
      setConfirming(null);
      setReason("");
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
  const data = query.data;
  if (!data && props.initialError) return <LoadError what="the sessions" error={new Error(props.initialError)} />;
  if (query.isError && !data) return <LoadError what="the sessions" error={query.error} />;
  if (!data) return <LoadingBlock />;

  return (
    <div aria-busy={query.isFetching}>
      <RefreshError error={query.isError ? query.error : null} />
      <p className="muted small">
        A session ends at its absolute end or after {Math.round(data.idleSeconds / 60)} min unused, whichever comes
        first. Revoking ends it at once, on every replica; the person is sent to sign in on their next request.
      </p>
      <p role="status" className="small">
        {revoke.isError
          ? `Revoke refused: ${revoke.error.message}`
          : revoke.data
            ? `Revoked ${revoke.data.revoked.userId}'s session`
            : ""}
      </p>
      {data.sessions.length === 0 ? (
        <EmptyState>No one is signed in.</EmptyState>
      ) : (
        <section className="panel">
          <h2>
            {data.sessions.length} live session{data.sessions.length === 1 ? "" : "s"}
          </h2>
          <DataTable
            testId="sessions-table"
            label="Live sessions"
            columns={sessionColumns({
              ownUserId: props.ownUserId,
              action: (s) =>
                confirming === s.id ? (
                  <span className="toolbar">
                    <label className="small">
                      Reason (optional){" "}
                      <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
                    </label>
                    <button
                      type="button"
                      className="primary"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate({ id: s.id, reason })}
                    >
                      {revoke.isPending ? "Revoking…" : `Revoke ${s.userName}'s session`}
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </span>
                ) : (
                  <button type="button" onClick={() => setConfirming(s.id)}>
                    Revoke…
                  </button>
                ),
            })}
            rows={data.sessions}
            rowKey={(s) => s.id}
            rowAttributes={(s) => ({ "data-session-user": s.userId })}
            searchPlaceholder="user, role, source"
            csvFilename="live-sessions.csv"
          />
        </section>
      )}
    </div>
  );
}
