// GET /api/metrics — Prometheus text exposition of this process (bearer token when METRICS_TOKEN is set)
import { errorResponse } from "@/lib/http/handle-route";
import { renderMetrics } from "@/lib/observability/render-metrics";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const metrics = await renderMetrics({ authorization: request.headers.get("authorization") });
    return new Response(metrics.body, {
      headers: { "content-type": metrics.contentType, "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
