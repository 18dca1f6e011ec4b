// GET /api/pools — every pool's capacity (desired / in service / reserved), utilization sparkline and spend over a range
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { requireRole } from "@/lib/auth/get-request-user";
import { errorResponse, parseInput, searchParamsObject } from "@/lib/http/handle-route";
import { jsonBodyResponse, sharedJsonBody } from "@/lib/http/json-body";
import { listPools } from "@/lib/pools/list-pools";
import { ZRangeParams } from "@/lib/telemetry/sql/time-range";

async function handleGet(request: Request) {
  try {
    await requireRole(request, "viewer");
    const params = parseInput(ZRangeParams, searchParamsObject(request.url));
    return jsonBodyResponse(request, sharedJsonBody(await listPools({ params })));
  } catch (err) {
    return errorResponse(err);
  }
}

export const GET = withRequestMetrics("/api/pools", handleGet);
