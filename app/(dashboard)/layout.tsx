import { NavLinks } from "@/components/nav-links";
import { Providers } from "../providers";

export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return (
    <Providers>
      <div className="shell">
        <nav className="nav" aria-label="Main">
          <div className="brand">Fleet Console</div>
          <NavLinks />
        </nav>
        <main className="main">{children}</main>
      </div>
    </Providers>
  );
}
