// GET /api/overview — utilization, p95 latency and spend per model for a time range
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { getFleetOverviewBody } from "@/lib/overview/get-fleet-overview";
import { handleRead } from "@/lib/http/handle-read";
import { jsonBodyResponse } from "@/lib/http/json-body";
import { ZRangeParams } from "@/lib/telemetry/sql/time-range";

async function handleGet(request: Request) {
  return handleRead(request, { role: "viewer", query: ZRangeParams }, async ({ query }) =>
    jsonBodyResponse(request, await getFleetOverviewBody({ params: query })),
  );
}

export const GET = withRequestMetrics("/api/overview", handleGet);
