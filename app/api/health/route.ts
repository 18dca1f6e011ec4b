// GET /api/health — database reachability and telemetry lag (503 only when the database is down)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { getHealth } from "@/lib/health/get-health";
import { handleRead } from "@/lib/http/handle-read";
import { jsonOk } from "@/lib/http/handle-route";

async function handleGet(request: Request) {
  return handleRead(request, { role: null }, async () => {
    const health = await getHealth();
    return jsonOk(health, { status: health.status === "down" ? 503 : 200 });
  });
}

export const GET = withRequestMetrics("/api/health", handleGet);
