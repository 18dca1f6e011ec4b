import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { getPoolAction } from "@/lib/fleet/actions/get-pool-action";
import { loadPageData } from "@/lib/http/load-page-data";
import { ActionDetail } from "./action-detail";

export const dynamic = "force-dynamic";

// One action: what was asked, the preview the requester saw, the decision (approve or reject, with
// comments) and its progress, followed live. Viewers may read it; an admin other than the requester decides.
export default async function ActionPage({ params }: { params: Promise<{ actionId: string }> }) {
  const user = await requirePageUser("viewer");
  const { actionId } = await params;
  const result = await loadPageData(() => getPoolAction({ actionId }));
  if (!result.ok && result.code === "NOT_FOUND") notFound();
  return (
    <>
      <header className="page-header">
        <div>
          <div className="small muted">
            <Link href="/actions">Actions</Link> /
          </div>
          <h1>Action {actionId.slice(0, 8)}</h1>
        </div>
      </header>
      {result.ok ? (
        <ActionDetail initial={result.data} user={{ id: user.id, role: user.role }} />
      ) : (
        <div className="banner bad" role="alert">
          Could not load the action: {result.message}
        </div>
      )}
    </>
  );
}
