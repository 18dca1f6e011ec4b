import { DashboardShell } from "@/components/dashboard-shell";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { countPendingApprovals } from "@/lib/fleet/actions/list-actions";
import { Providers } from "../providers";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // Pages check the role again themselves: a layout is not re-run on every navigation.
  const user = await requirePageUser("viewer");
  // The count is as of this render (a full load or a refresh); the overview's Needs attention and
  // the inbox itself are current. An unreachable database must not take the navigation down with it: no count, not 0.
  const pendingApprovals = user.role === "admin" ? await countPendingApprovals().catch(() => null) : null;
  return (
    <Providers>
      <DashboardShell user={user} pendingApprovals={pendingApprovals}>
        {children}
      </DashboardShell>
    </Providers>
  );
}
