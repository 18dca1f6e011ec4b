// GET /api/pools/:poolId — one pool over a range: capacity, reservations, per-model figures and series (actions: /api/pools/:poolId/actions)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { handleRead } from "@/lib/http/handle-read";
import { parseInput } from "@/lib/parse-input";
import { jsonBodyResponse, sharedJsonBody } from "@/lib/http/json-body";
import { getPoolDetail } from "@/lib/pools/get-pool-detail";
import { ZPoolIdParam } from "@/lib/fleet/pool-id-param";
import { ZRangeParams } from "@/lib/telemetry/sql/time-range";

async function handleGet(request: Request, { params }: { params: Promise<{ poolId: string }> }) {
  return handleRead(request, { role: "viewer", query: ZRangeParams }, async ({ query }) => {
    const poolId = parseInput(ZPoolIdParam, (await params).poolId);
    return jsonBodyResponse(request, sharedJsonBody(await getPoolDetail({ poolId, params: query })));
  });
}

export const GET = withRequestMetrics("/api/pools/:poolId", handleGet);
