// POST /api/inventory/sync — run an inventory sync now (admin); 409 while one is running
import { handleMutation } from "@/lib/http/handle-mutation";
import { requestInventorySync } from "@/lib/inventory/run-inventory-sync";
import { withRequestMetrics } from "@/lib/observability/observe-request";

async function handlePost(request: Request) {
  return handleMutation(request, { action: "inventory.sync", role: "admin" }, async ({ user, body, meta }) => ({
    sync: await requestInventorySync({ user, body, meta }),
  }));
}

export const POST = withRequestMetrics("/api/inventory/sync", handlePost);
