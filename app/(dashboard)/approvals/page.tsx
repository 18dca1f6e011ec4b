import Link from "next/link";
import { ActionListTable } from "@/components/action-list-table";
import { Panel } from "@/components/panel";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { listActions } from "@/lib/fleet/actions/list-actions";
import { loadPageData } from "@/lib/http/load-page-data";

export const dynamic = "force-dynamic";

// The approvals inbox: every action waiting for a second admin. Anyone signed in may read it (an
// operator sees what their request waits on); only an admin other than the requester decides.
export default async function ApprovalsPage() {
  const user = await requirePageUser("viewer");
  const result = await loadPageData(() => listActions({ query: { state: "awaiting_approval" } }));
  return (
    <>
      <header className="page-header">
        <h1>Approvals</h1>
      </header>
      {!result.ok ? (
        <div className="banner bad" role="alert">
          Could not load the approvals: {result.message}
        </div>
      ) : (
        <Panel title={`Waiting for approval (${result.data.actions.length})`} testId="approvals">
          <p className="muted small">
            {user.role === "admin"
              ? "Open one to see the preview its requester saw, then approve or reject it (with a comment). You cannot decide on your own requests."
              : "Only an admin other than the requester can approve or reject these."}{" "}
            Decided ones are on the <Link href="/actions">actions page</Link>.
          </p>
          {result.data.actions.length === 0 ? (
            <div className="empty">Nothing is waiting for approval.</div>
          ) : (
            <ActionListTable rows={result.data.actions} variant="approvals" />
          )}
        </Panel>
      )}
    </>
  );
}
