// GET /api/pools/:poolId — one pool over a range: capacity, reservations, per-model figures and series (actions: /api/pools/:poolId/actions)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { requireRole } from "@/lib/auth/get-request-user";
import { errorResponse, parseInput, searchParamsObject } from "@/lib/http/handle-route";
import { jsonBodyResponse, sharedJsonBody } from "@/lib/http/json-body";
import { getPoolDetail } from "@/lib/pools/get-pool-detail";
import { ZPoolIdParam } from "@/lib/fleet/pool-id-param";
import { ZRangeParams } from "@/lib/telemetry/sql/time-range";

async function handleGet(request: Request, { params }: { params: Promise<{ poolId: string }> }) {
  try {
    await requireRole(request, "viewer");
    const poolId = parseInput(ZPoolIdParam, (await params).poolId);
    const range = parseInput(ZRangeParams, searchParamsObject(request.url));
    return jsonBodyResponse(request, sharedJsonBody(await getPoolDetail({ poolId, params: range })));
  } catch (err) {
    return errorResponse(err);
  }
}

export const GET = withRequestMetrics("/api/pools/:poolId", handleGet);
