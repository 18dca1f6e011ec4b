import Link from "next/link";
import type { ReactNode } from "react";
import type { SessionUser } from "@/lib/auth/roles";
import { NavLinks } from "./nav-links";
import { NavMenu } from "./nav-menu";
import { UserMenu } from "./user-menu";

/**
 * The dashboard's frame: skip link, main navigation (a top bar with a menu button on phones) and
 * the main region. Shared by the dashboard layout and the app's 404, so an unknown address keeps
 * the whole navigation. `user` null: the 404 of someone not signed in.
 */
export function DashboardShell({
  user,
  pendingApprovals = null,
  children,
}: {
  user: SessionUser | null;
  /** Actions waiting for an admin's approval (admins only; null: not counted). */
  pendingApprovals?: number | null;
  children: ReactNode;
}) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <div className="shell">
        <nav className="nav" aria-label="Main">
          <div className="brand">Fleet Console</div>
          <NavMenu>
            <NavLinks isAdmin={user?.role === "admin"} pendingApprovals={pendingApprovals} />
            {user ? (
              <UserMenu name={user.name} role={user.role} via={user.via} />
            ) : (
              <p className="small nav-sign-in">
                <Link href="/signin">Sign in</Link>
              </p>
            )}
          </NavMenu>
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}
