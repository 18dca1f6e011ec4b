import { NavLinks } from "@/components/nav-links";
import { UserMenu } from "@/components/user-menu";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { Providers } from "../providers";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // Pages check the role again themselves: a layout is not re-run on every navigation.
  const user = await requirePageUser("viewer");
  return (
    <Providers>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <div className="shell">
        <nav className="nav" aria-label="Main">
          <div className="brand">Fleet Console</div>
          <NavLinks isAdmin={user.role === "admin"} />
          <UserMenu name={user.name} role={user.role} via={user.via} />
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </Providers>
  );
}
