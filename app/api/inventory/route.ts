// GET /api/inventory — inventory sources, their last sync, recent syncs and changes, open problems (viewer)
import { getInventoryOverview } from "@/lib/inventory/read/get-inventory-overview";
import { handleRead } from "@/lib/http/handle-read";
import { withRequestMetrics } from "@/lib/observability/observe-request";

async function handleGet(request: Request) {
  return handleRead(request, { role: "viewer" }, () => getInventoryOverview());
}

export const GET = withRequestMetrics("/api/inventory", handleGet);
