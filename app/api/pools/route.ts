// GET /api/pools — every pool's capacity (desired / in service / reserved), utilization sparkline and spend over a range
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { handleRead } from "@/lib/http/handle-read";
import { jsonBodyResponse, sharedJsonBody } from "@/lib/http/json-body";
import { listPools } from "@/lib/pools/list-pools";
import { ZRangeParams } from "@/lib/telemetry/sql/time-range";

async function handleGet(request: Request) {
  return handleRead(request, { role: "viewer", query: ZRangeParams }, async ({ query }) =>
    jsonBodyResponse(request, sharedJsonBody(await listPools({ params: query }))),
  );
}

export const GET = withRequestMetrics("/api/pools", handleGet);
