import { connection } from "next/server";
import { DashboardShell } from "@/components/dashboard-shell";
import { NotFoundView } from "@/components/not-found-view";
import { getPageUser } from "@/lib/auth/get-page-user";

// An address no route matches, in the dashboard's own frame (navigation, user menu). Rendered per
// request, not prerendered, so its scripts carry the request's CSP nonce (a prerendered page's
// inline scripts are refused by the policy).
export default async function NotFound() {
  await connection();
  // Who is asking only decides the user menu: a 404 for someone without a session (or a role, or
  // while sessions cannot be read) is still this page, with a sign-in link instead.
  const user = await getPageUser().catch(() => null);
  return (
    <DashboardShell user={user}>
      <NotFoundView />
    </DashboardShell>
  );
}
