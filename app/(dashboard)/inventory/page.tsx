import { requirePageUser } from "@/lib/auth/get-page-user";
import { loadPageData } from "@/lib/http/load-page-data";
import { getInventoryOverview } from "@/lib/inventory/read/get-inventory-overview";
import { InventoryClient } from "./client";

export const dynamic = "force-dynamic";

export default async function InventoryPage() {
  const user = await requirePageUser("viewer");
  const result = await loadPageData(() => getInventoryOverview());
  return (
    <>
      <header className="page-header">
        <h1>Inventory</h1>
      </header>
      <InventoryClient
        initialData={result.ok ? result.data : null}
        initialError={result.ok ? null : result.message}
        canSync={user.role === "admin"}
      />
    </>
  );
}
