// GET /api/models/:modelId — one model over a range: totals, per-pool figures and series, chip-family comparison, actions on its pools
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { requireRole } from "@/lib/auth/get-request-user";
import { errorResponse, parseInput, searchParamsObject } from "@/lib/http/handle-route";
import { jsonBodyResponse, sharedJsonBody } from "@/lib/http/json-body";
import { getModelDetail } from "@/lib/models/get-model-detail";
import { ZModelIdParam } from "@/lib/models/model-dto";
import { ZRangeParams } from "@/lib/telemetry/sql/time-range";

async function handleGet(request: Request, { params }: { params: Promise<{ modelId: string }> }) {
  try {
    await requireRole(request, "viewer");
    const modelId = parseInput(ZModelIdParam, (await params).modelId);
    const range = parseInput(ZRangeParams, searchParamsObject(request.url));
    return jsonBodyResponse(request, sharedJsonBody(await getModelDetail({ modelId, params: range })));
  } catch (err) {
    return errorResponse(err);
  }
}

export const GET = withRequestMetrics("/api/models/:modelId", handleGet);
