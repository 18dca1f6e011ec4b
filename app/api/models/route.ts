// GET /api/models — every model's utilization, latency vs SLO, throughput, spend, cost per unit, pools and Trainium-vs-Graviton comparison over a range
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { handleRead } from "@/lib/http/handle-read";
import { jsonBodyResponse, sharedJsonBody } from "@/lib/http/json-body";
import { listModels } from "@/lib/models/list-models";
import { ZRangeParams } from "@/lib/telemetry/sql/time-range";

async function handleGet(request: Request) {
  return handleRead(request, { role: "viewer", query: ZRangeParams }, async ({ query }) =>
    jsonBodyResponse(request, sharedJsonBody(await listModels({ params: query }))),
  );
}

export const GET = withRequestMetrics("/api/models", handleGet);
