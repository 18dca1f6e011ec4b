import { NavLinks } from "@/components/nav-links";
import { UserMenu } from "@/components/user-menu";
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
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <div className="shell">
        <nav className="nav" aria-label="Main">
          <div className="brand">Fleet Console</div>
          <NavLinks isAdmin={user.role === "admin"} pendingApprovals={pendingApprovals} />
          <UserMenu name={user.name} role={user.role} via={user.via} />
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </Providers>
  );
}
