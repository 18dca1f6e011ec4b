import { requirePageUser } from "@/lib/auth/get-page-user";
import { listSessions } from "@/lib/auth/list-sessions";
import { loadPageData } from "@/lib/http/load-page-data";
import { SessionsClient } from "./client";

export const dynamic = "force-dynamic";

// Admins only: who is signed in, from where, and a revoke that ends a session at once.
export default async function SessionsPage() {
  const user = await requirePageUser("viewer");
  if (user.role !== "admin")
    return (
      <>
        <header className="page-header">
          <h1>Signed-in sessions</h1>
        </header>
        <div className="banner warn" role="alert">
          This page needs the admin role; you are signed in as {user.role}.
        </div>
      </>
    );
  const result = await loadPageData(() => listSessions());
  return (
    <>
      <header className="page-header">
        <h1>Signed-in sessions</h1>
      </header>
      <SessionsClient
        initialData={result.ok ? result.data : null}
        initialError={result.ok ? null : result.message}
        ownUserId={user.id}
      />
    </>
  );
}
