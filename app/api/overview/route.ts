// GET /api/overview — utilization, p95 latency and spend per model for a time range
import { requireRole } from "@/lib/auth/get-request-user";
import { getFleetOverview } from "@/lib/overview/get-fleet-overview";
import { ZRangeParams } from "@/lib/telemetry/queries/time-range";
import { errorResponse, jsonOk, parseInput, searchParamsObject } from "@/lib/http/handle-route";

export async function GET(request: Request) {
  try {
    await requireRole(request, "viewer");
    const params = parseInput(ZRangeParams, searchParamsObject(request.url));
    return jsonOk(await getFleetOverview({ params }));
  } catch (err) {
    return errorResponse(err);
  }
}
