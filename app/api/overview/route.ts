// GET /api/overview — utilization, p95 latency and spend per model for a time range
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { requireRole } from "@/lib/auth/get-request-user";
import { getFleetOverviewBody } from "@/lib/overview/get-fleet-overview";
import { jsonBodyResponse } from "@/lib/http/json-body";
import { ZRangeParams } from "@/lib/telemetry/sql/time-range";
import { errorResponse, parseInput, searchParamsObject } from "@/lib/http/handle-route";

async function handleGet(request: Request) {
  try {
    await requireRole(request, "viewer");
    const params = parseInput(ZRangeParams, searchParamsObject(request.url));
    return jsonBodyResponse(request, await getFleetOverviewBody({ params }));
  } catch (err) {
    return errorResponse(err);
  }
}

export const GET = withRequestMetrics("/api/overview", handleGet);
