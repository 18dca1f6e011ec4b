import { DashboardShell } from "@/components/dashboard-shell";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { Providers } from "../providers";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // Pages check the role again themselves: a layout is not re-run on every navigation.
  const user = await requirePageUser("viewer");
  return (
    <Providers>
      <DashboardShell user={user}>{children}</DashboardShell>
    </Providers>
  );
}
