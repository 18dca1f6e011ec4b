// GET /api/models — every model's utilization, latency vs SLO, throughput, spend, cost per unit, pools and Trainium-vs-Graviton comparison over a range
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { requireRole } from "@/lib/auth/get-request-user";
import { errorResponse, parseInput, searchParamsObject } from "@/lib/http/handle-route";
import { jsonBodyResponse, sharedJsonBody } from "@/lib/http/json-body";
import { listModels } from "@/lib/models/list-models";
import { ZRangeParams } from "@/lib/telemetry/sql/time-range";

async function handleGet(request: Request) {
  try {
    await requireRole(request, "viewer");
    const params = parseInput(ZRangeParams, searchParamsObject(request.url));
    return jsonBodyResponse(request, sharedJsonBody(await listModels({ params })));
  } catch (err) {
    return errorResponse(err);
  }
}

export const GET = withRequestMetrics("/api/models", handleGet);
