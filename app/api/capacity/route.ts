// GET /api/capacity — the reserved-capacity commitment's burn vs plan and forecast, and capacity reservations' use (reserved vs used, idle $) over a range
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { requireRole } from "@/lib/auth/get-request-user";
import { getCapacityOverview } from "@/lib/capacity/get-capacity-overview";
import { errorResponse, parseInput, searchParamsObject } from "@/lib/http/handle-route";
import { jsonBodyResponse, sharedJsonBody } from "@/lib/http/json-body";
import { ZRangeParams } from "@/lib/telemetry/sql/time-range";

async function handleGet(request: Request) {
  try {
    await requireRole(request, "viewer");
    const params = parseInput(ZRangeParams, searchParamsObject(request.url));
    return jsonBodyResponse(request, sharedJsonBody(await getCapacityOverview({ params })));
  } catch (err) {
    return errorResponse(err);
  }
}

export const GET = withRequestMetrics("/api/capacity", handleGet);
