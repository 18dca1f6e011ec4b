// GET /api/capacity — the reserved-capacity commitment's burn vs plan and forecast, and capacity reservations' use (reserved vs used, idle $) over a range
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { getCapacityOverview } from "@/lib/capacity/get-capacity-overview";
import { handleRead } from "@/lib/http/handle-read";
import { jsonBodyResponse, sharedJsonBody } from "@/lib/http/json-body";
import { ZRangeParams } from "@/lib/telemetry/sql/time-range";

async function handleGet(request: Request) {
  return handleRead(request, { role: "viewer", query: ZRangeParams }, async ({ query }) =>
    jsonBodyResponse(request, sharedJsonBody(await getCapacityOverview({ params: query }))),
  );
}

export const GET = withRequestMetrics("/api/capacity", handleGet);
