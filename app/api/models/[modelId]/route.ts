// GET /api/models/:modelId — one model over a range: totals, per-pool figures and series, chip-family comparison, actions on its pools
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { handleRead } from "@/lib/http/handle-read";
import { parseInput } from "@/lib/parse-input";
import { jsonBodyResponse, sharedJsonBody } from "@/lib/http/json-body";
import { getModelDetail } from "@/lib/models/get-model-detail";
import { ZModelIdParam } from "@/lib/models/model-dto";
import { ZRangeParams } from "@/lib/telemetry/sql/time-range";

async function handleGet(request: Request, { params }: { params: Promise<{ modelId: string }> }) {
  return handleRead(request, { role: "viewer", query: ZRangeParams }, async ({ query }) => {
    const modelId = parseInput(ZModelIdParam, (await params).modelId);
    return jsonBodyResponse(request, sharedJsonBody(await getModelDetail({ modelId, params: query })));
  });
}

export const GET = withRequestMetrics("/api/models/:modelId", handleGet);
